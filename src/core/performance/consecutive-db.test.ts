import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { detectPerformanceProblems, performanceEvidence, performanceTitle } from './detect';
import { transaction, type SpanSpec } from './test-transactions';

const md5_16 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex').slice(0, 16);
const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');
const consecutive = (event: SentryEvent) => detectPerformanceProblems(event).filter((p) => p.issueType === 'performance_consecutive_db_queries');
const q = (description: string, durationMs: number): SpanSpec => ({ op: 'db', description, durationMs });
const ids = (event: SentryEvent) => (event.spans as { span_id: string }[]).map((s) => s.span_id);

const CUSTOMER = 'SELECT `customer`.`id` FROM `customers` WHERE `customer`.`name` = $1';
const AUTHOR = 'SELECT `order`.`id` FROM `books_author` WHERE `author`.`type` = $1';
const COUNT = 'SELECT COUNT(*) FROM `products`';

// Facts of Sentry's test_consecutive_db_detector.py: the same spans, durations and outcomes.
describe('Consecutive DB Queries detector (Sentry ConsecutiveDBSpanDetector)', () => {
  it('three independent queries of 1 s one after another: the two after the first could run alongside it', () => {
    const queries = ['SELECT `customer`.`id` FROM `customers`', 'SELECT `order`.`id` FROM `books_author`', 'SELECT `product`.`id` FROM `products`'];
    const event = transaction('GET /dashboard', queries.map((d) => q(d, 1000)));
    const [problem, ...rest] = consecutive(event);
    expect(rest).toEqual([]);
    const [a, b, c] = ids(event);
    expect(problem).toMatchObject({ op: 'db', description: queries[1], causeSpanIds: [a, b, c], offenderSpanIds: [b, c],
      offendingSpans: `db - ${queries[1]}`, evidence: { repeatingSpans: `db - ${queries[1]}`, numRepeatingSpans: '2' } });
    // `fingerprint_spans`: the query before the first independent one, then the independent ones, their hashes joined by "-".
    expect(problem?.fingerprint).toBe(`1-1007-${sha1(queries.map(md5_16).join('-'))}`);
    expect(performanceEvidence(event, problem!.fingerprint)?.rows).toEqual([
      { key: 'transaction', label: 'Transaction', value: 'GET /dashboard' },
      { key: 'starting-span', label: 'Starting Span', value: queries[0] },
      { key: 'parallelizable-spans', label: 'Parallelizable Spans', value: [queries[1], queries[2]] },
      // Saved: 3000 ms in all less the longest of (1000 ms independent, 1000 ms dependent).
      { key: 'duration-impact', label: 'Duration Impact', value: '67% (2.00s/3.00s)' },
    ]);
    expect(performanceTitle(problem!).title).toBe('Consecutive DB Queries');
  });

  it('two dependent queries then a 900 ms COUNT: 100 ms saved is enough; with 10 ms queries it is not', () => {
    const event = transaction('GET /shop', [q(CUSTOMER, 50), q(AUTHOR, 50), q(COUNT, 900)]);
    const [problem] = consecutive(event);
    expect(problem?.offenderSpanIds).toEqual([ids(event)[2]]);
    expect(problem?.description).toBe(COUNT);
    expect(consecutive(transaction('GET /shop', [q(CUSTOMER, 10), q(AUTHOR, 10), q(COUNT, 900)]))).toEqual([]);
  });

  it('saving less than a tenth of the run is no problem (100, 100, 3000 ms)', () => {
    expect(consecutive(transaction('GET /shop', [q(CUSTOMER, 100), q(AUTHOR, 100), q(COUNT, 3000)]))).toEqual([]);
  });

  it('queries with WHERE, literals, placeholders or cut short, and fast ones, are not independent', () => {
    const first = 'SELECT `customer`.`id` FROM `customers`';
    expect(consecutive(transaction('GET /x', [q(first, 10), q('SELECT `order`.`id` FROM `books_author` WHERE `order`.`name` = %s', 10),
      q('SELECT `product`.`id` FROM `products` ...', 10)]))).toEqual([]);
    const literal = (v: string) => q(`SELECT m.* FROM authors a INNER JOIN books b ON a.book_id = b.id AND b.another_id = '${v}' ORDER BY b.created_at DESC`, 750);
    expect(consecutive(transaction('GET /x', [literal('a'), literal('b'), literal('c')]))).toEqual([]);
    // Each independent query must take over 30 ms.
    expect(consecutive(transaction('GET /x', [q(first, 1), q('SELECT `order`.`id` FROM `books_author`', 1), q(COUNT, 1)]))).toEqual([]);
  });

  it('only queries one after another count: an overlapping query (run in parallel) ends the run', () => {
    const event = transaction('GET /x', [q(CUSTOMER, 50), { ...q(AUTHOR, 50), parallel: true }, q(COUNT, 900)]);
    expect(consecutive(event)).toEqual([]);
  });

  it('the same shape with more truncated queries before the slow one groups the same way', () => {
    const cut = 'SELECT `customer`.`id` FROM `customers`...';
    const a = consecutive(transaction('GET /x', [q(CUSTOMER, 50), q(cut, 20), q(cut, 20), q(cut, 20), q(COUNT, 900)]));
    const b = consecutive(transaction('GET /x', [q(CUSTOMER, 50), q(cut, 20), q(cut, 20), q(cut, 20), q(cut, 20), q(cut, 20), q(COUNT, 900)]));
    expect(a[0]?.fingerprint).toBeDefined();
    expect(a[0]?.fingerprint).toBe(b[0]?.fingerprint);
  });

  it('leaves out GraphQL endpoints and PHP SDKs', () => {
    const base = () => transaction('POST /api', [q(CUSTOMER, 50), q(AUTHOR, 50), q(COUNT, 900)]);
    expect(consecutive({ ...base(), request: { url: 'https://url.dev/api/my-endpoint', method: 'POST' } })).toHaveLength(1);
    expect(consecutive({ ...base(), request: { url: 'https://url.dev/api/graphql', method: 'POST' } })).toEqual([]);
    expect(consecutive({ ...base(), sdk: { name: 'sentry.php.laravel' } })).toEqual([]);
  });
});
