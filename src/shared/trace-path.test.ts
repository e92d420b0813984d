import { describe, expect, it } from 'vitest';
import { placeErrorInTrace } from './trace-path';

const span = (spanId: string, parentSpanId: string | null, startMs: number, endMs: number) => ({ spanId, parentSpanId, startMs, endMs });
// A request (0–1000 ms) with a query (10–50 ms) and a render (100–900 ms) under it.
const SPANS = [span('root', null, 0, 1000), span('query', 'root', 10, 50), span('render', 'root', 100, 900)];
const ids = (chain: { spanId: string }[]) => chain.map((s) => s.spanId);

describe('placeErrorInTrace', () => {
  it('keeps the span the error names while it was open', () => {
    expect(placeErrorInTrace(SPANS, { spanId: 'query', parentSpanId: 'root', atMs: 30 })).toMatchObject({ placement: 'named' });
  });

  it('places the error by time when the span it names had ended: the innermost span open then', () => {
    const placed = placeErrorInTrace(SPANS, { spanId: 'query', parentSpanId: 'root', atMs: 500 });
    expect([placed.placement, ids(placed.chain)]).toEqual(['by-time', ['root', 'render']]);
  });

  it('says how long after the last span an error came', () => {
    expect(placeErrorInTrace(SPANS, { spanId: 'root', parentSpanId: null, atMs: 1500 })).toMatchObject({ placement: 'after', afterMs: 500 });
  });

  it('says "missing" only for a named span under a received parent', () => {
    const missing = placeErrorInTrace(SPANS, { spanId: 'lost', parentSpanId: 'render', atMs: 500 });
    expect([missing.placement, ids(missing.chain)]).toEqual(['missing', ['root', 'render']]);
    // The trace's own context (no parent): placed by time instead.
    expect(placeErrorInTrace(SPANS, { spanId: 'fresh', parentSpanId: null, atMs: 30 }).placement).toBe('by-time');
    expect(placeErrorInTrace(SPANS, { spanId: null, parentSpanId: null, atMs: null }).placement).toBe('unplaced');
  });
});
