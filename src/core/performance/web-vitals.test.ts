import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEnvelope } from '../ingest/envelope';
import { spanBlocks } from '../pipeline/span-blocks';
import { itemSpanSources } from '../pipeline/span-sources';
import { formatVital, performanceScore, rateScore, rateVital, vitalScore } from '../../shared/web-vitals';
import { pageNameOf, scrubUrlName } from './web-vitals';
import { segmentEvent } from './segment-event';

/** Envelopes @sentry/browser 11.12 sent from Chromium (`/products/42`, a late banner shifting the layout, a 250 ms click handler). */
const fixture = (name: string) => parseEnvelope(readFileSync(new URL(`../../../test/fixtures/web-vitals/${name}.envelope`, import.meta.url)));

/** The span blocks prepare makes of every span or transaction item of `names`. */
function blocksOf(...names: string[]) {
  return names.flatMap((name) => {
    const envelope = fixture(name);
    return envelope.items.flatMap((item, i) => {
      const type = String(item.headers.type);
      if (type !== 'span' && type !== 'transaction') return [];
      return spanBlocks(itemSpanSources(envelope, i, Date.now()), type === 'transaction' ? 'tx' : null, i);
    });
  });
}

describe('web vitals as @sentry/browser 11 sends them', () => {
  it('reads a streamed page load: TTFB and FCP on the root, LCP, CLS and INP from their own spans, the page from url.path', () => {
    const withVitals = blocksOf('browser-11-stream-1', 'browser-11-stream-2', 'browser-11-stream-3').filter((b) => b.vitals !== undefined);
    const merged = Object.assign({}, ...withVitals.map((b) => JSON.parse(b.vitals!) as object)) as Record<string, number>;
    expect(Object.keys(merged).sort()).toEqual(['cls', 'fcp', 'inp', 'lcp', 'ttfb']);
    expect(merged).toMatchObject({ ttfb: 26.600000001490116, fcp: 240, lcp: 240, cls: 0.06519771205054388, inp: 256 });
    // The SDK names the span "Pageload" (span streaming keeps names low-cardinality); Sentry's transaction is the path, its id scrubbed.
    expect(withVitals.map((b) => b.page_name).filter(Boolean)).toEqual(['/products/*']);
    expect(withVitals.find((b) => b.page_name)?.root_name).toBe('Pageload');
  });

  it('reads a transaction\'s measurements and its standalone INP span in the same trace', () => {
    const blocks = blocksOf('browser-11-static-1', 'browser-11-static-2').filter((b) => b.vitals !== undefined);
    const tx = blocks.find((b) => b.transaction_event_id === 'tx')!;
    expect(tx.page_name).toBe('/products/*');
    expect(JSON.parse(tx.vitals!)).toEqual({ lcp: 228, fcp: 228, cls: 0.06519771205054388, ttfb: 38.5 });
    const inp = blocks.find((b) => b.transaction_event_id === null)!;
    expect(inp.trace_id).toBe(tx.trace_id);
    expect(JSON.parse(inp.vitals!)).toEqual({ inp: 272 });
    expect(inp.page_name).toBeUndefined();
  });

  it('names a streamed segment\'s transaction by its page, so its performance issues carry the route', () => {
    const envelope = fixture('browser-11-stream-1');
    const spans = itemSpanSources(envelope, envelope.items.findIndex((i) => i.headers.type === 'span'), Date.now());
    const root = spans.find((s) => (s as { is_segment?: boolean }).is_segment === true)!;
    expect(segmentEvent(root, [], 'x').transaction).toBe('/products/*');
  });

  it('keeps a route the SDK named and scrubs only identifiers from a URL name, as Relay', () => {
    expect(pageNameOf({ is_segment: true, name: '/products/:id', attributes: { 'sentry.op': { value: 'pageload' }, 'sentry.segment.name.source': { value: 'route' },
      'url.path': { value: '/products/42' } } })).toBe('/products/:id');
    expect(scrubUrlName('/orders/1234/items/7')).toBe('/orders/*/items/7');
    expect(scrubUrlName('/u/3fa85f64-5717-4562-b3fc-2c963f66afa6/edit')).toBe('/u/*/edit');
    expect(scrubUrlName('/cart')).toBe('/cart');
    expect(pageNameOf({ op: 'http.server', description: 'GET /x' })).toBeNull();
  });
});

describe('ratings and the Performance Score', () => {
  it('rates on web.dev\'s thresholds, the boundary value still the better rating', () => {
    expect(rateVital('lcp', 240)).toBe('good');
    expect(rateVital('lcp', 2500)).toBe('good');
    expect(rateVital('lcp', 2501)).toBe('needs-improvement');
    expect(rateVital('lcp', 4001)).toBe('poor');
    expect(rateVital('inp', 256)).toBe('needs-improvement');
    expect(rateVital('cls', 0.06519771205054388)).toBe('good');
    expect(rateVital('cls', 0.3)).toBe('poor');
    expect(rateVital('ttfb', 900)).toBe('needs-improvement');
    expect(rateVital('fcp', 3100)).toBe('poor');
  });

  it('scores 90 at Sentry\'s p90 control point and 50 at its median', () => {
    expect(vitalScore('lcp', 1200)).toBeCloseTo(0.9, 5);
    expect(vitalScore('lcp', 2400)).toBeCloseTo(0.5, 5);
    expect(vitalScore('cls', 0.1)).toBeCloseTo(0.9, 5);
    expect(vitalScore('inp', 500)).toBeCloseTo(0.5, 5);
    expect(vitalScore('ttfb', 0)).toBe(1);
    expect(performanceScore({ lcp: 2400, fcp: 1600, inp: 500, cls: 0.25, ttfb: 400 })?.total).toBe(50);
  });

  it('scores the captured page load, weighting only the vitals measured', () => {
    const captured = { ttfb: 26.6, fcp: 240, lcp: 240, cls: 0.0652, inp: 256 };
    const score = performanceScore(captured)!;
    // Worked by hand: LCP, FCP and TTFB score ~1 (30 + 15 + 10), CLS 0.97 (14.55), INP 256 ms 0.825 (24.76): 94.3.
    expect(score.total).toBe(94);
    expect(score.parts.inp).toBeCloseTo(24.76, 1);
    expect(score.parts.cls).toBeCloseTo(14.55, 1);
    expect(rateScore(score.total)).toBe('good');
    expect(performanceScore({ cls: 0.25 })?.total).toBe(50);
    expect(performanceScore({})).toBeNull();
    expect(rateScore(49)).toBe('poor');
  });

  it('formats values as Sentry does', () => {
    expect(formatVital('lcp', 240)).toBe('240 ms');
    expect(formatVital('lcp', 2600)).toBe('2.60 s');
    expect(formatVital('cls', 0.0652)).toBe('0.07');
  });
});
