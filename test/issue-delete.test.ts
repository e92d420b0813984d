import * as Sentry from '@sentry/node';
import { describe, expect, it } from 'vitest';
import { lookoutForSdk, thrower } from './helpers/sdk-lookout';
import type { DeletedData, DeletedIssues, EventDetail, IssueSummary, Page } from '../src/shared/api-types';
import { post } from './helpers/lookout';
import { readFrames } from './helpers/sse';
import { errorEvent, eventEnvelope, newEventId } from './reliability/support';
import { encodePayload } from '../src/core/store/codec';
import { regroupEvents } from '../src/core/store/regroup-events';

const sdk = lookoutForSdk();

/** Throws `fn` under the SDK (with a log file attached) and answers the event's issue id and event id. */
async function capture(fn: () => never): Promise<{ issueId: number; eventId: string }> {
  let eventId = '';
  try { fn(); } catch (err) {
    eventId = Sentry.withScope((s) => {
      s.addAttachment({ filename: 'app.log', data: 'last lines of the log' });
      return Sentry.captureException(err);
    });
  }
  await Sentry.flush(3000);
  const ev = await sdk.lookout.api<EventDetail>(`events/${eventId}`);
  return { issueId: ev.issueId!, eventId };
}

const count = (sql: string, ...args: unknown[]) => sdk.db.prepare(sql).pluck().get(...args) as number;
const del = (path: string) => fetch(`${sdk.lookout.url}/_lookout/api/${path}`, { method: 'DELETE' });

describe('deleting issues', () => {
  it('removes the issue, its events, their envelopes and attachments, and tells open UIs', async () => {
    // One call site (a loop), so both events group together.
    const same: { issueId: number; eventId: string }[] = [];
    for (const n of [1, 2]) same.push(await capture(() => thrower.chargeCard(n)));
    const [first, second] = same as [typeof same[0], typeof same[0]];
    const other = await capture(() => thrower.loadProfile(3));
    expect(second.issueId).toBe(first.issueId);
    const envelopesBefore = count('SELECT COUNT(*) FROM envelopes');
    expect(count('SELECT COUNT(*) FROM attachments WHERE event_id IN (?, ?)', first.eventId, second.eventId)).toBe(2);

    let answer: DeletedIssues | null = null;
    const frames = await readFrames(sdk.lookout.url, null, (f) => f.some((x) => x.message.type === 'issues_deleted'), async () => {
      const res = await del(`issues/${first.issueId}`);
      expect(res.status).toBe(200);
      answer = (await res.json()) as DeletedIssues;
    });
    expect(answer).toEqual({ issues: 1, events: 2 });
    expect(frames.find((f) => f.message.type === 'issues_deleted')?.message).toEqual({ type: 'issues_deleted', ids: [first.issueId] });

    expect((await fetch(`${sdk.lookout.url}/_lookout/api/issues/${first.issueId}`)).status).toBe(404);
    expect((await fetch(`${sdk.lookout.url}/_lookout/api/events/${first.eventId}`)).status).toBe(404);
    expect(count('SELECT COUNT(*) FROM attachments WHERE event_id IN (?, ?)', first.eventId, second.eventId)).toBe(0);
    expect(count('SELECT COUNT(*) FROM envelopes')).toBe(envelopesBefore - 2);
    for (const table of ['issue_hashes', 'issue_tags', 'issue_hourly', 'issue_users']) {
      expect(count(`SELECT COUNT(*) FROM ${table} WHERE issue_id = ?`, first.issueId)).toBe(0);
    }
    expect(count('SELECT COUNT(*) FROM issues_fts WHERE rowid = ?', first.issueId)).toBe(0);
    expect(count("SELECT n FROM store_counts WHERE name = 'error_events'")).toBe(count("SELECT COUNT(*) FROM events WHERE kind = 'event'"));

    // The other issue is untouched and the list no longer has the deleted one.
    const list = await sdk.lookout.api<Page<IssueSummary>>('issues?status=all');
    expect(list.items.map((i) => i.id)).toEqual([other.issueId]);
    expect((await sdk.lookout.api<EventDetail>(`events/${other.eventId}`)).issueId).toBe(other.issueId);
  });

  it('opens a new issue, under a new id, for the next event like the deleted ones', async () => {
    const before = await capture(() => thrower.chargeCard(4));
    // The newest issue: SQLite would hand its id out again to the next row.
    expect(before.issueId).toBe(count('SELECT MAX(id) FROM issues'));
    expect((await del(`issues/${before.issueId}`)).status).toBe(200);
    const after = await capture(() => thrower.chargeCard(5));
    expect(after.issueId).toBeGreaterThan(before.issueId);
    const issue = await sdk.lookout.api<IssueSummary>(`issues/${after.issueId}`);
    expect(issue.count).toBe(1);
  });

  it('deletes several issues at once and refuses requests that name none or not numbers', async () => {
    const a = await capture(() => thrower.chargeCard(6));
    const b = await capture(() => thrower.loadProfile(7));
    const res = await del(`issues?id=${a.issueId}&id=${b.issueId}`);
    expect(await res.json()).toEqual({ issues: 2, events: 2 });
    expect(count('SELECT COUNT(*) FROM issues WHERE id IN (?, ?)', a.issueId, b.issueId)).toBe(0);
    expect(count('SELECT COUNT(*) FROM events WHERE issue_id IN (?, ?)', a.issueId, b.issueId)).toBe(0);

    expect((await del('issues')).status).toBe(400);
    const bad = await del('issues?id=abc');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toContain('"abc" is not a number');
    expect((await del(`issues/${a.issueId}`)).status).toBe(404);
  });
});

