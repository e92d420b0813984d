import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, formatRoute, parseRoute, type Route } from './route';

describe('hash routes', () => {
  const routes: Route[] = [
    { name: 'issues', filters: DEFAULT_FILTERS },
    { name: 'issues', filters: { status: 'all', sort: 'count', project: 3, level: 'error', environment: 'prod', release: 'a@1.0 b', query: 'TypeError: x' } },
    { name: 'issue', issueId: 12 },
    { name: 'issue', issueId: 12, eventId: 'abc123' },
    { name: 'event', eventId: '0123456789abcdef0123456789abcdef' },
    { name: 'stream' },
    { name: 'settings' },
    { name: 'setup' },
    { name: 'replay', replayId: 'r/1?x' },
    { name: 'traces' },
    { name: 'traces', project: 2 },
    { name: 'traces', query: 'GET /checkout &x' },
    { name: 'traces', project: 3, query: 'pageload' },
    { name: 'trace', traceId: '0123456789abcdef0123456789abcdef' },
    { name: 'profile', source: 'item', id: '12' }, { name: 'profile', source: 'trace', id: '0123456789abcdef0123456789abcdef' },
    { name: 'logs', filters: {} },
    { name: 'logs', filters: { project: 1, level: 'warn', query: '50% off & more', trace: '0123456789abcdef0123456789abcdef' } },
    { name: 'stream', kind: 'errors' },
  ];

  it('round-trips every route through its URL', () => {
    for (const route of routes) {
      const parsed = parseRoute(formatRoute(route));
      expect(formatRoute(parsed)).toBe(formatRoute(route));
      expect(parsed.name).toBe(route.name);
    }
    expect(parseRoute(formatRoute(routes[1]!))).toEqual(routes[1]);
    expect(parseRoute(formatRoute(routes[8]!))).toEqual(routes[8]);
    expect(parseRoute(formatRoute(routes[13]!))).toEqual(routes[13]);
    expect(parseRoute('#/logs?level=&query=')).toEqual({ name: 'logs', filters: {} });
  });

  it("keeps the Stream's tab in its URL, 'all' being no parameter", () => {
    expect(formatRoute({ name: 'stream', kind: 'errors' })).toBe('#/stream?kind=errors');
    expect(parseRoute('#/stream?kind=errors')).toEqual({ name: 'stream', kind: 'errors' });
    expect(formatRoute({ name: 'stream', kind: 'all' })).toBe('#/stream');
    expect(parseRoute('#/stream?kind=all')).toEqual({ name: 'stream' });
    expect(parseRoute('#/stream?kind=bogus')).toEqual({ name: 'stream' });
  });

  it("keeps the Replays list's sort in its URL as Sentry's ?sort=, newest first being no parameter", () => {
    expect(formatRoute({ name: 'replays', sort: '-count_dead_clicks' })).toBe('#/replays?sort=-count_dead_clicks');
    expect(parseRoute('#/replays?sort=-count_dead_clicks')).toEqual({ name: 'replays', sort: '-count_dead_clicks' });
    expect(parseRoute(formatRoute({ name: 'replays', project: 2, sort: 'count_rage_clicks' }))).toEqual({ name: 'replays', project: 2, sort: 'count_rage_clicks' });
    expect(formatRoute({ name: 'replays', project: 2, sort: 'count_rage_clicks' })).toBe('#/replays?project=2&sort=count_rage_clicks');
    expect(formatRoute({ name: 'replays', sort: '-started_at' })).toBe('#/replays');
    expect(parseRoute('#/replays?sort=-started_at')).toEqual({ name: 'replays' });
    expect(parseRoute('#/replays?sort=count_errors&project=3')).toEqual({ name: 'replays', project: 3, sort: 'count_errors' });
    expect(parseRoute('#/replays?sort=count_screens&project=3')).toEqual({ name: 'replays', project: 3 });
  });

  it('falls back to the issue list on unknown or malformed input', () => {
    expect(parseRoute('').name).toBe('issues');
    expect(parseRoute('#/nope').name).toBe('issues');
    expect(parseRoute('#/issues/abc').name).toBe('issues');
    expect(parseRoute('#/issues?status=bogus&sort=x&project=-1')).toEqual({ name: 'issues', filters: DEFAULT_FILTERS });
    expect(parseRoute('#/events/%E0%A4%A')).toEqual({ name: 'event', eventId: '%E0%A4%A' });
  });
});
