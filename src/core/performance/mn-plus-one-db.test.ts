import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { detectPerformanceProblems, performanceEvidence, performanceTitle } from './detect';
import { parameterizeQuery } from './span-view';
import { spanId, transaction, type SpanSpec } from './test-transactions';

const md5_16 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex').slice(0, 16);
const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');
const mn = (event: SentryEvent) => detectPerformanceProblems(event).filter((p) => p.fingerprint.startsWith('1-1011-'));

const AUTHOR = 'SELECT * FROM "authors" WHERE "id" = $1';
const PUBLISHER = 'SELECT * FROM "publishers" WHERE "id" = $1';

/** `render books` (a function span under the root), then per book its author's query, its publisher's query and a serialize step. */
function books(n: number, queryMs: number, opts: { parent?: string | null } = {}): SentryEvent & { parentId: string } {
  const parentId = spanId();
  const loop: SpanSpec[] = Array.from({ length: n }, () => [
    { op: 'db', description: AUTHOR, durationMs: queryMs },
    { op: 'db', description: PUBLISHER, durationMs: queryMs },
    { op: 'serialize', description: 'book', durationMs: 1 },
  ]).flat().map((s) => (opts.parent === null ? s : { ...s, parent: opts.parent ?? parentId }));
  const event = transaction('GET /books', [{ op: 'function', description: 'render books', durationMs: 0.5 }, ...loop]);
  const spans = event.spans as { span_id: string }[];
  spans[0]!.span_id = parentId;
  return Object.assign(event, { parentId });
}

// Facts of Sentry's test_m_n_plus_one_db_detector.py: a repeating sequence with a query, at least 3 repetitions,
// at least 50 ms in all, under a common parent span of the transaction.
describe('MN+1 DB detector (Sentry MNPlusOneDBSpanDetector)', () => {
  it('a query-query-render sequence repeated under one parent is an N+1 Query fingerprinted as type 1011', () => {
    const event = books(4, 6);
    const [problem, ...rest] = mn(event);
    expect(rest).toEqual([]);
    const ids = (event.spans as { span_id: string; op: string }[]).slice(1);
    expect(problem).toMatchObject({ issueType: 'performance_n_plus_one_db_queries', op: 'db', description: AUTHOR, parentSpanIds: [event.parentId],
      offenderSpanIds: ids.map((s) => s.span_id), causeSpanIds: ids.filter((s) => s.op === 'db').map((s) => s.span_id) });
    // sha1 of the parent's op and hash, then the first query's hash (its span group: the query with its values parameterised).
    expect(problem?.fingerprint).toBe(`1-1011-${sha1(`function${md5_16('render books')}${md5_16(parameterizeQuery(AUTHOR) ?? AUTHOR)}`)}`);
    expect(performanceTitle(problem!).title).toBe('N+1 Query');
    expect(performanceEvidence(event, problem!.fingerprint)?.rows).toEqual([
      { key: 'transaction', label: 'Transaction', value: 'GET /books' },
      { key: 'parent-span', label: 'Parent Span', value: 'function - render books' },
      { key: 'preceding-span', label: 'Preceding Span', value: AUTHOR },
      { key: 'repeating-spans', label: 'Repeating Spans (8)', value: [AUTHOR, PUBLISHER] },
      { key: 'offending-spans', label: 'Offending Spans', value: `db - ${AUTHOR}` },
    ]);
  });

  it('needs 3 repetitions and 50 ms', () => {
    expect(mn(books(2, 20))).toEqual([]);
    expect(mn(books(3, 20))).toHaveLength(1);
    expect(mn(books(4, 3))).toEqual([]);
  });

  it('needs a common parent among the spans: a loop right under the transaction is not reported', () => {
    expect(mn(books(4, 6, { parent: null }))).toEqual([]);
  });

  it('an N+1 (one query repeated) is not an MN+1', () => {
    const n1 = transaction('GET /x', [{ op: 'function', description: 'load', durationMs: 1 },
      ...Array.from({ length: 8 }, () => ({ op: 'db', description: AUTHOR, durationMs: 10 }))]);
    expect(mn(n1)).toEqual([]);
  });
});
