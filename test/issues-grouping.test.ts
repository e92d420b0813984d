import * as Sentry from '@sentry/node';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, EventSummary, IssueDetail, IssueSummary, Page } from '../src/shared/api-types';
import { openDatabase } from '../src/core/store/db';
import { regroupAll } from '../src/core/store/regroup';
import { startTestLookout, type TestLookout } from './helpers/lookout';

const thrower = createRequire(import.meta.url)('./fixtures/app/thrower.cjs') as {
  chargeCard(n: number | string): never; loadProfile(n: number | string): never;
};

let lookout: TestLookout;

beforeAll(async () => {
  lookout = await startTestLookout();
  Sentry.init({ dsn: lookout.dsn, defaultIntegrations: false, integrations: [Sentry.contextLinesIntegration()] });
});
afterAll(async () => { await Sentry.close(2000); await lookout.stopAndClean(); });

async function capture(fn: () => never, scope?: (s: Sentry.Scope) => void): Promise<string> {
  let id = '';
  try { fn(); } catch (err) {
    id = Sentry.withScope((s) => { scope?.(s); return Sentry.captureException(err); });
  }
  await Sentry.flush(3000);
  return id;
}

async function issueOf(eventId: string): Promise<IssueDetail> {
  const ev = await lookout.api<EventDetail>(`events/${eventId}`);
  return lookout.api<IssueDetail>(`issues/${ev.issueId}`);
}

