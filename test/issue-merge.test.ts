import * as Sentry from '@sentry/node';
import { describe, expect, it } from 'vitest';
import { lookoutForSdk, thrower } from './helpers/sdk-lookout';
import type { EventDetail, IssueDetail, IssueSummary, MergedGroup, MergedIssues, Page, TagDistribution, UnmergedIssue } from '../src/shared/api-types';
import { regroupAll } from '../src/core/store/regroup';
import { readFrames } from './helpers/sse';

const sdk = lookoutForSdk();

/**
 * Throws `fn` under the SDK as `user`, with a `route` tag; answers the event's issue id. It throws
 * from a timer, so the stack holds no frame of the test: each `fn` is one issue wherever it is called from.
 */
async function capture(fn: () => never, user: string, route: string): Promise<number> {
  const eventId = await new Promise<string>((resolve) => setTimeout(() => {
    try { fn(); } catch (err) {
      resolve(Sentry.withScope((s) => { s.setUser({ id: user }); s.setTag('route', route); return Sentry.captureException(err); }));
    }
  }));
  await Sentry.flush(3000);
  return (await sdk.lookout.api<EventDetail>(`events/${eventId}`)).issueId!;
}
/** Two kinds of failure, each one issue however often it is captured (until they are merged below). */
const captureCharge = (n: number, user: string) => capture(() => thrower.chargeCard(n), user, '/pay');
const captureProfile = (n: number, user: string) => capture(() => thrower.loadProfile(n), user, '/profile');
const merge = (ids: number[], body: unknown = { merge: 1 }) => fetch(`${sdk.lookout.url}/_lookout/api/issues?${ids.map((i) => `id=${i}`).join('&')}`,
  { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe("merging issues (Sentry's Merge)", () => {
  it('moves the events and counts into the issue with the most events; the others redirect to it and their next events join it', async () => {
    const big = await captureCharge(1, 'ada');
    expect(await captureCharge(2, 'bob')).toBe(big);
    const small = await captureProfile(3, 'cy');
    expect(small).not.toBe(big);

    let answer: MergedIssues | null = null;
    const frames = await readFrames(sdk.lookout.url, null, (f) => f.some((x) => x.message.type === 'issues_merged'), async () => {
      const res = await merge([small, big]);
      expect(res.status).toBe(200);
      answer = await res.json() as MergedIssues & { merge: unknown };
    });
    expect(answer).toMatchObject({ parent: big, children: [small], events: 1, merge: { parent: String(big), children: [String(small)] } });
    const types = frames.map((f) => f.message.type);
    // The parent's new totals come first; the merge's own id is the last one a client holds.
    expect(types.indexOf('issue')).toBeLessThan(types.indexOf('issues_merged'));

    const parent = await sdk.lookout.api<IssueDetail>(`issues/${big}`);
    expect(parent).toMatchObject({ count: 3, users: 3 });
    // Still labelled as the issue the merge was confirmed into, though the merged one's event is newer.
    expect(parent.culprit).toContain('chargeCard');
    expect((await sdk.lookout.api<IssueDetail>(`issues/${small}`)).id).toBe(big);
    const tags = await sdk.lookout.api<TagDistribution[]>(`issues/${small}/tags`);
    expect(tags.find((t) => t.key === 'route')?.values.map((v) => [v.value, v.count])).toEqual([['/pay', 2], ['/profile', 1]]);
    const list = await sdk.lookout.api<Page<IssueSummary>>('issues?status=all');
    expect(list.items.map((i) => i.id)).not.toContain(small);
    // Still found by the merged issue's words.
    expect((await sdk.lookout.api<Page<IssueSummary>>('issues?query=loadProfile')).items.map((i) => i.id)).toEqual([big]);

    expect(await captureProfile(4, 'dee')).toBe(big);
    expect((await sdk.lookout.api<IssueDetail>(`issues/${big}`)).count).toBe(4);
  });

  it('keeps merged issues together through a regroup, and never gives a merged id out again', async () => {
    const a = await captureProfile(5, 'e');
    const b = await captureProfile(6, 'f');
    expect(a).toBe(b); // merged above
    const regrouped = regroupAll(sdk.db);
    expect(regrouped.issuesAfter).toBe(regrouped.issuesBefore);
    expect((await sdk.lookout.api<EventDetail>(`events/${(sdk.db.prepare("SELECT event_id FROM events WHERE issue_id = ? ORDER BY id DESC LIMIT 1")
      .pluck().get(a) as string)}`)).issueId).toBe(a);
    const other = await capture(() => { throw new RangeError('a third kind'); }, 'g', '/z');
    expect(other).not.toBe(a);
    const merged = sdk.db.prepare('SELECT MAX(from_id) FROM issue_redirects').pluck().get() as number;
    expect(other).toBeGreaterThan(merged);
  });

  it('refuses what cannot be merged, saying why', async () => {
    const one = sdk.db.prepare('SELECT MIN(id) FROM issues').pluck().get() as number;
    const refused = async (res: Response) => ({ status: res.status, detail: ((await res.json()) as { detail: string }).detail });
    expect(await refused(await merge([one]))).toEqual({ status: 400, detail: 'pick at least two existing issues to merge' });
    expect(await refused(await merge([one, 999_999]))).toEqual({ status: 400, detail: 'pick at least two existing issues to merge' });
    // Without `merge` the same request is Sentry's bulk status change (issue-bulk-routes.ts); a `merge` that is not 1 is refused.
    expect((await refused(await merge([one, one + 1], { merge: 0 }))).status).toBe(400);

    const elsewhere = Sentry.getClient()!.getDsn()!;
    const otherProject = await startOtherProjectIssue(`http://k@${elsewhere.host}:${elsewhere.port}/2`);
    expect(await refused(await merge([one, otherProject]))).toEqual({ status: 400, detail: 'issues of different projects cannot be merged' });
  });
});

/** One error sent to project 2 by a second SDK client; answers its issue. */
async function startOtherProjectIssue(dsn: string): Promise<number> {
  const client = new Sentry.NodeClient({ dsn, integrations: [], stackParser: Sentry.defaultStackParser, transport: Sentry.makeNodeTransport });
  const scope = new Sentry.Scope();
  scope.setClient(client);
  const eventId = scope.captureException(new SyntaxError('in another project'));
  await client.flush(3000);
  return (await sdk.lookout.api<EventDetail>(`events/${eventId}`)).issueId!;
}

describe("unmerging (Sentry's Unmerge)", () => {
  it('lists what was merged by the issue it came from, and moves those events to a new issue with their counts', async () => {
    const parent = await captureCharge(20, 'ann');
    const [groupOf] = await sdk.lookout.api<MergedGroup[]>(`issues/${parent}/merged`);
    // The profile failures merged in the first test, with the events they brought since.
    expect(groupOf).toMatchObject({ fromIssue: expect.any(Number) as number, events: 4 });
    const before = await sdk.lookout.api<IssueDetail>(`issues/${parent}`);

    const res = await fetch(`${sdk.lookout.url}/_lookout/api/issues/${parent}/hashes?${groupOf!.hashes.map((h) => `id=${h}`).join('&')}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    const unmerged = await res.json() as UnmergedIssue;
    expect(unmerged.events).toBe(4);
    const moved = await sdk.lookout.api<IssueDetail>(`issues/${unmerged.issueId}`);
    expect(moved.culprit).toContain('loadProfile');
    expect(moved.count).toBe(4);
    const after = await sdk.lookout.api<IssueDetail>(`issues/${parent}`);
    expect(after.count).toBe(before.count - 4);
    const tags = await sdk.lookout.api<TagDistribution[]>(`issues/${parent}/tags`);
    expect(tags.find((t) => t.key === 'route')?.values.map((v) => v.value)).toEqual(['/pay']);
    expect(await sdk.lookout.api<MergedGroup[]>(`issues/${parent}/merged`)).toEqual([]);
    // The next profile failure goes to the new issue, and the old merged issue's link opens it.
    expect(await captureProfile(21, 'bo')).toBe(unmerged.issueId);
    expect((await sdk.lookout.api<IssueDetail>(`issues/${groupOf!.fromIssue}`)).id).toBe(unmerged.issueId);
    // Counts match a recount from the events.
    const recount = (id: number) => sdk.db.prepare("SELECT COUNT(*) FROM events WHERE issue_id = ? AND kind = 'event'").pluck().get(id) as number;
    expect((await sdk.lookout.api<IssueDetail>(`issues/${parent}`)).count).toBe(recount(parent));
    expect((await sdk.lookout.api<IssueDetail>(`issues/${unmerged.issueId}`)).count).toBe(recount(unmerged.issueId!));

    const refused = await fetch(`${sdk.lookout.url}/_lookout/api/issues/${parent}/hashes?id=${'0'.repeat(32)}`, { method: 'DELETE' });
    expect(refused.status).toBe(400);
  });
});
