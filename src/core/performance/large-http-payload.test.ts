import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { detectPerformanceProblems, performanceEvidence, performanceTitle } from './detect';
import { transaction } from './test-transactions';

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');
const large = (event: SentryEvent) => detectPerformanceProblems(event).filter((p) => p.issueType === 'performance_large_http_payload');
const call = (description: string, size: unknown, durationMs = 200, data: Record<string, unknown> = {}) =>
  transaction('GET /feed', [{ op: 'http.client', description, durationMs, data: { 'http.response_content_length': size, ...data } }]);

// Facts of Sentry's test_large_http_payload_detector.py: over 300 000 bytes, at least 100 ms, `.json` allowed, other extensions not.
describe('Large HTTP payload detector (Sentry LargeHTTPPayloadDetector)', () => {
  it('a response body over 300 000 bytes is one problem, with its size as Sentry writes it', () => {
    const event = call('GET https://api.example.com/api/0/organizations/12/feed?page=3', 350_000);
    const [problem, ...rest] = large(event);
    expect(rest).toEqual([]);
    // Fingerprinted by the parameterised path (`fingerprint_http_spans`).
    expect(problem).toMatchObject({ fingerprint: `1-1015-${sha1('/api/*/organizations/*/feed')}`, op: 'http',
      offendingSpans: 'http - GET https://api.example.com/api/0/organizations/12/feed?page=3' });
    expect(performanceEvidence(event, problem!.fingerprint)?.rows).toEqual([
      { key: 'transaction', label: 'Transaction', value: 'GET /feed' },
      { key: 'large-http-payload-span', label: 'Large HTTP Payload Span', value: 'http.client - GET https://api.example.com/api/0/organizations/12/feed?page=3' },
      { key: 'payload-size', label: 'Payload Size', value: '341.8 KiB (350000 B)' },
    ]);
    expect(performanceTitle(problem!).title).toBe('Large HTTP payload');
    expect(large(call('GET /api/0/organizations/99/feed?page=1', '500000'))[0]?.fingerprint).toBe(problem?.fingerprint);
  });

  it('needs more than 300 000 bytes and at least 100 ms', () => {
    expect(large(call('GET /api/feed', 300_000))).toEqual([]);
    expect(large(call('GET /api/feed', 300_001))).toHaveLength(1);
    expect(large(call('GET /api/feed', 350_000, 99))).toEqual([]);
    expect(large(call('GET /api/feed', 350_000, 100))).toHaveLength(1);
  });

  it('leaves out static files (but not JSON), Next.js assets and prefetches', () => {
    expect(large(call('GET /static/app.js?v=3', 400_000))).toEqual([]);
    expect(large(call('GET /static/data.json', 400_000))).toHaveLength(1);
    expect(large(call('GET /_next/data/build/page', 400_000))).toEqual([]);
    expect(large(call('GET /api/feed', 400_000, 200, { 'http.request.prefetch': true }))).toEqual([]);
  });
});
