import { afterEach, describe, expect, it } from 'vitest';
import { post, startTestLookout, type TestLookout } from '../../../test/helpers/lookout';
import { errorEvent, eventEnvelope, newEventId } from '../../../test/reliability/support';
import { encodePayload } from './codec';
import type { DB } from './db';
import { activityRecorder } from './issue-activity';
import { regroupEvents } from './regroup-events';

let lookout: TestLookout;
let db: DB;
afterEach(() => lookout.stopAndClean());

/** Sends one error of shape `kind`; returns its event id. */
async function send(kind: number): Promise<string> {
  const id = newEventId();
  expect((await post(`${lookout.url}/api/1/envelope/`, eventEnvelope(id, errorEvent(id, kind)))).status).toBe(200);
  return id;
}

const issueOf = (eventId: string) => db.prepare('SELECT issue_id FROM events WHERE event_id = ?').pluck().get(eventId) as number;
const statusOf = (id: number) => db.prepare('SELECT status, regressed FROM issues WHERE id = ?').get(id);
const activityKinds = (id: number) => db.prepare('SELECT kind FROM issue_activity WHERE issue_id = ? ORDER BY id').pluck().all(id);

/** Stores `eventId`'s payload with the frames of shape `kind`, as re-symbolication would; its row id. */
function reshape(eventId: string, kind: number): number {
  const row = db.prepare('SELECT id FROM events WHERE event_id = ?').get(eventId) as { id: number };
  const { data, codec } = encodePayload(Buffer.from(JSON.stringify(errorEvent(eventId, kind))));
  db.prepare('UPDATE events SET payload = ?, payload_codec = ? WHERE id = ?').run(data, codec, row.id);
  return row.id;
}

/** Resolves `issueId` as the issue page does, `agoMs` before now. */
function resolve(issueId: number, agoMs: number): void {
  db.prepare("UPDATE issues SET status = 'resolved' WHERE id = ?").run(issueId);
  activityRecorder(db)(issueId, 'resolved', undefined, Date.now() - agoMs);
}

describe('events a re-group moves into a resolved issue', () => {
  it('regress it when one is newer than the resolution, as a new event would (Sentry)', async () => {
    lookout = await startTestLookout({ onDatabase: (d) => { db = d; } });
    const resolvedIssue = issueOf(await send(1));
    const fresh = await send(2);
    resolve(resolvedIssue, 60_000);

    const result = db.transaction(() => regroupEvents(db, [reshape(fresh, 1)]))();
    expect(issueOf(fresh)).toBe(resolvedIssue);
    expect(result.regressed).toEqual([resolvedIssue]);
    expect(statusOf(resolvedIssue)).toEqual({ status: 'unresolved', regressed: 1 });
    expect(activityKinds(resolvedIssue)).toEqual(['resolved', 'regressed']);
  });

  it('leave it resolved when the events are older than the resolution (within 5 s counts as older)', async () => {
    lookout = await startTestLookout({ onDatabase: (d) => { db = d; } });
    const resolvedIssue = issueOf(await send(1));
    const older = await send(2);
    const oldIssue = issueOf(older);
    resolve(resolvedIssue, 0);

    const result = db.transaction(() => regroupEvents(db, [reshape(older, 1)]))();
    expect(issueOf(older)).toBe(resolvedIssue);
    expect(result).toMatchObject({ regressed: [], removed: [oldIssue] });
    expect(statusOf(resolvedIssue)).toEqual({ status: 'resolved', regressed: 0 });
  });
});
