import { describe, expect, it } from 'vitest';
import { detectPerformanceProblems, issueTypeOfFingerprint } from './detect';
import { nPlusOneQueries, transaction, type SpanSpec } from './test-transactions';
import { PERFORMANCE_TYPES } from './types';

describe('detectPerformanceProblems runs the detectors in Sentry order', () => {
  it("returns every problem of a transaction in DETECTOR_CLASSES order: consecutive DB, consecutive HTTP, slow query, N+1, large payload", () => {
    const n1 = nPlusOneQueries(6, 20);
    const extra: SpanSpec[] = [
      { op: 'db', description: 'SELECT * FROM "reports"', durationMs: 700 },
      { op: 'db', description: 'SELECT COUNT(*) FROM "events"', durationMs: 400 },
      ...[1, 2, 3].map((i) => ({ op: 'http.client', description: `GET https://billing.example/api/plans/${i}/usage`, durationMs: 1000 })),
      { op: 'http.client', description: 'GET https://billing.example/api/export', durationMs: 200, data: { 'http.response_content_length': 900_000 } },
    ];
    const event = transaction('GET /authors', [...(n1.spans as { description: string; op: string; start_timestamp: number; timestamp: number }[])
      .map((s) => ({ op: s.op, description: s.description, durationMs: (s.timestamp - s.start_timestamp) * 1000 })), ...extra]);
    expect(detectPerformanceProblems(event).map((p) => p.issueType)).toEqual([
      'performance_consecutive_db_queries', 'performance_consecutive_http', 'performance_slow_db_query',
      'performance_n_plus_one_db_queries', 'performance_large_http_payload',
    ]);
  });

  it('a transaction without a db, http or resource span has no problem', () => {
    const event = transaction('GET /', Array.from({ length: 50 }, (_, i) => ({ op: i % 2 ? 'function' : 'ui.render', description: `step ${i}`, durationMs: 900 })));
    expect(detectPerformanceProblems(event)).toEqual([]);
  });

  it('every type it reports names itself back from its fingerprint (regroup reads stored fingerprints)', () => {
    for (const [slug, { typeId }] of Object.entries(PERFORMANCE_TYPES)) {
      if (slug === 'performance_n_plus_one_db_queries') continue;
      expect(issueTypeOfFingerprint(`1-${typeId}-0123456789abcdef0123456789abcdef01234567`)).toBe(slug);
    }
    expect(issueTypeOfFingerprint('1-GroupType.PERFORMANCE_N_PLUS_ONE_DB_QUERIES-abc')).toBe('performance_n_plus_one_db_queries');
    expect(issueTypeOfFingerprint('1-1011-abc')).toBe('performance_n_plus_one_db_queries');
    expect(issueTypeOfFingerprint('1-1016-abc')).toBeNull();
  });
});
