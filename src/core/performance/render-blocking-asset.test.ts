import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { detectPerformanceProblems, performanceEvidence, performanceTitle } from './detect';
import { transaction, type SpanSpec } from './test-transactions';

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');
const blocking = (event: SentryEvent) => detectPerformanceProblems(event).filter((p) => p.issueType === 'performance_render_blocking_asset_span');
const script = (url: string, durationMs: number, size: number, data: Record<string, unknown> = {}): SpanSpec =>
  ({ op: 'resource.script', description: url, durationMs, data: { 'http.response_content_length': size, ...data } });
/** A page load painted after `fcpMs`. */
const pageload = (fcpMs: number, specs: SpanSpec[]): SentryEvent =>
  ({ ...transaction('/checkout', specs, 'pageload'), measurements: { fcp: { value: fcpMs, unit: 'millisecond' } } });

// Facts of Sentry's test_render_blocking_asset_detector.py: FCP between 2 and 10 s, assets of 500 000 bytes or more
// ending before the paint and taking over a third of it.
describe('Render blocking asset detector (Sentry RenderBlockingAssetSpanDetector)', () => {
  it('a large script that held the first paint is one problem, with the FCP delay Sentry shows', () => {
    const event = pageload(2500, [script('https://shop.example/static/main.3f2a9c1e.js', 1000, 600_000)]);
    const [problem, ...rest] = blocking(event);
    expect(rest).toEqual([]);
    // Fingerprinted by the URL without its content hash.
    expect(problem?.fingerprint).toBe(`1-1004-${sha1('https://shop.example/static/main.*.js')}`);
    expect(performanceEvidence(event, problem!.fingerprint)?.rows).toEqual([
      { key: 'transaction', label: 'Transaction', value: '/checkout' },
      { key: 'slow-resource-span', label: 'Slow Resource Span', value: 'resource.script - https://shop.example/static/main.3f2a9c1e.js' },
      { key: 'fcp-delay', label: 'FCP Delay', value: '1000ms (40% of 2.50s)' },
      { key: 'duration-impact', label: 'Duration Impact', value: '100% (1000ms/1.00s)' },
    ]);
    expect(performanceTitle(problem!).title).toBe('Large Render Blocking Asset');
    const next = pageload(3000, [script('https://shop.example/static/main.8d7e6f5a.js', 1200, 700_000)]);
    expect(blocking(next)[0]?.fingerprint).toBe(problem?.fingerprint);
  });

  it('reads pages painted in 2–10 s only, assets of 500 000 bytes or more taking over a third of the paint', () => {
    const asset = script('/static/app.js', 1000, 600_000);
    expect(blocking(pageload(1999, [asset]))).toEqual([]);
    expect(blocking(pageload(10_000, [asset]))).toEqual([]);
    expect(blocking(pageload(2000, [asset]))).toHaveLength(1);
    expect(blocking(pageload(2500, [script('/static/app.js', 1000, 499_999)]))).toEqual([]);
    expect(blocking(pageload(3100, [asset]))).toEqual([]);
  });

  it('leaves out non-blocking assets and those that ended after the paint', () => {
    expect(blocking(pageload(2500, [script('/static/app.js', 1000, 600_000, { 'resource.render_blocking_status': 'non-blocking' })]))).toEqual([]);
    expect(blocking(pageload(2500, [{ op: 'ui', description: 'wait', durationMs: 1600 }, script('/static/app.js', 1000, 600_000)]))).toEqual([]);
  });
});
