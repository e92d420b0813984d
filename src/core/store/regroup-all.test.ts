import { afterEach, describe, expect, it } from 'vitest';
import { post, startTestLookout, type TestLookout } from '../../../test/helpers/lookout';
import { errorEvent, eventEnvelope, newEventId } from '../../../test/reliability/support';
import type { DB } from './db';
import { regroupAll } from './regroup';

let lookout: TestLookout;
let db: DB;
afterEach(() => lookout.stopAndClean());

const HOUR = 3600;

/** Everything a regroup rebuilds, in a stable order. */
function snapshot() {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    issues: all(`SELECT id, project_id, status, count, users, first_seen, last_seen, first_release, last_release, latest_event_id, level, title
      FROM issues ORDER BY id`),
    hashes: all('SELECT project_id, hash, issue_id FROM issue_hashes ORDER BY project_id, hash'),
    tags: all('SELECT issue_id, key, value, count FROM issue_tags ORDER BY issue_id, key, value'),
    hours: all('SELECT * FROM issue_hourly ORDER BY 1, 2'),
    users: all('SELECT * FROM issue_users ORDER BY 1, 2'),
    events: all("SELECT id, issue_id, hashes FROM events WHERE kind = 'event' ORDER BY id"),
  };
}

describe('regrouping the whole store', () => {
  it('with an unchanged algorithm rebuilds exactly the issues it found, a chunk at a time', async () => {
    lookout = await startTestLookout({ onDatabase: (d) => { db = d; } });
    const start = Math.floor(Date.now() / 1000) - 30 * HOUR;
    // 45 events of 4 shapes over 30 hours, sent out of time order, from 5 users, 2 releases in
    // the order sent (so an issue's first release is not that of its oldest event).
    for (let i = 0; i < 45; i++) {
      const id = newEventId();
      const event = { ...errorEvent(id, i % 4), timestamp: start + ((i * 7) % 45) * 2400, user: { id: `u-${i % 5}` },
        release: i < 30 ? 'shop@1.0.0' : 'shop@1.1.0', tags: { flavour: ['sweet', 'sour', 'bitter'][i % 3] } };
      expect((await post(`${lookout.url}/api/1/envelope/`, eventEnvelope(id, event))).status).toBe(200);
    }
    const resolved = (db.prepare('SELECT id FROM issues ORDER BY id LIMIT 1').pluck().get() as number);
    db.prepare("UPDATE issues SET status = 'resolved' WHERE id = ?").run(resolved);
    const before = snapshot();
    expect(before.issues).toHaveLength(4);

    const steps: [number, number][] = [];
    const summary = regroupAll(db, (done, total) => steps.push([done, total]), 7);
    expect(summary).toEqual({ events: 45, issuesBefore: 4, issuesAfter: 4, kept: 4, created: 0 });
    expect(snapshot()).toEqual(before);
    // One report per chunk of 7, the last (partial) one saying it is done: no second 45/45.
    expect(steps).toEqual([[7, 45], [14, 45], [21, 45], [28, 45], [35, 45], [42, 45], [45, 45]]);

    regroupAll(db, () => undefined, 1000);
    expect(snapshot()).toEqual(before);
  });

  it('with no events reports once that it is done', async () => {
    lookout = await startTestLookout({ onDatabase: (d) => { db = d; } });
    const steps: [number, number][] = [];
    expect(regroupAll(db, (done, total) => steps.push([done, total]))).toEqual({ events: 0, issuesBefore: 0, issuesAfter: 0, kept: 0, created: 0 });
    expect(steps).toEqual([[0, 0]]);
  });
});
