import * as Sentry from '@sentry/node';
import { describe, expect, it } from 'vitest';
import type { ReleaseDetail, ReleaseList } from '../src/shared/api-releases';
import { lookoutForSdk, thrower } from './helpers/sdk-lookout';

const ctx = lookoutForSdk();
let release = 'shop@1.0.0';
let environment = 'production';
let processorAdded = false;

/** The real SDK captures an error thrown by the app's code, in the current release and environment; answers its issue. */
async function capture(fn: 'chargeCard' | 'loadProfile', n = 1): Promise<number> {
  if (!processorAdded) { Sentry.getGlobalScope().addEventProcessor((e) => ({ ...e, release, environment })); processorAdded = true; }
  let id = '';
  for (let i = 0; i < n; i++) {
    await new Promise<void>((done) => setTimeout(() => {
      try { thrower[fn](i); } catch (err) { id = Sentry.captureException(err); }
      done();
    }));
  }
  await Sentry.flush(3000);
  return (await ctx.lookout.api<{ issueId: number }>(`events/${id}`)).issueId;
}
const api = <T>(path: string) => ctx.lookout.api<T>(path);
const resolve = (id: number) => ctx.lookout.api(`issues/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'resolved' }) });
const figures = async (query = '') => Object.fromEntries((await api<ReleaseList>(`releases?project=1${query}`)).releases
  .map((r) => [r.version, { events: r.events, regressions: r.regressions }]));

describe('release counts from the real SDK', () => {
  it('counts an issue that regressed in 1.1 and again in 1.2 as a regression of both', async () => {
    const issue = await capture('chargeCard');
    await resolve(issue);
    release = 'shop@1.1.0';
    expect(await capture('chargeCard')).toBe(issue);
    await resolve(issue);
    release = 'shop@1.2.0';
    expect(await capture('chargeCard')).toBe(issue);
    expect(await figures()).toMatchObject({ 'shop@1.0.0': { regressions: 0 }, 'shop@1.1.0': { regressions: 1 }, 'shop@1.2.0': { regressions: 1 } });
    const detail = await api<ReleaseDetail>(`releases/detail?project=1&version=${encodeURIComponent('shop@1.1.0')}`);
    expect(detail.regressions.map((i) => i.id)).toEqual([issue]);
    expect(detail.release.regressions).toBe(1);
  });

  it('counts a release\'s events in the environment filtered on, not in all of them', async () => {
    environment = 'staging';
    await capture('loadProfile', 2);
    expect((await figures())['shop@1.2.0']).toMatchObject({ events: 3 });
    expect((await figures('&environment=production'))['shop@1.2.0']).toMatchObject({ events: 1 });
    expect((await figures('&environment=staging'))['shop@1.2.0']).toMatchObject({ events: 2 });
    // Seen only in production: kept out of the staging list altogether.
    expect(Object.keys(await figures('&environment=staging'))).toEqual(['shop@1.2.0']);
  });

  it('pages the list by a cursor on the last row, every release once', async () => {
    const first = await api<ReleaseList>('releases?limit=2');
    expect(first.releases).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await api<ReleaseList>(`releases?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(second.nextCursor).toBeNull();
    const all = await api<ReleaseList>('releases');
    expect([...first.releases, ...second.releases].map((r) => r.version)).toEqual(all.releases.map((r) => r.version));
    expect(all.releases.map((r) => r.version)).toEqual(['shop@1.2.0', 'shop@1.1.0', 'shop@1.0.0']);
    await expect(api('releases?cursor=nonsense')).rejects.toThrow(/400/);
  });
});
