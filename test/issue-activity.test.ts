import * as Sentry from '@sentry/node';
import { describe, expect, it } from 'vitest';
import type { ActivityEntry, MergedGroup, UnmergedIssue } from '../src/shared/api-types';
import { lookoutForSdk, thrower } from './helpers/sdk-lookout';

const ctx = lookoutForSdk();
let release = 'shop@1.0.0';
let processorAdded = false;

/** Throws through the app's code and the SDK captures it, in the current `release`; answers the issue. */
async function capture(fn: 'chargeCard' | 'loadProfile', n = 1): Promise<number> {
  if (!processorAdded) { Sentry.getGlobalScope().addEventProcessor((e) => ({ ...e, release })); processorAdded = true; }
  let id = '';
  // From a timer: the stack holds no frame of the test, so every call groups alike.
  for (let i = 0; i < n; i++) {
    await new Promise<void>((done) => setTimeout(() => {
      try { thrower[fn](i); } catch (err) { id = Sentry.captureException(err); }
      done();
    }));
  }
  await Sentry.flush(3000);
  return (await ctx.lookout.api<{ issueId: number }>(`events/${id}`)).issueId;
}
const api = <T>(path: string, init?: RequestInit) => ctx.lookout.api<T>(path, init);
const patch = (id: number, body: object) => api(`issues/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const activity = async (id: number) => (await api<ActivityEntry[]>(`issues/${id}/activity`)).map((e) => [e.kind, e.data]);

describe('issue activity', () => {
  it('keeps status changes, a regression with its release and an ignore threshold reached, newest first', async () => {
    const issue = await capture('chargeCard');
    expect(await activity(issue)).toEqual([['first_seen', { release: 'shop@1.0.0' }]]);
    await patch(issue, { status: 'resolved' });
    await patch(issue, { status: 'resolved' }); // no change, no entry
    release = 'shop@1.1.0';
    expect(await capture('chargeCard')).toBe(issue);
    await patch(issue, { status: 'ignored', ignoreUntilCount: 2 });
    await capture('chargeCard', 2);
    await patch(issue, { status: 'resolved_next_release' });
    await patch(issue, { status: 'unresolved' });
    expect(await activity(issue)).toEqual([
      ['unresolved', {}],
      ['resolved_next_release', { release: 'shop@1.1.0' }],
      ['unignored', { count: 4 }],
      ['ignored', { untilCount: 2 }],
      ['regressed', { release: 'shop@1.1.0' }],
      ['resolved', {}],
      ['first_seen', { release: 'shop@1.0.0' }],
    ]);
    const [latest] = await api<ActivityEntry[]>(`issues/${issue}/activity`);
    expect(Math.abs(latest!.at - Date.now())).toBeLessThan(60_000);
  });

  it('records a merge on the issue that took the other in, and an unmerge on both; a deleted issue takes its history along', async () => {
    const parent = await capture('chargeCard', 3);
    const child = await capture('loadProfile');
    await patch(child, { status: 'resolved' });
    await api(`issues?id=${parent}&id=${child}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"merge":1}' });
    expect((await activity(parent))[0]).toEqual(['merged', { issues: [child], events: 1 }]);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM issue_activity WHERE issue_id = ?').pluck().get(child)).toBe(0);
    const [group] = await api<MergedGroup[]>(`issues/${parent}/merged`);
    const done = await api<UnmergedIssue>(`issues/${parent}/hashes?${group!.hashes.map((h) => `id=${h}`).join('&')}`, { method: 'DELETE' });
    expect((await activity(parent))[0]).toEqual(['unmerged', { issue: done.issueId, events: 1 }]);
    expect((await activity(done.issueId!))[0]).toEqual(['unmerged_from', { issue: parent, events: 1 }]);
    expect((await fetch(`${ctx.lookout.url}/_lookout/api/issues/${parent}`, { method: 'DELETE' })).status).toBe(200);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM issue_activity WHERE issue_id = ?').pluck().get(parent)).toBe(0);
    expect((await fetch(`${ctx.lookout.url}/_lookout/api/issues/${parent}/activity`)).status).toBe(404);
  });
});
