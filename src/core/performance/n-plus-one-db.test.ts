import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectPerformanceProblems, performanceTitle } from './detect';
import { N_PLUS_ONE_DB_SETTINGS } from './n-plus-one-db';
import { nPlusOneQueries, transaction } from './test-transactions';

const md5_16 = (...parts: string[]) => parts.reduce((h, p) => h.update(p, 'utf8'), createHash('md5')).digest('hex').slice(0, 16);

describe('N+1 DB query detector (Sentry NPlusOneDBSpanDetector)', () => {
  const { count, durationThresholdMs } = N_PLUS_ONE_DB_SETTINGS;

  it('finds a source query followed by `count` equivalent queries under one parent', () => {
    const event = nPlusOneQueries(10, 10);
    const [problem, ...rest] = detectPerformanceProblems(event);
    expect(rest).toEqual([]);
    expect(problem?.issueType).toBe('performance_n_plus_one_db_queries');
    const spans = event.spans as { span_id: string }[];
    expect(problem?.causeSpanIds).toEqual([spans[0]!.span_id]);
    expect(problem?.offenderSpanIds).toEqual(spans.slice(1).map((s) => s.span_id));
    expect(problem?.parentSpanIds).toEqual([event.rootSpanId]);
    expect(problem?.evidence).toMatchObject({ transactionName: 'GET /authors', parentSpan: 'http.server', numRepeatingSpans: '10',
      precedingSpan: 'db - SELECT "authors".* FROM "authors" LIMIT 10', repeatingSpans: 'db - SELECT "posts".* FROM "posts" WHERE "posts"."author_id" = $1' });
    expect(problem?.offendingSpans).toBe('db - SELECT "posts".* FROM "posts" WHERE "posts"."author_id" = $1');
    expect(problem?.totalDurationMs).toBeCloseTo(100, 3);
  });

  it('needs `count` repeats: one fewer is no problem', () => {
    expect(detectPerformanceProblems(nPlusOneQueries(count - 1, 40))).toEqual([]);
    expect(detectPerformanceProblems(nPlusOneQueries(count, 40))).toHaveLength(1);
  });

  it('needs the repeats to take the duration threshold together: just below is no problem', () => {
    expect(detectPerformanceProblems(nPlusOneQueries(count, (durationThresholdMs - 0.5) / count))).toEqual([]);
    expect(detectPerformanceProblems(nPlusOneQueries(count, (durationThresholdMs + 0.5) / count))).toHaveLength(1);
  });

  it('is not fooled by the same query repeated without a different source query before it', () => {
    const q = { op: 'db', description: 'SELECT * FROM "posts" WHERE id = $1', durationMs: 20 };
    expect(detectPerformanceProblems(transaction('GET /x', Array.from({ length: 10 }, () => q)))).toEqual([]);
  });

  it('leaves out redis, connection spans, truncated queries and repeats under another parent', () => {
    expect(detectPerformanceProblems(nPlusOneQueries(10, 10, { query: 'SELECT * FROM "posts" WHERE author_id = $1 AND ...' }))).toEqual([]);
    expect(detectPerformanceProblems(nPlusOneQueries(10, 10, { query: 'pg-pool.connect' }))).toEqual([]);
    const redis = transaction('GET /r', [{ op: 'db.redis', description: 'GET a', durationMs: 3 },
      ...Array.from({ length: 10 }, () => ({ op: 'db.redis', description: 'GET b', durationMs: 10 }))]);
    expect(detectPerformanceProblems(redis)).toEqual([]);
    const orphan = transaction('GET /o', [{ op: 'db', description: 'SELECT 1', durationMs: 3, parent: 'ffffffffffffffff' },
      ...Array.from({ length: 10 }, () => ({ op: 'db', description: 'SELECT * FROM t WHERE id = $1', durationMs: 10, parent: 'ffffffffffffffff' }))]);
    expect(detectPerformanceProblems(orphan)).toEqual([]);
  });

  it('a non-db span breaks the run', () => {
    const source = { op: 'db', description: 'SELECT * FROM authors LIMIT 10', durationMs: 3 };
    const repeat = { op: 'db', description: 'SELECT * FROM posts WHERE author_id = $1', durationMs: 20 };
    const call = { op: 'http.client', description: 'GET https://cache.local/ping', durationMs: 1 };
    const threes = [source, repeat, repeat, repeat];
    expect(detectPerformanceProblems(transaction('GET /a', [...threes, call, repeat, repeat, repeat]))).toEqual([]);
    expect(detectPerformanceProblems(transaction('GET /a', [...threes, repeat, repeat, repeat]))).toHaveLength(1);
  });

  it("fingerprints as Sentry does: sha1 of parent op and hash, source hash and repeat hash, literals parameterised", () => {
    const a = nPlusOneQueries(6, 20, { source: "SELECT * FROM authors WHERE name = 'ann' LIMIT 10", query: 'SELECT * FROM posts WHERE author_id = 7' });
    const b = nPlusOneQueries(8, 30, { source: "SELECT * FROM authors WHERE name = 'bob' LIMIT 20", query: 'SELECT * FROM posts WHERE author_id = 9' });
    const [pa] = detectPerformanceProblems(a);
    const [pb] = detectPerformanceProblems(b);
    const expected = `1-GroupType.PERFORMANCE_N_PLUS_ONE_DB_QUERIES-${createHash('sha1').update(
      `http.server${md5_16('GET /authors')}${md5_16('SELECT * FROM authors WHERE name = %s LIMIT %s')}${md5_16('SELECT * FROM posts WHERE author_id = %s')}`,
    ).digest('hex')}`;
    expect(pa?.fingerprint).toBe(expected);
    expect(pb?.fingerprint).toBe(expected);
    const elsewhere = nPlusOneQueries(6, 20, { name: 'GET /books', source: 'SELECT * FROM authors WHERE name = $1 LIMIT 10' });
    expect(detectPerformanceProblems(elsewhere)[0]?.fingerprint).not.toBe(expected);
  });

  it('labels the issue as Sentry does: "N+1 Query", the transaction as culprit, the query parameterised as message', () => {
    const [problem] = detectPerformanceProblems(nPlusOneQueries(6, 20, { query: 'SELECT * FROM posts WHERE author_id = 7' }));
    expect(performanceTitle(problem!)).toEqual({ title: 'N+1 Query', culprit: 'GET /authors', type: 'transaction',
      metadata: { value: 'SELECT * FROM posts WHERE author_id = %s', issueType: 'performance_n_plus_one_db_queries' } });
  });

  it('costs nothing for a transaction without db or http.client spans', () => {
    const event = transaction('GET /', Array.from({ length: 50 }, () => ({ op: 'function', description: 'render', durationMs: 1 })));
    expect(detectPerformanceProblems(event)).toEqual([]);
  });
});
