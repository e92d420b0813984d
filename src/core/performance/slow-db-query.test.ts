import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectPerformanceProblems, issueTypeOfFingerprint, performanceEvidence, performanceTitle } from './detect';
import { SLOW_DB_QUERY_SETTINGS } from './slow-db-query';
import { transaction } from './test-transactions';

const md5_16 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex').slice(0, 16);
const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');
const slowOnes = (event: Parameters<typeof detectPerformanceProblems>[0]) =>
  detectPerformanceProblems(event).filter((p) => p.issueType === 'performance_slow_db_query');

// Facts of Sentry's test_slow_db_span_detector.py: 499 ms is not slow, 1001 ms is; `db.query` counts, `http.client` and
// DELETE do not; a query cut short ("...") is left out.
describe('Slow DB Query detector (Sentry SlowDBQueryDetector)', () => {
  const query = "SELECT * FROM orders WHERE customer_id = 42 AND status = 'open'";

  it('finds one SELECT of at least 500 ms and shows its evidence as Sentry does', () => {
    const event = transaction('GET /orders', [{ op: 'db', description: query, durationMs: 1001 }, { op: 'http.client', description: 'GET https://x.test/', durationMs: 999 }]);
    const [problem, ...rest] = slowOnes(event);
    expect(rest).toEqual([]);
    const spanId = (event.spans as { span_id: string }[])[0]!.span_id;
    expect(problem).toMatchObject({
      issueType: 'performance_slow_db_query', op: 'db', description: query, offenderSpanIds: [spanId], causeSpanIds: [], parentSpanIds: [],
      offendingSpans: `db - ${query}`, evidence: { repeatingSpans: `db - ${query}`, repeatingSpansCompact: query, numRepeatingSpans: '1' },
    });
    // Grouped by the span hash: the query with its literals parameterised.
    expect(problem?.fingerprint).toBe(`1-1001-${sha1(md5_16('SELECT * FROM orders WHERE customer_id = %s AND status = %s'))}`);
    expect(issueTypeOfFingerprint(problem!.fingerprint)).toBe('performance_slow_db_query');
    const evidence = performanceEvidence(event, problem!.fingerprint);
    expect(evidence?.rows).toEqual([
      { key: 'transaction', label: 'Transaction', value: 'GET /orders' },
      { key: 'slow-db-query', label: 'Slow DB Query', value: query },
      // 1001 ms of a 2001 ms transaction.
      { key: 'duration-impact', label: 'Duration Impact', value: '50% (1.00s/2.00s)' },
    ]);
    expect(performanceTitle(problem!)).toEqual({ title: 'Slow DB Query', culprit: 'GET /orders', type: 'transaction',
      metadata: { value: 'SELECT * FROM orders WHERE customer_id = %s AND status = %s', issueType: 'performance_slow_db_query' } });
  });

  it('needs the threshold: 499 ms is not slow, 500 ms is', () => {
    const at = (ms: number) => slowOnes(transaction('GET /o', [{ op: 'db', description: query, durationMs: ms }]));
    expect(SLOW_DB_QUERY_SETTINGS.durationThresholdMs).toBe(500);
    expect(at(499)).toEqual([]);
    expect(at(500)).toHaveLength(1);
  });

  it('reads db* ops only, SELECTs only, whole queries only', () => {
    const one = (op: string, description: string) => slowOnes(transaction('GET /o', [{ op, description, durationMs: 1001 }]));
    expect(one('db.query', query)).toHaveLength(1);
    expect(one('db.sql.execute', `  ${query.toLowerCase()}`)).toHaveLength(1);
    expect(one('http.client', 'SELECT via http')).toEqual([]);
    expect(one('db', 'DELETE FROM orders WHERE id = %s')).toEqual([]);
    expect(one('db', 'SELECT `product`.`id` FROM `products` ...')).toEqual([]);
  });

  it('the same query with other values joins the same issue; the same text twice in one transaction is one problem', () => {
    const a = slowOnes(transaction('GET /o', [{ op: 'db', description: 'SELECT * FROM t WHERE id = 1', durationMs: 600 }]));
    const b = slowOnes(transaction('GET /p', [{ op: 'db', description: 'SELECT * FROM t WHERE id = 2', durationMs: 900 }]));
    expect(a[0]?.fingerprint).toBe(b[0]?.fingerprint);
    const twice = slowOnes(transaction('GET /o', [1, 2].map(() => ({ op: 'db', description: 'SELECT * FROM t WHERE id = 1', durationMs: 600 }))));
    expect(twice).toHaveLength(1);
  });
});
