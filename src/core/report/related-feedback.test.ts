import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, removeStoreDirs, tempStoreDir } from '../store/test-dictionary-store';
import type { DB } from '../store/db';
import { feedbackViews, feedbackTie } from '../export/report-feedback';
import { FEEDBACK_EVENTS_SQL, feedbackOfReplaysAndTraces } from './related-feedback';

/**
 * Which feedback a bug report quotes besides the feedback tied to the events: that of the same
 * replay (the widget names it in `contexts.replay`) or the same trace, from any project, each once.
 */
const REPLAY = 'e2d42047b1c5431c8cba85ee2a8ab25d';
const TRACE = '4c79f60c11214eb38604f4ae0781bfb2';
const id = (n: number) => n.toString(16).padStart(32, '0');

let db: DB;
beforeAll(() => {
  db = openStore(tempStoreDir());
  db.exec(`INSERT INTO projects (id, name, first_seen, last_seen) VALUES (1, 'shop', 0, 0), (2, 'api', 0, 0)`);
  const event = db.prepare(`INSERT INTO events (project_id, event_id, kind, envelope_id, item_index, issue_id, timestamp, received, title, trace_id, replay_id)
    VALUES (?, ?, ?, ?, 0, NULL, 1000, 1000, 't', ?, ?)`);
  const feedback = db.prepare(`INSERT INTO feedback (project_id, envelope_id, kind, event_id, associated_event_id, name, email, message, received)
    VALUES (?, ?, 'feedback', ?, ?, 'Ada', NULL, ?, ?)`);
  // 1: the error; 2: feedback in its replay, tied to no event; 3: feedback in its trace, from the backend's project;
  // 4: feedback in both (listed once, by its replay); 5: feedback tied by event id (already quoted); 6: another replay's.
  event.run(1, id(1), 'event', 1, TRACE, REPLAY);
  const rows: [number, number, string | null, string | null, string, number][] = [
    [2, 1, null, REPLAY, 'Checkout shows nothing after I press Pay', 3000],
    [3, 2, TRACE, null, 'The API said nothing either', 4000],
    [4, 1, TRACE, REPLAY, 'Both ways', 5000],
    [5, 1, null, REPLAY, 'About the error itself', 6000],
    [6, 1, null, 'f'.repeat(32), 'Another session', 7000],
  ];
  for (const [n, project, trace, replay, message, received] of rows) {
    event.run(project, id(n), 'feedback', n, trace, replay);
    feedback.run(project, n, id(n), n === 5 ? id(1) : null, message, received);
  }
});
afterAll(() => { db.close(); removeStoreDirs(); });

describe('feedback of the same replay or trace, for a bug report', () => {
  it('finds it newest first, by replay before trace, leaving out what is already quoted and other replays', () => {
    const tiedIds = new Set([db.prepare('SELECT id FROM feedback WHERE event_id = ?').pluck().get(id(5)) as number]);
    const found = feedbackOfReplaysAndTraces(db, [REPLAY], [TRACE], tiedIds, 20);
    expect(found.items.map((f) => [f.message, f.via])).toEqual([
      ['Both ways', 'replay'], ['The API said nothing either', 'trace'], ['Checkout shows nothing after I press Pay', 'replay'],
    ]);
    expect(found.total).toBe(3);
    expect(found.envelopeIds).toEqual([4, 3, 2]);
    expect(feedbackOfReplaysAndTraces(db, [REPLAY], [TRACE], tiedIds, 1)).toMatchObject({ total: 3, envelopeIds: [4] });
    expect(feedbackOfReplaysAndTraces(db, [], [], new Set(), 20)).toEqual({ items: [], total: 0, envelopeIds: [] });
  });

  it('labels each quote by its tie, after the feedback about the events themselves', () => {
    const found = feedbackOfReplaysAndTraces(db, [REPLAY], [TRACE], new Set(), 20);
    const views = feedbackViews({ items: [], total: 0 }, null, found);
    expect(views.total).toBe(4);
    expect(views.items.map(feedbackTie)).toEqual([
      `sent in the same replay as this issue's events (replay ${REPLAY})`,
      `sent in the same replay as this issue's events (replay ${REPLAY})`,
      `sent in the same trace as this issue's events (trace ${TRACE})`,
      `sent in the same replay as this issue's events (replay ${REPLAY})`,
    ]);
  });

  it('reads each id through its index', () => {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${FEEDBACK_EVENTS_SQL}`).all({ replays: '[]', traces: '[]' }) as { detail: string }[])
      .map((p) => p.detail).join('\n');
    expect(plan).toMatch(/USING INDEX events_replay/);
    expect(plan).toMatch(/USING INDEX events_trace/);
  });
});
