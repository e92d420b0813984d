import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { feedbackQueries } from '../api/feedback-queries';
import { migrate, type DB } from './db';
import { MIGRATIONS } from './migrations';

/**
 * A store written before migration 014: only user reports had a `feedback` row, and a feedback
 * event's associated id sat in its payload (here, as usual, only in the raw envelope).
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#user-feedback
 */
const ERROR_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const FEEDBACK_ID = 'f'.repeat(32);
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** A database at schema 13, migrated exactly as Lookout 13 left it. */
function schema13Store(): DB {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-014-'));
  dirs.push(dir);
  const db = new Database(join(dir, 'lookout.db'));
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  for (const m of MIGRATIONS.filter((m) => m.version <= 13)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?, 0)').run(m.version, m.name, createHash('sha256').update(m.sql).digest('hex'));
  }
  return db;
}

function storeEnvelope(db: DB, body: Buffer | string, codec = 'raw'): number {
  return Number(db.prepare(`INSERT INTO envelopes (received, route, method, project_id, outcome, status, size, headers, body, body_codec)
    VALUES (1000, '/api/1/envelope/', 'POST', 1, 'accepted', 200, 1, '{}', ?, ?)`).run(Buffer.from(body), codec).lastInsertRowid);
}

function storeEvent(db: DB, eventId: string, kind: string, envelopeId: number, issueId: number | null): void {
  db.prepare(`INSERT INTO events (project_id, event_id, kind, envelope_id, item_index, issue_id, timestamp, received, title)
    VALUES (1, ?, ?, ?, 0, ?, 1000, 1000, 't')`).run(eventId, kind, envelopeId, issueId);
}

describe('migration 014 on a store from before it', () => {
  it('gives stored feedback events their row and normalises user reports\' ids, so both are found by their error', () => {
    const db = schema13Store();
    db.exec(`INSERT INTO projects (id, name, first_seen, last_seen) VALUES (1, 'p', 0, 0);
      INSERT INTO issues (id, project_id, title, level, type, first_seen, last_seen, count) VALUES (7, 1, 'PayError', 'error', 'error', 0, 0, 1)`);
    storeEvent(db, ERROR_ID, 'event', storeEnvelope(db, '{}'), 7);
    const feedback = { event_id: FEEDBACK_ID, contexts: { feedback: { message: 'sent before the upgrade', contact_email: 'ada@example.com',
      name: 'Ada', url: 'http://localhost/cart', source: 'widget', associated_event_id: ERROR_ID } } };
    storeEvent(db, FEEDBACK_ID, 'feedback', storeEnvelope(db, `{"event_id":"${FEEDBACK_ID}"}\n{"type":"feedback"}\n${JSON.stringify(feedback)}`), null);
    // One whose stored body no longer decodes: skipped, and the store still opens.
    storeEvent(db, 'e'.repeat(32), 'feedback', storeEnvelope(db, 'not brotli', 'br'), null);
    const dashed = `${ERROR_ID.slice(0, 8)}-${ERROR_ID.slice(8, 12)}-${ERROR_ID.slice(12, 16)}-${ERROR_ID.slice(16, 20)}-${ERROR_ID.slice(20)}`;
    db.prepare(`INSERT INTO feedback (project_id, envelope_id, kind, event_id, associated_event_id, name, email, message, received)
      VALUES (1, 9, 'user_report', ?, ?, 'Grace', NULL, 'a report', 2000)`).run(dashed.toUpperCase(), dashed.toUpperCase());

    migrate(db);
    const list = feedbackQueries(db).aboutIssue(7);
    expect(list.total).toBe(2);
    expect(list.items.map((f) => [f.kind, f.message, f.associatedEventId])).toEqual([
      ['user_report', 'a report', ERROR_ID], ['feedback', 'sent before the upgrade', ERROR_ID],
    ]);
    expect(list.items[1]).toMatchObject({ name: 'Ada', email: 'ada@example.com', url: 'http://localhost/cart', source: 'widget',
      feedbackEventId: FEEDBACK_ID, received: 1000 });
    expect(feedbackQueries(db).aboutEvent(ERROR_ID).total).toBe(2);
    db.close();
  });
});
