import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_BY_ID_SQL } from '../src/core/api/event-queries';
import { EVENT_FEEDBACK_SQL, ISSUE_FEEDBACK_BY_EVENTS_SQL, ISSUE_FEEDBACK_BY_FEEDBACK_SQL } from '../src/core/api/feedback-queries';
import { openDatabase } from '../src/core/store/db';
import { STORED_PARTS_SQL } from '../src/core/store/segment-writer';

/** Lookups the UI makes on every click must use an index, whatever the store's size. */
describe('query plans', () => {
  const { db } = openDatabase(mkdtempSync(join(tmpdir(), 'lookout-plans-')));
  const plan = (sql: string) => {
    const stmt = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
    const args = new Array<string>((sql.match(/\?/g) ?? []).length).fill('x');
    return (stmt.all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
  };

  it('asks whether a streamed segment has a root or other parts stored by one index seek each, however often it was re-sent', () => {
    expect(plan(STORED_PARTS_SQL)).toMatch(
      /SEARCH span_segments USING INDEX span_segments_segment \(trace_id=\? AND segment_id=\? AND has_root=\?\).*SEARCH span_segments USING INDEX span_segments_segment \(trace_id=\? AND segment_id=\? AND has_root=\?\)/);
  });

  it('opens an event by its id through an index', () => {
    expect(plan(EVENT_BY_ID_SQL)).toMatch(/SEARCH events USING INDEX sqlite_autoindex_events_1 \(project_id=\? AND event_id=\?\)/);
  });

  it('lists and prunes rejected envelopes through their partial index', () => {
    expect(plan("SELECT id FROM envelopes WHERE outcome = 'rejected' ORDER BY id DESC LIMIT 100")).toMatch(/USING COVERING INDEX envelopes_rejected/);
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'envelopes_rejected'").pluck().get()).toMatch(/WHERE outcome = 'rejected'/);
  });

  it('finds the events of a replay through the partial replay index', () => {
    expect(plan("SELECT COUNT(*) FROM events WHERE replay_id = ? AND kind = 'event'")).toMatch(/USING INDEX events_replay/);
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'events_replay'").pluck().get()).toMatch(/WHERE replay_id IS NOT NULL/);
  });

  it('finds user feedback by the event it is about, walking either the feedback or the issue\'s events', () => {
    expect(plan(EVENT_FEEDBACK_SQL)).toMatch(/SEARCH f USING INDEX feedback_about \(associated_event_id=\?\)/);
    expect(plan(ISSUE_FEEDBACK_BY_EVENTS_SQL)).toMatch(
      /^SEARCH e USING (COVERING )?INDEX events_issue \(issue_id=\?\) \| SEARCH f USING INDEX feedback_about \(associated_event_id=\?\)/);
    expect(plan(ISSUE_FEEDBACK_BY_FEEDBACK_SQL)).toMatch(
      /^SEARCH f USING INDEX feedback_about \(associated_event_id>\?\) \| SEARCH e USING INDEX sqlite_autoindex_events_1 \(project_id=\? AND event_id=\?\)/);
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'feedback_about'").pluck().get()).toMatch(/WHERE associated_event_id IS NOT NULL/);
  });

  it('finds an issue by hash and a trace\'s logs through indexes', () => {
    expect(plan('SELECT issue_id FROM issue_hashes WHERE project_id = ? AND hash = ?')).toMatch(/USING PRIMARY KEY/);
    expect(plan('SELECT * FROM logs WHERE trace_id IN (?, ?) ORDER BY timestamp, id')).toMatch(/USING INDEX logs_trace/);
  });
});
