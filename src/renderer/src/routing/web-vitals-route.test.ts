import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from './route';

describe('the Web Vitals section of the traces route', () => {
  it('round-trips its view, project and period', () => {
    const routes: Route[] = [
      { name: 'traces', view: 'vitals' },
      { name: 'traces', project: 2, view: 'vitals', hours: 168 },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual(r);
    expect(formatRoute({ name: 'traces', view: 'vitals', hours: 720 })).toBe('#/traces?view=vitals&hours=720');
  });

  it('reads an unknown view or a period without the view as the trace list', () => {
    expect(parseRoute('#/traces?view=other')).toEqual({ name: 'traces' });
    expect(parseRoute('#/traces?hours=24')).toEqual({ name: 'traces' });
  });
});
