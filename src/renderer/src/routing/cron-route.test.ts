import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from './route';

describe('Crons routes', () => {
  it('round-trips the list and a monitor, with or without an environment', () => {
    const routes: Route[] = [
      { name: 'crons' },
      { name: 'cron', project: 2, slug: 'nightly-report' },
      { name: 'cron', project: 1, slug: 'a/b c', environment: 'prod eu' },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual(r);
    expect(formatRoute({ name: 'cron', project: 1, slug: 'sync', environment: 'staging' })).toBe('#/crons/1/sync?environment=staging');
  });

  it('lands on the list for a monitor link without a valid project or slug', () => {
    expect(parseRoute('#/crons/x/sync')).toEqual({ name: 'crons' });
    expect(parseRoute('#/crons/1')).toEqual({ name: 'crons' });
  });
});