describe('deleting issues, the edges', () => {
  const send = async (id: string, kind: number, extra: Record<string, unknown> = {}) =>
    expect((await post(`${sdk.lookout.url}/api/1/envelope/`, eventEnvelope(id, { ...errorEvent(id, kind), extra }))).status).toBe(200);
  const issueOf = (eventId: string) => count('SELECT issue_id FROM events WHERE event_id = ?', eventId);

  it('deletes the requests of an event the SDK sent twice, not only the one that stored it', async () => {
    const id = newEventId();
    for (let i = 0; i < 2; i++) await send(id, 901, { secret: 'resent-secret' });
    expect(count('SELECT duplicates FROM events WHERE event_id = ?', id)).toBe(1);
    const envelopes = count('SELECT COUNT(*) FROM envelopes');
    expect((await del(`issues/${issueOf(id)}`)).status).toBe(200);
    expect(count('SELECT COUNT(*) FROM envelopes')).toBe(envelopes - 2);
    expect(count('SELECT COUNT(*) FROM items WHERE event_id = ?', id)).toBe(0);
  });

  it("never gives a new issue the id of one a regroup emptied (re-group with source maps)", async () => {
    const [a, b] = [newEventId(), newEventId()];
    await send(a, 902);
    await send(b, 903);
    const emptied = issueOf(b);
    expect(emptied).toBe(count('SELECT MAX(id) FROM issues'));
    // b's payload now looks like a's, as a source map found later can make it: the regroup moves it and drops its issue.
    const row = sdk.db.prepare('SELECT id FROM events WHERE event_id = ?').pluck().get(b) as number;
    const { data, codec } = encodePayload(Buffer.from(JSON.stringify({ ...errorEvent(b, 902), event_id: b })));
    sdk.db.prepare('UPDATE events SET payload = ?, payload_codec = ? WHERE id = ?').run(data, codec, row);
    sdk.db.transaction(() => regroupEvents(sdk.db, [row]))();
    expect(count('SELECT COUNT(*) FROM issues WHERE id = ?', emptied)).toBe(0);
    const c = newEventId();
    await send(c, 904);
    expect(issueOf(c)).toBeGreaterThan(emptied);
  });
});

describe('deleting all data', () => {
  it('empties the store but projects and settings, tells open UIs, and ingest goes on with new issue ids and readable bodies', async () => {
    // Three of one error: the second and third are stored against a body dictionary made of the first.
    const before: { issueId: number; eventId: string }[] = [];
    for (const n of [1, 2, 3]) before.push(await capture(() => thrower.chargeCard(n)));
    await Sentry.startSpan({ name: 'GET /cart', op: 'http.server' }, () => undefined);
    await Sentry.flush(3000);
    expect(count('SELECT COUNT(*) FROM body_dictionaries')).toBeGreaterThan(0);
    const maxIssue = count('SELECT MAX(id) FROM issues');
    const projects = count('SELECT COUNT(*) FROM projects');
    const envelopes = count('SELECT COUNT(*) FROM envelopes');
    const issues = count('SELECT COUNT(*) FROM issues');
    const events = count("SELECT COUNT(*) FROM events WHERE kind = 'event'");

    let answer: DeletedData | null = null;
    const frames = await readFrames(sdk.lookout.url, null, (f) => f.some((x) => x.message.type === 'data_deleted'), async () => {
      const res = await del('data');
      expect(res.status, await res.clone().text()).toBe(200);
      answer = (await res.json()) as DeletedData;
    });
    expect(answer).toEqual({ envelopes, issues, events });
    expect(frames.some((f) => f.message.type === 'data_deleted')).toBe(true);
    for (const table of ['envelopes', 'items', 'events', 'span_blocks', 'attachments', 'issues', 'issue_hashes', 'issue_tags',
      'issue_hourly', 'issue_users', 'issues_fts', 'body_dictionaries', 'replays']) {
      expect(count(`SELECT COUNT(*) FROM ${table}`), table).toBe(0);
    }
    expect(count("SELECT n FROM store_counts WHERE name = 'error_events'")).toBe(0);
    expect(count('SELECT COUNT(*) FROM projects')).toBe(projects);

    const after: { issueId: number; eventId: string }[] = [];
    for (const n of [4, 5]) after.push(await capture(() => thrower.chargeCard(n)));
    expect(after[0]!.issueId).toBeGreaterThan(maxIssue);
    expect(after[1]!.issueId).toBe(after[0]!.issueId);
    for (const { eventId } of after) {
      const envelopeId = count('SELECT envelope_id FROM events WHERE event_id = ?', eventId);
      const raw = await fetch(`${sdk.lookout.url}/_lookout/api/envelopes/${envelopeId}/raw`);
      expect(raw.status).toBe(200);
      expect(await raw.text()).toContain(eventId);
    }
  });
});