describe('issues from real SDK events', () => {
  it('groups one call site into one issue and counts events and users', async () => {
    const ids = [];
    for (const [n, user] of [[1, 'ann'], [2, 'bob'], [3, 'ann']] as const) {
      ids.push(await capture(() => thrower.chargeCard(n), (s) => { s.setUser({ id: user }); s.setTag('shard', `s${n % 2}`); }));
    }
    const issues = await Promise.all(ids.map(issueOf));
    expect(new Set(issues.map((i) => i.id)).size).toBe(1);
    const issue = await issueOf(ids[0]!);
    expect(issue.count).toBe(3);
    expect(issue.users).toBe(2);
    // Labelled by its newest event, as Sentry does.
    expect(issue.title).toBe('TypeError: card declined for order 3');
    expect(issue.culprit).toContain('chargeCard');
    const shard = issue.tags.find((t) => t.key === 'shard');
    expect(shard?.values.map((v) => [v.value, v.count])).toEqual([['s1', 2], ['s0', 1]]);
  });

  it('splits the same type from another call site into another issue', async () => {
    const a = await issueOf(await capture(() => thrower.chargeCard('x')));
    const b = await issueOf(await capture(() => thrower.loadProfile('x')));
    expect(a.id).not.toBe(b.id);
  });

  it('groups frame-less messages that differ only in numbers', async () => {
    Sentry.init({ dsn: lookout.dsn, defaultIntegrations: false, attachStacktrace: false });
    const one = Sentry.captureMessage('payment 1234 failed after 30ms');
    const two = Sentry.captureMessage('payment 98 failed after 7ms');
    const other = Sentry.captureMessage('something else entirely');
    await Sentry.flush(3000);
    const [i1, i2, i3] = await Promise.all([one, two, other].map(issueOf));
    expect(i1!.id).toBe(i2!.id);
    expect(i3!.id).not.toBe(i1!.id);
    Sentry.init({ dsn: lookout.dsn, defaultIntegrations: false, integrations: [Sentry.contextLinesIntegration()] });
  });

  it('flags a regression when a resolved issue gets a new event, and filters by status and search', async () => {
    // Both events must come from the same call sites, test file frames included: one loop.
    const seen: IssueDetail[] = [];
    for (let round = 0; round < 2; round++) {
      seen.push(await issueOf(await capture(() => thrower.loadProfile('r'))));
      if (round === 0) {
        const patch = await fetch(`${lookout.url}/_lookout/api/issues/${seen[0]!.id}`, {
          method: 'PATCH', body: JSON.stringify({ status: 'resolved' }), headers: { 'content-type': 'application/json' },
        });
        expect(patch.status).toBe(200);
        const resolved = await lookout.api<Page<IssueSummary>>('issues?status=resolved');
        expect(resolved.items.map((i) => i.id)).toContain(seen[0]!.id);
      }
    }
    const [first, again] = seen as [IssueDetail, IssueDetail];
    expect(again.id).toBe(first.id);
    expect(again.status).toBe('unresolved');
    expect(again.regressed).toBe(true);
    const search = await lookout.api<Page<IssueSummary>>('issues?query=declined');
    expect(search.items.length).toBeGreaterThanOrEqual(2);
    const none = await lookout.api<Page<IssueSummary>>('issues?query=zzzznothing');
    expect(none.items).toEqual([]);
  });

  it('keeps an issue resolved in the next release through events of older releases; a newer one reopens it', async () => {
    const states: string[] = [];
    let issueId = 0;
    for (const release of ['shop@1.0.0', 'shop@0.9.0', 'shop@1.0.0', 'shop@1.0.1']) {
      const scope = (s: Sentry.Scope) => { s.setFingerprint(['next-release-test']); s.addEventProcessor((e) => ({ ...e, release })); };
      const issue = await issueOf(await capture(() => thrower.chargeCard('n'), scope));
      issueId = issue.id;
      states.push(`${release} ${issue.status}${issue.regressed ? ' regressed' : ''}`);
      if (states.length === 1) {
        const patch = await fetch(`${lookout.url}/_lookout/api/issues/${issueId}`, {
          method: 'PATCH', body: JSON.stringify({ status: 'resolved_next_release' }), headers: { 'content-type': 'application/json' },
        });
        expect(patch.status).toBe(200);
      }
    }
    expect(states).toEqual(['shop@1.0.0 unresolved', 'shop@0.9.0 resolved_next_release', 'shop@1.0.0 resolved_next_release', 'shop@1.0.1 unresolved regressed']);

    // Commit hashes: a release this issue has not had is the next one, even when another issue's
    // event (the usual first of a new deploy) brought it in first.
    const send = async (fingerprint: string, release: string) => issueOf(await capture(() => thrower.chargeCard('h'),
      (s) => { s.setFingerprint([fingerprint]); s.addEventProcessor((e) => ({ ...e, release })); }));
    const x = await send('next-release-hash', 'a1b2c3d');
    await fetch(`${lookout.url}/_lookout/api/issues/${x.id}`, {
      method: 'PATCH', body: JSON.stringify({ status: 'resolved_next_release' }), headers: { 'content-type': 'application/json' },
    });
    expect((await send('next-release-hash', 'a1b2c3d')).status).toBe('resolved_next_release');
    await send('another-issue', '9f8e7d6');
    expect(await send('next-release-hash', '9f8e7d6')).toMatchObject({ id: x.id, status: 'unresolved', regressed: true });
  });

  it('brings an issue ignored "until 2 more events" back with the second of them, as Sentry\'s snooze does', async () => {
    const scope = (s: Sentry.Scope) => { s.setFingerprint(['ignore-until-test']); };
    const issue = await issueOf(await capture(() => thrower.chargeCard('i'), scope));
    const patch = await fetch(`${lookout.url}/_lookout/api/issues/${issue.id}`, {
      method: 'PATCH', body: JSON.stringify({ status: 'ignored', ignoreUntilCount: 2 }), headers: { 'content-type': 'application/json' },
    });
    expect(patch.status).toBe(200);
    expect(await issueOf(await capture(() => thrower.chargeCard('i'), scope))).toMatchObject({ id: issue.id, status: 'ignored', count: 2 });
    expect(await issueOf(await capture(() => thrower.chargeCard('i'), scope))).toMatchObject({ id: issue.id, status: 'unresolved', count: 3, regressed: false });
  });

  it("labels an issue by its newest event, as Sentry does: title and culprit follow the latest value", async () => {
    const scope = (s: Sentry.Scope) => { s.setFingerprint(['relabel-test']); };
    const first = await issueOf(await capture(() => thrower.chargeCard('alpha1'), scope));
    expect(first.title).toBe('TypeError: card declined for order alpha1');
    const later = await issueOf(await capture(() => thrower.chargeCard('beta2'), scope));
    expect(later).toMatchObject({ id: first.id, count: 2, title: 'TypeError: card declined for order beta2' });
    // Found by either label.
    for (const word of ['alpha1', 'beta2']) {
      expect((await lookout.api<Page<IssueSummary>>(`issues?status=all&query=${word}`)).items.map((i) => i.id)).toEqual([first.id]);
    }
    // A newer culprit is found too (the search text kept the first one only).
    const moved = await issueOf(await capture(() => thrower.loadProfile('gamma3'), scope));
    expect(moved.id).toBe(first.id);
    expect(moved.culprit).toContain('loadProfile');
    expect(first.culprit).not.toContain('loadProfile');
    const ids = (await lookout.api<Page<IssueSummary>>('issues?status=all&query=loadProfile')).items.map((i) => i.id);
    expect(ids).toContain(first.id);
  });

  it('reads Sentry-style filters in the search box: tags, users, level, status, negation', async () => {
    const ids = async (q: string) => (await lookout.api<Page<IssueSummary>>(`issues?status=all&query=${encodeURIComponent(q)}`)).items.map((i) => i.id);
    const charge = (await issueOf(await capture(() => thrower.chargeCard(9), (s) => { s.setUser({ id: 'ann' }); s.setTag('shard', 's1'); }))).id;
    const all = await ids('');
    expect(await ids('shard:s1')).toEqual([charge]);
    expect(await ids('!shard:s1')).toEqual(all.filter((id) => id !== charge));
    expect(await ids('user.id:ann shard:s1')).toEqual([charge]);
    expect(await ids('shard:s1 level:error is:unresolved')).toEqual([charge]);
    expect(await ids('shard:s1 level:fatal')).toEqual([]);
    expect(await ids('shard:s1 declined')).toEqual([charge]);
    expect(await ids('shard:nowhere')).toEqual([]);
    expect(await ids('shard:s1 !is:unresolved')).toEqual([]);
    expect(await ids('shard:s1 !is:resolved !is:ignored')).toEqual([charge]);
    // Two `is:` statuses both hold, as in Sentry: an issue is never resolved and unresolved at once.
    expect(await ids('shard:s1 is:resolved is:unresolved')).toEqual([]);
    expect(await ids('shard:s1 is:unresolved is:resolved')).toEqual([]);
    expect(await ids('shard:s1 is:all is:unresolved')).toEqual([charge]);
    // Sentry's list syntax is any of its values; two levels must both hold.
    expect(await ids('shard:[s9,s1]')).toEqual([charge]);
    expect(await ids('!shard:[s9,s1]')).not.toContain(charge);
    expect(await ids('level:[fatal,error] shard:s1')).toEqual([charge]);
    expect(await ids('level:error level:warning shard:s1')).toEqual([]);
    expect((await lookout.api<Page<IssueSummary>>(`issues?status=all&level=warning&query=${encodeURIComponent('level:[error,fatal] shard:s1')}`)).items).toEqual([]);
    // Not a tag key: the words are searched as text.
    expect(await ids('TypeError: card declined')).toContain(charge);
  });

  it("reads Sentry's event-field keys: error.type, error.value (with * wildcards), message, error.handled / error.unhandled", async () => {
    const ids = async (q: string) => (await lookout.api<Page<IssueSummary>>(`issues?status=all&query=${encodeURIComponent(q)}`)).items.map((i) => i.id);
    const scope = (s: Sentry.Scope) => s.setFingerprint(['field-keys-test']);
    const issue = (await issueOf(await capture(() => thrower.chargeCard('fk-77'), scope))).id;
    expect(await ids('error.type:TypeError')).toContain(issue);
    expect(await ids('error.type:typeerror')).toContain(issue);
    expect(await ids('error.type:RangeError')).not.toContain(issue);
    expect(await ids('!error.type:TypeError')).not.toContain(issue);
    expect(await ids('error.value:"card declined for order fk-77"')).toEqual([issue]);
    expect(await ids('error.value:"card declined"')).not.toContain(issue);
    expect(await ids('error.value:"*order fk-7*"')).toEqual([issue]);
    expect(await ids('message:"order fk-77"')).toEqual([issue]);
    // % and _ are literal, not LIKE's wildcards.
    expect(await ids('message:"fk_77"')).toEqual([]);
    // Captured by hand: handled, as Sentry's error.handled / error.unhandled read the mechanism.
    expect(await ids('error.handled:true error.value:"*fk-77"')).toEqual([issue]);
    expect(await ids('error.unhandled:true error.value:"*fk-77"')).toEqual([]);
    // A Sentry key Lookout has no data for is said, not silently matched as text.
    const page = await lookout.api<Page<IssueSummary>>(`issues?status=all&query=${encodeURIComponent('stack.function:chargeCard')}`);
    expect(page.notes).toEqual(['Lookout does not support the Sentry search "stack.function:chargeCard": it keeps no index of stack frames, so it was looked for as text.']);
  });

  it('finds a user by email, username or IP although the user is keyed by id, as Sentry searches each user field', async () => {
    const ids = async (q: string) => (await lookout.api<Page<IssueSummary>>(`issues?status=all&query=${encodeURIComponent(q)}`)).items.map((i) => i.id);
    const user = { id: 'u-4711', email: 'grace@example.com', username: 'grace', ip_address: '10.1.2.3' };
    const scope = (s: Sentry.Scope) => { s.setUser(user); s.setFingerprint(['user-fields-test']); };
    const issue = (await issueOf(await capture(() => thrower.chargeCard('uf'), scope))).id;
    for (const q of ['user.id:u-4711', 'user.email:grace@example.com', 'user.username:grace', 'user.ip:10.1.2.3']) {
      expect(await ids(q)).toEqual([issue]);
    }
    expect(await ids('user.email:nobody@example.com')).toEqual([]);
    expect(await ids('!user.email:grace@example.com')).not.toContain(issue);
    const total = await lookout.api<Page<IssueSummary>>(`issues?status=all&query=${encodeURIComponent('user.email:grace@example.com')}`);
    expect(total.total).toBe(1);
  });

  it('pages the issue list with a cursor and sorts by count', async () => {
    const page1 = await lookout.api<Page<IssueSummary>>('issues?limit=2&sort=count');
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0]!.count).toBeGreaterThanOrEqual(page1.items[1]!.count);
    const page2 = await lookout.api<Page<IssueSummary>>(`issues?limit=2&sort=count&cursor=${page1.nextCursor}`);
    expect(page2.items.map((i) => i.id)).not.toContain(page1.items[0]!.id);
  });

  it("lists an issue's events newest first by event time, so a late arrival sorts by when it happened", async () => {
    // One call site, so one issue: sent now, then one that happened 2 h ago, then one 1 min ago.
    const ids: string[] = [];
    for (const ageS of [0, 7200, 60]) {
      ids.push(await capture(() => thrower.loadProfile(ageS), (s) => s.addEventProcessor((e) => ({ ...e, timestamp: Date.now() / 1000 - ageS }))));
    }
    const issueId = (await lookout.api<EventDetail>(`events/${ids[0]}`)).issueId;
    const all = await lookout.api<Page<EventSummary>>(`issues/${issueId}/events?limit=500`);
    const order = all.items.map((e) => e.eventId).filter((id) => ids.includes(id));
    expect(order).toEqual([ids[0], ids[2], ids[1]]);
    expect(all.items.map((e) => e.timestamp)).toEqual([...all.items.map((e) => e.timestamp)].sort((a, b) => b - a));
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<EventSummary> = await lookout.api(`issues/${issueId}/events?limit=1${cursor ? `&before=${cursor}` : ''}`);
      paged.push(...page.items.map((e) => e.eventId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items.map((e) => e.eventId));
    expect((await fetch(`${lookout.url}/_lookout/api/issues/${issueId}/events?before=12`)).status).toBe(400);
  });

  it('regroup keeps every event and the issue ids', async () => {
    const before = await lookout.api<Page<IssueSummary>>('issues?limit=500&status=all');
    const { db } = openDatabase(lookout.dataDir);
    const eventsBefore = db.prepare("SELECT COUNT(*) FROM events WHERE kind='event'").pluck().get();
    const summary = regroupAll(db);
    expect(summary.events).toBe(eventsBefore);
    expect(db.prepare('SELECT COUNT(*) FROM events WHERE kind=\'event\' AND issue_id IS NULL').pluck().get()).toBe(0);
    const counts = db.prepare('SELECT id, count FROM issues ORDER BY id').all() as { id: number; count: number }[];
    db.close();
    expect(counts.map((c) => c.id)).toEqual(before.items.map((i) => i.id).sort((a, b) => a - b));
    expect(counts.reduce((n, c) => n + c.count, 0)).toBe(eventsBefore);
  });
});
