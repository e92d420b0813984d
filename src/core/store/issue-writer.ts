import { issueSearchText } from '../grouping/title';
import type { DB } from './db';
import type { PreparedEvent } from '../pipeline/types';
import { cacheVersion } from './cache-versions';
import { issueCounters } from './issue-counters';
import { isLaterRelease } from './release-order';
import { DELETED_ISSUE_MAX } from './issue-delete';
import { activityRecorder } from './issue-activity';

export type IssueChange = 'created' | 'updated' | 'regressed';

const MAX_REMEMBERED_HASHES = 100_000;

/** How the newest event labels its issue (Sentry updates a group's title, culprit and metadata from each new event). */
interface Label { title: string; culprit: string | null; type: string; metadata: string }

interface BumpedIssue extends Label {
  status: string; resolved_release: string | null; ignore_until_count: number | null; count: number; first_seen: number;
  last_seen: number; latest_event_id: string; last_release: string | null; first_release: string | null; level: string;
}

/** An unresolved issue's row as the events folded into it since its last write would leave it. */
interface Folded extends Label {
  n: number; lastSeen: number; firstSeen: number; latestEventId: string; lastRelease: string | null; firstRelease: string | null; level: string;
}

const labelOf = (ev: PreparedEvent): Label =>
  ({ title: ev.title.title, culprit: ev.title.culprit, type: ev.title.type, metadata: JSON.stringify(ev.title.metadata) });

/**
 * Puts an event into its issue inside the envelope's transaction: finds the issue by any of the
 * event's hashes, or creates it, and keeps every aggregate (count, users, tags, releases,
 * hourly counts, search text) current so the issue list never scans events.
 *
 * `deferred`: the caller calls `flush` before its transaction commits (and `discard` after a
 * rollback). Until then an unresolved issue's later events in the transaction only update a copy
 * of its row in memory, and tag, hour and user counts gather (issue-counters.ts): an app in an
 * error loop costs one write of its issue per transaction, not one per event. Without it every
 * `assign` writes everything at once.
 */
