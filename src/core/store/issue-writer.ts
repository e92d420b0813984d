import type { DB } from './db';
import type { PreparedEvent } from '../pipeline/types';
import { cacheVersion } from './cache-versions';

export type IssueChange = 'created' | 'updated' | 'regressed';

const HOUR = 3_600_000;
/** Tag values stop being added to an issue's search text past this length (it is rewritten per append). */
const MAX_FTS_CHARS = 4000;
const MAX_REMEMBERED_HASHES = 100_000;
const MAX_REMEMBERED_TAGS = 50_000;

interface BumpedIssue { status: string; resolved_release: string | null; ignore_until_count: number | null; count: number; first_seen: number }

/**
 * Puts an event into its issue inside the envelope's transaction: finds the issue by any of the
 * event's hashes, or creates it, and keeps every aggregate (count, users, tags, releases,
 * hourly counts, search text) current so the issue list never scans events.
 */
export function issueWriter(db: DB) {
  const findHash = db.prepare('SELECT issue_id FROM issue_hashes WHERE project_id = ? AND hash = ?').pluck();
  const addHash = db.prepare('INSERT OR IGNORE INTO issue_hashes (project_id, hash, issue_id) VALUES (?, ?, ?)');
  const create = db.prepare(`INSERT INTO issues (project_id, title, culprit, level, type, metadata, first_seen, last_seen,
    count, users, first_release, last_release, latest_event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)`);
  // RETURNING gives the status fields the reopen check needs without a second lookup. first_seen
  // is not in the SET list: SQLite rewrites an index whose column is assigned even to the same
  // value, and an event older than its issue is rare (see `backdate`).
  const bump = db.prepare(`UPDATE issues SET count = count + 1,
      last_seen = MAX(last_seen, @ts),
      latest_event_id = CASE WHEN @ts >= last_seen THEN @eventId ELSE latest_event_id END,
      last_release = CASE WHEN @release IS NOT NULL AND @ts >= last_seen THEN @release ELSE last_release END,
      first_release = COALESCE(first_release, @release),
      level = CASE WHEN @ts >= last_seen THEN @level ELSE level END
    WHERE id = @id RETURNING status, resolved_release, ignore_until_count, count, first_seen`);
  const backdate = db.prepare('UPDATE issues SET first_seen = ? WHERE id = ?');
  const reopen = db.prepare(`UPDATE issues SET status = 'unresolved', regressed = @regressed,
      regressed_release = CASE WHEN @regressed = 1 THEN @release ELSE regressed_release END, ignore_until_count = NULL
    WHERE id = @id`);
  const addUser = db.prepare('INSERT OR IGNORE INTO issue_users (issue_id, user_key) VALUES (?, ?)');
  const countUser = db.prepare('UPDATE issues SET users = users + 1 WHERE id = ?');
  const addTag = db.prepare(`INSERT INTO issue_tags (issue_id, key, value, count) VALUES (?, ?, ?, 1)
    ON CONFLICT(issue_id, key, value) DO UPDATE SET count = count + 1 RETURNING count`).pluck();
  // RETURNING makes an upsert ~40 % dearer; it only tells whether the value is new to the issue,
  // which a value this writer has already counted is not.
  const bumpTag = db.prepare(`INSERT INTO issue_tags (issue_id, key, value, count) VALUES (?, ?, ?, 1)
    ON CONFLICT(issue_id, key, value) DO UPDATE SET count = count + 1`);
  const addHour = db.prepare(`INSERT INTO issue_hourly (issue_id, hour, count) VALUES (?, ?, 1)
    ON CONFLICT(issue_id, hour) DO UPDATE SET count = count + 1`);
  const ftsInsert = db.prepare('INSERT INTO issues_fts (rowid, text) VALUES (?, ?)');
  const ftsAppend = db.prepare(`UPDATE issues_fts SET text = text || ' ' || ? WHERE rowid = ? AND length(text) < ${MAX_FTS_CHARS}`);
  // What this writer learnt about the store, so a known hash costs no query. Dropped whenever
  // a regroup or a rolled-back transaction moves the 'issues' cache version.
  const knownHashes = new Map<string, number>();
  const fullSearchText = new Set<number>();
  const knownTags = new Set<string>();
  let knownAt = -1;
  function syncMemory(): void {
    const version = cacheVersion(db, 'issues');
    if (version === knownAt && knownHashes.size < MAX_REMEMBERED_HASHES && knownTags.size < MAX_REMEMBERED_TAGS) return;
    knownHashes.clear();
    knownTags.clear();
    fullSearchText.clear();
    knownAt = version;
  }

  /** `row` is the issue as the bump left it: `count` already includes this event. */
  function reopenIfNeeded(id: number, row: BumpedIssue, release: string | null): IssueChange {
    if (row.status === 'resolved') {
      reopen.run({ id, regressed: 1, release });
      return 'regressed';
    }
    if (row.status === 'resolved_next_release' && release !== null && release !== row.resolved_release) {
      reopen.run({ id, regressed: 1, release });
      return 'regressed';
    }
    if (row.status === 'ignored' && row.ignore_until_count !== null && row.count - 1 >= row.ignore_until_count) {
      reopen.run({ id, regressed: 0, release });
    }
    return 'updated';
  }

  return {
    /** Returns the issue id and what happened to the issue. */
    assign(projectId: number, ev: PreparedEvent, opts: { replaying?: boolean } = {}): { issueId: number; change: IssueChange } {
      syncMemory();
      const hashes = ev.grouping?.hashes ?? [];
      let issueId: number | undefined;
      let foundAt = -1;
      for (let i = 0; i < hashes.length && issueId === undefined; i++) {
        const key = `${projectId}:${hashes[i]}`;
        issueId = knownHashes.get(key) ?? (findHash.get(projectId, hashes[i]) as number | undefined);
        if (issueId !== undefined) { foundAt = i; knownHashes.set(key, issueId); }
      }
      const release = ev.facts.release;
      let change: IssueChange = 'updated';
      if (issueId === undefined) {
        issueId = Number(create.run(projectId, ev.title.title, ev.title.culprit, ev.level, ev.title.type,
          JSON.stringify(ev.title.metadata), ev.timestamp, ev.timestamp, release, release, ev.eventId).lastInsertRowid);
        ftsInsert.run(issueId, `${ev.title.title} ${ev.title.culprit ?? ''} ${ev.facts.message}`);
        change = 'created';
      }
      hashes.forEach((h, i) => {
        const key = `${projectId}:${h}`;
        if (i === foundAt || knownHashes.has(key)) return;
        // A hash another issue already holds stays with it (INSERT OR IGNORE) and is not remembered.
        if (addHash.run(projectId, h, issueId).changes > 0) knownHashes.set(key, issueId!);
      });
      const bumped = bump.get({ id: issueId, ts: ev.timestamp, eventId: ev.eventId, release, level: ev.level }) as BumpedIssue;
      if (ev.timestamp < bumped.first_seen) backdate.run(ev.timestamp, issueId);
      if (change !== 'created' && !opts.replaying) change = reopenIfNeeded(issueId, bumped, release);
      if (ev.userKey && addUser.run(issueId, ev.userKey).changes > 0) countUser.run(issueId);
      const newValues: string[] = [];
      for (const [k, v] of ev.tags) {
        const key = `${issueId}\u0000${k}\u0000${v}`;
        if (knownTags.has(key)) { bumpTag.run(issueId, k, v); continue; }
        if (addTag.get(issueId, k, v) === 1) newValues.push(v);
        knownTags.add(key);
      }
      if (newValues.length > 0 && !fullSearchText.has(issueId)) {
        if (ftsAppend.run(newValues.join(' ').slice(0, 2000), issueId).changes === 0) fullSearchText.add(issueId);
      }
      addHour.run(issueId, Math.floor(ev.timestamp / HOUR));
      return { issueId, change };
    },
  };
}
