import * as Sentry from '@sentry/node';
import { describe, expect, it } from 'vitest';
import type { ActivityEntry, BulkIssueChange, IssueGone } from '../src/shared/api-types';
import { lookoutForSdk } from './helpers/sdk-lookout';

const ctx = lookoutForSdk();
const api = <T>(path: string, init?: RequestInit) => ctx.lookout.api<T>(path, init);
const json = (method: string, body: object): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Sends a message through the SDK in a release; answers its issue. */
async function capture(message: string, release = 'undo-app@1.0.0'): Promise<number> {
  const id = Sentry.captureEvent({ message, level: 'error', release });
  await Sentry.flush(3000);
  return (await api<{ issueId: number }>(`events/${id}`)).issueId;
}

type Row = { status: string; ignore_until_count: number | null; resolved_release: string | null };
const stateOf = (id: number) => ctx.db.prepare('SELECT status, ignore_until_count, resolved_release FROM issues WHERE id = ?').get(id) as Row;

describe('a bulk status change answers what it changed, and Undo puts each issue back as it was', () => {
  it('restores "ignored until N more", "resolved in the next release" and unresolved, recording both in the activity', async () => {
    const ignored = await capture('Undo trouble alpha');
    const nextRelease = await capture('Undo trouble bravo');
    const open = await capture('Undo trouble charlie');
    const already = await capture('Undo trouble delta');
    await api(`issues/${ignored}`, json('PATCH', { status: 'ignored', ignoreUntilCount: 5 }));
    await api(`issues/${nextRelease}`, json('PATCH', { status: 'resolved_next_release' }));
    await api(`issues/${already}`, json('PATCH', { status: 'resolved' }));
    const before = [ignored, nextRelease, open, already].map(stateOf);
    expect(before[0]).toMatchObject({ status: 'ignored', ignore_until_count: 6 });
    expect(before[1]).toMatchObject({ status: 'resolved_next_release', resolved_release: 'undo-app@1.0.0' });

    const change = await api<BulkIssueChange>(`issues?matching=1&status=all&query=${encodeURIComponent('undo trouble')}`, json('PUT', { status: 'resolved' }));
    expect(change.updated).toBe(4);
    // The one already resolved did not change: nothing to put back for it.
    expect(change.previous.map((p) => p.id).sort()).toEqual([ignored, nextRelease, open].sort());
    for (const id of [ignored, nextRelease, open, already]) expect(stateOf(id)).toEqual({ status: 'resolved', ignore_until_count: null, resolved_release: null });

    const undone = await api<{ restored: number }>('issues', json('PUT', { restore: change.previous }));
    expect(undone).toEqual({ restored: 3 });
    expect([ignored, nextRelease, open, already].map(stateOf)).toEqual(before);
    const activity = await api<ActivityEntry[]>(`issues/${ignored}/activity`);
    expect(activity.slice(0, 3).map((a) => [a.kind, a.data.undo ?? false])).toEqual([['ignored', true], ['resolved', false], ['ignored', false]]);
    expect(activity[0]?.data.untilCount).toBe(5);

    // By ids (the checked rows) as well; a body that is not a change's `previous` is refused.
    const byIds = await api<BulkIssueChange>(`issues?id=${open}&id=${ignored}`, json('PUT', { status: 'ignored' }));
    expect(byIds.previous.map((p) => [p.id, p.status]).sort()).toEqual([[ignored, 'ignored'], [open, 'unresolved']].sort());
    const refused = await fetch(`${ctx.lookout.url}/_lookout/api/issues`, json('PUT', { restore: [{ id: open, status: 'gone' }] }));
    expect(refused.status).toBe(400);
  });

  it('says of a missing issue whether it was deleted, merged (into which), or never in this store', async () => {
    const kept = await capture('Gone trouble kept');
    const deleted = await capture('Gone trouble deleted');
    const merged = await capture('Gone trouble merged');
    await api(`issues/${deleted}`, { method: 'DELETE' });
    const { merge } = await api<{ merge: { parent: string } }>(`issues?id=${kept}&id=${merged}`, json('PUT', { merge: 1 }));
    const parent = Number(merge.parent);
    const child = parent === kept ? merged : kept;
    const missing = await fetch(`${ctx.lookout.url}/_lookout/api/issues/${deleted}`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain(`issue ${deleted} was deleted`);
    expect(await api<IssueGone>(`issues/${deleted}/gone`)).toEqual({ id: deleted, state: 'deleted', mergedInto: null });
    expect(await api<IssueGone>(`issues/${child}/gone`)).toEqual({ id: child, state: 'merged', mergedInto: parent });
    await api(`issues/${parent}`, { method: 'DELETE' });
    expect(await api<IssueGone>(`issues/${child}/gone`)).toEqual({ id: child, state: 'deleted', mergedInto: parent });
    expect(await api<IssueGone>('issues/999999/gone')).toEqual({ id: 999999, state: 'unknown', mergedInto: null });
    const never = await fetch(`${ctx.lookout.url}/_lookout/api/issues/999999`);
    expect(await never.text()).toContain('not in this store (it may have been deleted, or the link comes from another Lookout)');
  });
});