export function issueWriter(db: DB, opts: { deferred?: boolean } = {}) {
  const deferred = opts.deferred === true;
  const findHash = db.prepare('SELECT issue_id FROM issue_hashes WHERE project_id = ? AND hash = ?').pluck();
  const addHash = db.prepare('INSERT OR IGNORE INTO issue_hashes (project_id, hash, issue_id) VALUES (?, ?, ?)');
  // Above every id a deleted issue had (issue-delete.ts): a link to a deleted issue must not open a new one.
  const create = db.prepare(`INSERT INTO issues (id, project_id, title, culprit, level, type, metadata, first_seen, last_seen,
    count, users, first_release, last_release, latest_event_id) VALUES (1 + MAX(COALESCE((SELECT MAX(id) FROM issues), 0),
    COALESCE((SELECT n FROM store_counts WHERE name = '${DELETED_ISSUE_MAX}'), 0)), ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)`);
  // RETURNING gives the status fields the reopen check needs without a second lookup. first_release
  // is the release of the earliest-dated event (an earlier one sent late moves it, as it moves first
  // seen), so "first seen" and "first release" name one event. first_seen
  // is not in the SET list: SQLite rewrites an index whose column is assigned even to the same
  // value, and an event older than its issue is rare (see `backdate`).
  const bump = db.prepare(`UPDATE issues SET count = count + 1,
      last_seen = MAX(last_seen, @ts),
      latest_event_id = CASE WHEN @ts >= last_seen THEN @eventId ELSE latest_event_id END,
      last_release = CASE WHEN @release IS NOT NULL AND @ts >= last_seen THEN @release ELSE last_release END,
      first_release = CASE WHEN @release IS NOT NULL AND (first_release IS NULL OR @ts < first_seen) THEN @release ELSE first_release END,
      level = CASE WHEN @ts >= last_seen THEN @level ELSE level END,
      title = CASE WHEN @ts >= last_seen THEN @title ELSE title END,
      culprit = CASE WHEN @ts >= last_seen THEN @culprit ELSE culprit END,
      type = CASE WHEN @ts >= last_seen THEN @type ELSE type END,
      metadata = CASE WHEN @ts >= last_seen THEN @metadata ELSE metadata END
    WHERE id = @id RETURNING status, resolved_release, ignore_until_count, count, first_seen, last_seen, latest_event_id,
      last_release, first_release, level, title, culprit, type, metadata`);
  const writeFolded = db.prepare(`UPDATE issues SET count = count + @n, last_seen = @lastSeen, latest_event_id = @latestEventId,
      last_release = @lastRelease, first_release = @firstRelease, level = @level, title = @title, culprit = @culprit, type = @type,
      metadata = @metadata WHERE id = @id`);
  const backdate = db.prepare('UPDATE issues SET first_seen = ? WHERE id = ?');
  const reopen = db.prepare(`UPDATE issues SET status = 'unresolved', regressed = @regressed,
      regressed_release = CASE WHEN @regressed = 1 THEN @release ELSE regressed_release END, ignore_until_count = NULL
    WHERE id = @id`);
  const ftsInsert = db.prepare('INSERT INTO issues_fts (rowid, text) VALUES (?, ?)');
  const record = activityRecorder(db);
  // "Seen" by this issue: another issue's event is often the first of a new deploy, and that
  // release must still reopen this one.
  const releaseTag = db.prepare("SELECT 1 FROM issue_tags WHERE issue_id = ? AND key = 'release' AND value = ?").pluck();
  // What this writer learnt about the store, so a known hash costs no query. Dropped whenever
  // a regroup or a rolled-back transaction moves the 'issues' cache version.
  const knownHashes = new Map<string, number>();
  const counters = issueCounters(db);
  const folded = new Map<number, Folded>();
  let knownAt = -1;
  function syncMemory(): void {
    const version = cacheVersion(db, 'issues');
    if (version === knownAt && knownHashes.size < MAX_REMEMBERED_HASHES && !counters.full) return;
    knownHashes.clear();
    counters.forget();
    knownAt = version;
  }

  /** The bump's CASE expressions, on the copy: `ts >= last_seen` is judged against the old value. */
  function fold(f: Folded, ev: PreparedEvent, release: string | null): void {
    f.n++;
    if (ev.timestamp >= f.lastSeen) {
      f.latestEventId = ev.eventId;
      f.level = ev.level;
      Object.assign(f, labelOf(ev));
      if (release !== null) f.lastRelease = release;
    }
    f.lastSeen = Math.max(f.lastSeen, ev.timestamp);
    // The release of the earliest-dated event, as first seen is (`f.firstSeen` is still the old value here).
    if (release !== null && (f.firstRelease === null || ev.timestamp < f.firstSeen)) f.firstRelease = release;
  }

  function bumpRow(issueId: number, ev: PreparedEvent, release: string | null, change: IssueChange, replaying: boolean): IssueChange {
    const bumped = bump.get({ id: issueId, ts: ev.timestamp, eventId: ev.eventId, release, level: ev.level, ...labelOf(ev) }) as BumpedIssue;
    if (ev.timestamp < bumped.first_seen) backdate.run(ev.timestamp, issueId);
    const result = change !== 'created' && !replaying ? reopenIfNeeded(issueId, bumped, release) : change;
    // Only an issue that is (now) unresolved can take more events without a check of its status.
    if (deferred && (bumped.status === 'unresolved' || result === 'regressed')) {
      folded.set(issueId, {
        n: 0, lastSeen: bumped.last_seen, firstSeen: Math.min(bumped.first_seen, ev.timestamp), latestEventId: bumped.latest_event_id,
        lastRelease: bumped.last_release, firstRelease: bumped.first_release, level: bumped.level,
        title: bumped.title, culprit: bumped.culprit, type: bumped.type, metadata: bumped.metadata,
      });
    }
    return result;
  }

  function flush(): void {
    for (const [id, f] of folded) if (f.n > 0) writeFolded.run({ id, ...f });
    folded.clear();
    counters.flush();
  }

  /** `row` is the issue as the bump left it: `count` already includes this event. */
  function reopenIfNeeded(id: number, row: BumpedIssue, release: string | null): IssueChange {
    if (row.status === 'resolved' || (row.status === 'resolved_next_release' && release !== null
      && isLaterRelease(release, row.resolved_release, (r) => releaseTag.get(id, r) !== undefined))) {
      reopen.run({ id, regressed: 1, release });
      record(id, 'regressed', release !== null ? { release } : undefined);
      return 'regressed';
    }
    // Ignored "until N more events" holds `count + N`: the Nth of them brings it back (Sentry's GroupSnooze).
    if (row.status === 'ignored' && row.ignore_until_count !== null && row.count >= row.ignore_until_count) {
      reopen.run({ id, regressed: 0, release });
      record(id, 'unignored', { count: row.count });
    }
    return 'updated';
  }

  return {
    /** Writes what `deferred` held back (inside the transaction). */
    flush,
    /** Forgets what `deferred` held back: its transaction rolled back. */
    discard(): void {
      folded.clear();
      counters.discard();
    },
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
        // As Sentry's `search_message`: the message and the title's metadata values, each once.
        ftsInsert.run(issueId, issueSearchText(ev.title, ev.facts.message));
        change = 'created';
      }
      hashes.forEach((h, i) => {
        const key = `${projectId}:${h}`;
        if (i === foundAt || knownHashes.has(key)) return;
        // A hash another issue already holds stays with it (INSERT OR IGNORE) and is not remembered.
        if (addHash.run(projectId, h, issueId).changes > 0) knownHashes.set(key, issueId!);
      });
      const copy = folded.get(issueId);
      if (copy) {
        fold(copy, ev, release);
        if (ev.timestamp < copy.firstSeen) { backdate.run(ev.timestamp, issueId); copy.firstSeen = ev.timestamp; }
      } else {
        change = bumpRow(issueId, ev, release, change, opts.replaying === true);
      }
      counters.add(issueId, { tags: ev.tags, timestamp: ev.timestamp, userKey: ev.userKey, userFields: ev.userFields, title: ev.title.title,
        culprit: ev.title.culprit },
        change === 'created');
      if (!deferred) flush();
      return { issueId, change };
    },
  };
}
