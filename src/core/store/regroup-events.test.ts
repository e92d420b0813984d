import { afterEach, describe, expect, it } from 'vitest';
import { post, startTestLookout, type TestLookout } from '../../../test/helpers/lookout';
import { errorEvent, eventEnvelope, newEventId } from '../../../test/reliability/support';
import { encodePayload } from './codec';
import type { DB } from './db';
import { regroupAll } from './regroup';
import { regroupEvents } from './regroup-events';

let lookout: TestLookout;
let db: DB;
afterEach(() => lookout.stopAndClean());

/** Sends one error of shape `kind` from `user`, tagged `tag`; returns its event id. */
async function send(kind: number, user: string, tag: string): Promise<string> {
  const id = newEventId();
  const event = { ...errorEvent(id, kind), user: { id: user }, tags: { flavour: tag } };
  expect((await post(`${lookout.url}/api/1/envelope/`, eventEnvelope(id, event))).status).toBe(200);
  return id;
}

const issueOf = (eventId: string) => db.prepare('SELECT issue_id FROM events WHERE event_id = ?').pluck().get(eventId) as number;
const issue = (id: number) => db.prepare('SELECT count, users, latest_event_id FROM issues WHERE id = ?').get(id) as
  { count: number; users: number; latest_event_id: string } | undefined;
const tags = (id: number) => db.prepare("SELECT value, count FROM issue_tags WHERE issue_id = ? AND key = 'flavour' ORDER BY value").all(id);

/** Stores `eventId`'s payload with the frames of shape `kind`, as re-symbolication would. */
function reshape(eventId: string, kind: number): number {
  const row = db.prepare('SELECT id FROM events WHERE event_id = ?').get(eventId) as { id: number };
  const frames = (errorEvent(eventId, kind).exception as { values: { stacktrace: unknown }[] }).values[0]!.stacktrace;
  const payload = { ...errorEvent(eventId, kind), exception: { values: [{ type: `CrashTestError${kind}`, value: 'x', stacktrace: frames }] } };
  const stored = JSON.parse(JSON.stringify({ ...payload, user: { id: 'u-b' }, tags: [['flavour', 'sour']] })) as Record<string, unknown>;
  const { data, codec } = encodePayload(Buffer.from(JSON.stringify(stored)));
  db.prepare('UPDATE events SET payload = ?, payload_codec = ? WHERE id = ?').run(data, codec, row.id);
  return row.id;
}

describe('regrouping only the events that changed', () => {
  it('moves an event to the issue of its new hashes and keeps every other total, pruned events included', async () => {
    lookout = await startTestLookout({ onDatabase: (d) => { db = d; } });
    const a = [await send(1, 'u-a', 'sweet'), await send(1, 'u-a', 'sweet'), await send(1, 'u-a', 'sweet')];
    const b = [await send(2, 'u-b', 'sour'), await send(2, 'u-c', 'bitter')];
    const [issueA, issueB] = [issueOf(a[0]!), issueOf(b[0]!)];
    db.prepare('DELETE FROM events WHERE event_id = ?').run(a[0]); // pruned: issue A still counts it
    const moved = reshape(b[0]!, 1);

    const summary = db.transaction(() => regroupEvents(db, [moved]))();
    expect(summary).toMatchObject({ events: 1, kept: 0, issuesBefore: 2, issuesAfter: 2 });
    expect(issueOf(b[0]!)).toBe(issueA);
    expect(issue(issueA)).toMatchObject({ count: 4, users: 2 });
    expect(tags(issueA)).toEqual([{ value: 'sour', count: 1 }, { value: 'sweet', count: 3 }]);
    expect(issue(issueB)).toEqual({ count: 1, users: 1, latest_event_id: b[1] });
    expect(tags(issueB)).toEqual([{ value: 'bitter', count: 1 }]);

    // The last event of B moves too: B goes, with its rows.
    const summary2 = db.transaction(() => regroupEvents(db, [reshape(b[1]!, 1)]))();
    expect(summary2.issuesAfter).toBe(1);
    expect(issue(issueB)).toBeUndefined();
    expect(db.prepare('SELECT COUNT(*) FROM issue_hashes WHERE issue_id = ?').pluck().get(issueB)).toBe(0);
    expect(issue(issueA)?.count).toBe(5);
  });

  it('lets the event\'s own issue adopt new hashes that no issue holds', async () => {
    lookout = await startTestLookout({ onDatabase: (d) => { db = d; } });
    const id = await send(3, 'u-a', 'sweet');
    const before = issueOf(id);
    const summary = db.transaction(() => regroupEvents(db, [reshape(id, 4)]))();
    expect(summary).toMatchObject({ events: 1, kept: 1, issuesAfter: 1 });
    expect(issueOf(id)).toBe(before);
    const hashes = JSON.parse(db.prepare('SELECT hashes FROM events WHERE event_id = ?').pluck().get(id) as string) as string[];
    for (const h of hashes) expect(db.prepare('SELECT issue_id FROM issue_hashes WHERE hash = ?').pluck().get(h)).toBe(before);
    // A later event that groups the new way joins the same issue.
    expect(issueOf(await send(4, 'u-d', 'salty'))).toBe(before);
  });
});

describe('regrouping the whole store', () => {
  it('keeps the events retention pruned in the totals of the issue that keeps its id', async () => {
    lookout = await startTestLookout({ onDatabase: (d) => { db = d; } });
    const a = [await send(5, 'u-a', 'sweet'), await send(5, 'u-b', 'sweet'), await send(5, 'u-a', 'sweet')];
    const id = issueOf(a[2]!);
    const firstSeen = db.prepare('SELECT first_seen FROM issues WHERE id = ?').pluck().get(id) as number;
    db.prepare('DELETE FROM events WHERE event_id IN (?, ?)').run(a[0], a[1]);
    regroupAll(db);
    expect(issue(id)?.count).toBe(3);
    expect(db.prepare('SELECT first_seen FROM issues WHERE id = ?').pluck().get(id)).toBe(firstSeen);
  });
});
