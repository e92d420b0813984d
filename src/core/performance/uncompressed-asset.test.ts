import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { detectPerformanceProblems, performanceEvidence, performanceTitle } from './detect';
import { transaction, type SpanSpec } from './test-transactions';

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');
const uncompressed = (event: SentryEvent) => detectPerformanceProblems(event).filter((p) => p.issueType === 'performance_uncompressed_assets');
const asset = (op: string, url: string, durationMs: number, sizes: { transfer: number; encoded: number; decoded: number }): SpanSpec => ({
  op, description: url, durationMs, parallel: true,
  data: { 'http.response_transfer_size': sizes.transfer, 'http.response_content_length': sizes.encoded, 'http.decoded_response_content_length': sizes.decoded },
});
const big = { transfer: 1_000_000, encoded: 1_000_000, decoded: 1_000_000 };
const compressed = asset('resource.css', '/static/site.css', 50, { transfer: 20_000, encoded: 19_000, decoded: 80_000 });
const page = (specs: SpanSpec[], browser = 'Chrome'): SentryEvent => ({ ...transaction('/home', specs, 'pageload'), tags: [['browser.name', browser]] });

// Facts of Sentry's test_uncompressed_asset_detector.py: 500 KiB (512 000 B) and over 300 ms, CSS/JS/JSON only, a compressed asset
// elsewhere on the page, major browsers only.
describe('Uncompressed asset detector (Sentry UncompressedAssetSpanDetector)', () => {
  it('a large script sent uncompressed from a server that compresses others is one problem, with its size', () => {
    const event = page([compressed, asset('resource.script', 'https://cdn.example/static/vendor.0123abcd.js', 400, big)]);
    const [problem, ...rest] = uncompressed(event);
    expect(rest).toEqual([]);
    expect(problem?.fingerprint).toBe(`1-1012-${sha1('https://cdn.example/static/vendor.*.js')}`);
    const rows = performanceEvidence(event, problem!.fingerprint)?.rows;
    expect(rows?.slice(0, 3)).toEqual([
      { key: 'transaction', label: 'Transaction', value: '/home' },
      { key: 'slow-resource-span', label: 'Slow Resource Span', value: 'resource.script - https://cdn.example/static/vendor.0123abcd.js' },
      { key: 'asset-size', label: 'Asset Size', value: '976.6 KiB (1000000 B)' },
    ]);
    expect(performanceTitle(problem!).title).toBe('Uncompressed Asset');
  });

  it('needs some asset of the page compressed, 500 KiB and more than 300 ms', () => {
    expect(uncompressed(page([asset('resource.script', '/app.js', 400, big)]))).toEqual([]);
    const size = (n: number) => ({ transfer: n, encoded: n, decoded: n });
    expect(uncompressed(page([compressed, asset('resource.script', '/app.js', 400, size(500 * 1024 - 1))]))).toEqual([]);
    expect(uncompressed(page([compressed, asset('resource.script', '/app.js', 400, size(500 * 1024))]))).toHaveLength(1);
    expect(uncompressed(page([compressed, asset('resource.script', '/app.js', 300, big)]))).toEqual([]);
  });

  it('leaves out cached assets, other extensions and ops, and browsers other than Chrome, Firefox, Safari and Edge', () => {
    expect(uncompressed(page([compressed, asset('resource.script', '/app.js', 400, { ...big, transfer: 0 })]))).toEqual([]);
    expect(uncompressed(page([compressed, asset('resource.script', '/app.js', 400, { ...big, transfer: 300 })]))).toEqual([]);
    expect(uncompressed(page([compressed, asset('resource.css', '/font.woff2', 400, big)]))).toEqual([]);
    expect(uncompressed(page([compressed, asset('resource.img', '/hero.js', 400, big)]))).toEqual([]);
    expect(uncompressed(page([compressed, asset('resource.script', '/app.js', 400, big)], 'Firefox'))).toHaveLength(1);
    expect(uncompressed(page([compressed, asset('resource.script', '/app.js', 400, big)], 'Opera'))).toEqual([]);
  });
});
