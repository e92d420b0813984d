import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from './route';

describe('trace routes', () => {
  it('round-trips a trace, with or without a span to open it at', () => {
    const routes: Route[] = [
      { name: 'trace', traceId: '0f'.repeat(16) },
      { name: 'trace', traceId: '0f'.repeat(16), span: 'a1b2c3d4e5f60718' },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual(r);
    expect(formatRoute({ name: 'trace', traceId: 'abc', span: 'def' })).toBe('#/traces/abc?span=def');
  });

  it('ignores an empty span parameter', () => {
    expect(parseRoute('#/traces/abc?span=')).toEqual({ name: 'trace', traceId: 'abc' });
  });
});
