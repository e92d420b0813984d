import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../store/db';
import { PENDING_RESOLUTIONS_SQL, UNHANDLED_SQL } from './release-issue-lists';

describe('the release page\'s Resolved and Unhandled lists read indexes only', () => {
  it('finds pending resolutions by status and a release\'s unhandled issues by tag, scanning no table', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.exec('ANALYZE');
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ project: 1, version: 'api@1.0.0' }) as { detail: string }[])
      .map((r) => r.detail);
    const pending = plan(PENDING_RESOLUTIONS_SQL);
    expect(pending.join(' | ')).toMatch(/issues_status_last/);
    const unhandled = plan(UNHANDLED_SQL);
    expect(unhandled.join(' | ')).toMatch(/SEARCH t USING (COVERING )?INDEX issue_tags_filter \(key=\? AND value=\?\)/);
    expect(unhandled.join(' | ')).toMatch(/SEARCH h (EXISTS )?USING (PRIMARY KEY \(issue_id=\? AND key=\? AND value=\?\)|COVERING INDEX issue_tags_filter \(key=\? AND value=\? AND issue_id=\?\))/);
    expect(unhandled.join(' | ')).toMatch(/SEARCH i USING INTEGER PRIMARY KEY/);
    for (const line of [...pending, ...unhandled]) expect(line).not.toMatch(/^SCAN/);
  });
});
