import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { detectPerformanceProblems, performanceEvidence, performanceTitle } from './detect';
import { transaction, type SpanSpec } from './test-transactions';

const consecutive = (event: SentryEvent) => detectPerformanceProblems(event).filter((p) => p.issueType === 'performance_consecutive_http');
const get = (path: string, durationMs: number, extra: Partial<SpanSpec> = {}): SpanSpec => ({ op: 'http.client', description: `GET ${path}`, durationMs, ...extra });
const endpoints = (ms: number, n = 3) => Array.from({ length: n }, (_, i) => get(`/api/0/organizations/endpoint${i + 1}`, ms));

// Facts of Sentry's test_consecutive_http_detector.py: its spans, durations, outcomes and two of its fingerprints.
describe('Consecutive HTTP detector (Sentry ConsecutiveHTTPSpanDetector)', () => {
  it('three 2 s calls one after another are one problem, fingerprinted by their parameterised paths as Sentry does', () => {
    const event = transaction('GET /report', endpoints(2000));
    const [problem, ...rest] = consecutive(event);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      fingerprint: '1-1009-00b8644b56309c8391aa365783145162ab9c589a', op: 'http', description: 'GET /api/0/organizations/endpoint1',
      offenderSpanIds: (event.spans as { span_id: string }[]).map((s) => s.span_id), causeSpanIds: [],
      offendingSpans: 'http - GET /api/0/organizations/endpoint1', evidence: { numRepeatingSpans: '3' },
    });
    expect(performanceEvidence(event, problem!.fingerprint)?.rows).toEqual([
      { key: 'transaction', label: 'Transaction', value: 'GET /report' },
      { key: 'offending-spans', label: 'Offending Spans', value: [1, 2, 3].map((i) => `GET /api/0/organizations/endpoint${i}`) },
    ]);
    expect(performanceTitle(problem!)).toMatchObject({ title: 'Consecutive HTTP', metadata: { issueType: 'performance_consecutive_http' } });
  });

  it('needs 2 s saved by running them in parallel: 3 × 1 s is enough, 500 + 500 + 1000 ms is not', () => {
    expect(consecutive(transaction('GET /r', endpoints(1000)))).toHaveLength(1);
    expect(consecutive(transaction('GET /r', [get('/api/0/organizations/endpoint1', 500), get('/api/0/organizations/endpoint2', 500),
      get('/api/0/organizations/endpoint3', 1000)]))).toEqual([]);
  });

  it('needs 3 calls; calls under 500 ms are skipped, not breaking the run', () => {
    expect(consecutive(transaction('GET /r', endpoints(3000, 2)))).toEqual([]);
    expect(consecutive(transaction('GET /r', [...endpoints(900, 5), get('/api/0/organizations/endpoint6', 400)]))).toHaveLength(1);
    expect(consecutive(transaction('GET /r', [...endpoints(900, 3), get('/a/4', 400), get('/a/5', 400), get('/a/6', 400)]))).toEqual([]);
  });

  it('a call starting 500 ms or more after the previous ended breaks the chain', () => {
    const spaced = endpoints(2000).map((s, i) => ({ ...s, gapMs: i === 0 ? 0 : 10_000 }));
    expect(consecutive(transaction('GET /r', spaced))).toEqual([]);
  });

  it('a repeated endpoint fingerprints as the distinct paths do', () => {
    const three = [get('/api/endpoint1', 2000), get('/api/endpoint2', 2000), get('/api/endpoint3', 2000)];
    const [a] = consecutive(transaction('GET /r', three));
    const [b] = consecutive(transaction('GET /r', [...three, get('/api/endpoint3', 2000)]));
    expect(a?.fingerprint).toBe('1-1009-515a42c2614f98fa886b6d9ad1ddfe1929329f53');
    expect(b?.fingerprint).toBe(a?.fingerprint);
  });

  it('a resource span between the calls changes nothing', () => {
    const [one, two, three] = endpoints(2000);
    const event = transaction('GET /r', [one!, { op: 'resource.script', description: '/static/js/bundle.js', durationMs: 500, parallel: true }, two!, three!]);
    expect(consecutive(event)[0]?.fingerprint).toBe('1-1009-00b8644b56309c8391aa365783145162ab9c589a');
  });

  it('leaves out browser SDKs, Next.js assets, calls to 3 hosts or more, hidden hosts, and calls an AI agent makes', () => {
    expect(consecutive({ ...transaction('GET /r', endpoints(2000)), sdk: { name: 'sentry.javascript.browser' } })).toEqual([]);
    expect(consecutive({ ...transaction('GET /r', endpoints(2000)), sdk: { name: 'sentry.javascript.node' } })).toHaveLength(1);
    const [, two, three] = endpoints(2000);
    expect(consecutive(transaction('GET /r', [get('/_next/static/css/file-hash-abc.css', 2000), two!, three!]))).toEqual([]);
    const hosts = ['a', 'b', 'c'].map((h) => get(`https://${h}.example.com/api/items`, 2000));
    expect(consecutive(transaction('GET /r', hosts))).toEqual([]);
    expect(consecutive(transaction('GET /r', hosts.map((s, i) => (i === 2 ? { ...s, description: 'GET https://a.example.com/api/other' } : s))))).toHaveLength(1);
    expect(consecutive(transaction('GET /r', ['x', 'y', 'z'].map((p) => get(`https://[Filtered].example.com/${p}`, 2000))))).toEqual([]);
    const agent = transaction('POST /chat', [{ op: 'gen_ai.invoke_agent', description: 'invoke_agent', durationMs: 1 }]);
    const agentSpan = (agent.spans as { span_id: string }[])[0]!.span_id;
    const tools = transaction('POST /chat', endpoints(2000).map((s) => ({ ...s, parent: agentSpan })));
    expect(consecutive({ ...tools, spans: [...(agent.spans ?? []), ...(tools.spans ?? [])] })).toEqual([]);
  });
});
