import { computeGrouping, eventTitle, GROUPING_CONFIG_ID } from '../grouping';
import { eventTags, userFields, userKey } from '../pipeline/normalize-event';
import { eventFacts } from '../pipeline/prepare-event';
import { issueSearchText } from '../grouping/title';
import type { PreparedEvent } from '../pipeline/types';
import type { SentryEvent } from '../../shared/sentry';
import { StoredBodyError } from './body-dictionary';
import { loadEventPayload, type StoredEventRow } from './event-payload';
import type { DB } from './db';
import { issueWriter } from './issue-writer';
import { bumpCacheVersion } from './cache-versions';
import { rememberDeletedIssues } from './issue-delete';
import { transactionRegrouper } from './regroup-transactions';
import { segmentRegrouper } from './regroup-segments';
import { CRON_FAILURE_KIND, storedCronFailureEvent } from '../crons/failure-event';

export interface RegroupSummary { events: number; issuesBefore: number; issuesAfter: number; kept: number; created: number }

/** An `events` row as regrouping reads it. */
export interface RegroupRow extends StoredEventRow {
  id: number; project_id: number; event_id: string; timestamp: number; level: string | null; issue_id: number | null;
  title: string; culprit: string | null; hashes: string | null; grouping_config: string | null; release: string | null;
  user_key: string | null;
}
type Row = RegroupRow;

/** An event whose stored body cannot be read keeps the grouping it was stored with. */
function asStored(row: Row): PreparedEvent {
  let hashes: string[] = [];
  try { hashes = (JSON.parse(row.hashes ?? '[]') as unknown[]).filter((h): h is string => typeof h === 'string'); } catch { /* none */ }
  return {
    type: 'event', itemIndex: row.item_index, kind: 'event', eventId: row.event_id, storedPayload: null, timestamp: row.timestamp,
    facts: { platform: null, release: row.release, environment: null, sdk: null, message: '' },
    title: { title: row.title, culprit: row.culprit, type: 'error', metadata: {} }, level: row.level ?? 'error', userKey: null, userFields: [],
    traceId: null, replayId: null, tags: [], grouping: { config: row.grouping_config ?? GROUPING_CONFIG_ID, hashes }, truncated: false,
  };
}

/** A stored event as the issue writer takes it, with its grouping computed afresh from `event`. */
export function regroupedEvent(row: Row, event: SentryEvent): PreparedEvent {
  const grouping = computeGrouping(event);
  return {
    type: 'event', itemIndex: row.item_index, kind: 'event', eventId: row.event_id, facts: eventFacts(event), storedPayload: null,
    timestamp: row.timestamp, title: eventTitle(event), level: row.level ?? 'error', userKey: userKey(event), userFields: userFields(event), traceId: null,
    replayId: null, tags: eventTags(event), grouping: { config: grouping.config, hashes: grouping.hashes }, truncated: false,
  };
}

/** Events read, regrouped and written per step: memory stays that of one chunk, whatever the store holds. */
export const REGROUP_CHUNK = 500;

/** A stored event regrouped: afresh from its payload, or as stored when its body cannot be read. */
export function regroupRow(db: DB, row: Row): PreparedEvent {
  try {
    return regroupedEvent(row, loadEventPayload(db, row));
  } catch (err) {
    if (!(err instanceof StoredBodyError)) throw err;
    return asStored(row);
  }
}

/**
 * Recomputes every event's grouping with the current algorithm and rebuilds the issues from
 * them, in one transaction: no event is lost, statuses are kept, and an issue keeps its id
 * when one of the new hashes was already its hash. Events go in the order they were stored, as
 * ingest met them (so an issue's first release is again that of its first event to arrive, not
 * of its oldest timestamp; first and last seen do not depend on the order), `chunk` at a time,
 * so a store of a million events is regrouped in the memory of a few hundred. The caller makes
 * sure no server writes to the store meanwhile (`lookout regroup` refuses to run beside one).
 */
export function regroupAll(db: DB, progress: (done: number, total: number) => void = () => undefined, chunk = REGROUP_CHUNK): RegroupSummary {
  const issuesBefore = db.prepare('SELECT COUNT(*) FROM issues').pluck().get() as number;
  const oldHashes = new Map<string, number>();
  for (const r of db.prepare('SELECT project_id, hash, issue_id FROM issue_hashes').all() as { project_id: number; hash: string; issue_id: number }[]) {
    oldHashes.set(`${r.project_id}:${r.hash}`, r.issue_id);
  }
  // Errors, and every transaction: its problems are detected again and filed through their `occurrence` rows
  // (regroup-transactions.ts), so a transaction stored before a detector existed gets its issues too.
  // A cron monitor's failures keep the monitor environment's hash (src/core/crons).
  const grouped = "kind IN ('event', 'transaction', 'cron')";
  // Then every streamed segment whose root came, detected again from its stored parts (regroup-segments.ts).
  const segments = segmentRegrouper(db);
  db.transaction(() => segments.backfill(chunk))();
  const total = (db.prepare(`SELECT COUNT(*) FROM events WHERE ${grouped}`).pluck().get() as number) + (segments.count.get() as number);
  // Keyset pages on id: each chunk is read whole before any write.
  const page = db.prepare(`SELECT * FROM events WHERE ${grouped} AND id > ? ORDER BY id LIMIT ?`);
  // What retention pruned is counted only in the issue's totals: it is added back to the issue
  // that keeps the id, so a regroup does not shrink an issue to what is still stored.
  const pruned = db.prepare(`SELECT id, first_seen, count - (SELECT COUNT(*) FROM events e WHERE e.issue_id = issues.id)
    AS rest FROM issues`).all() as { id: number; first_seen: number; rest: number }[];
  let events = 0;
  let kept = 0;
  let created = 0;
  db.transaction(() => {
    db.exec(`DELETE FROM issue_hashes; DELETE FROM issue_users; DELETE FROM issue_tags; DELETE FROM issue_hourly; DELETE FROM issues_fts;
      UPDATE issues SET count = 0, users = 0, first_seen = 9007199254740991, last_seen = 0, first_release = NULL, last_release = NULL;`);
    const issues = issueWriter(db);
    const claim = db.prepare('INSERT OR IGNORE INTO issue_hashes (project_id, hash, issue_id) VALUES (?, ?, ?)');
    const hasNew = db.prepare('SELECT 1 FROM issue_hashes WHERE project_id = ? AND hash = ?').pluck();
    const exists = db.prepare('SELECT 1 FROM issues WHERE id = ?').pluck();
    const ftsInsert = db.prepare('INSERT INTO issues_fts (rowid, text) VALUES (?, ?)');
    const setEvent = db.prepare('UPDATE events SET issue_id = ?, grouping_config = ?, hashes = ?, grouping = ? WHERE id = ?');
    const claimed = new Set<number>();
    // Hashes a user merged into an issue stay with it (issue-merge.ts), whichever of them comes first.
    const mergedInto = db.prepare('SELECT issue_id FROM issue_merges WHERE project_id = ? AND hash = ?').pluck();
    // An issue kept gets its search text with its first event here; the others' words append to it.
    const withText = new Set<number>();
    const startText = (issueId: number, ev: PreparedEvent) => {
      if (withText.has(issueId)) return;
      withText.add(issueId);
      ftsInsert.run(issueId, issueSearchText(ev.title, ev.facts.message));
    };
    const keepMerged = (projectId: number, ev: PreparedEvent, hashes: readonly string[]) => {
      for (const h of hashes) {
        const target = mergedInto.get(projectId, h) as number | undefined;
        if (target === undefined || !exists.get(target)) continue;
        claim.run(projectId, h, target);
        startText(target, ev);
      }
    };
    /** Files `ev` as ingest would, an issue keeping its id when one of its old hashes comes first. */
    const file = (projectId: number, ev: PreparedEvent): number => {
      const hashes = ev.grouping?.hashes ?? [];
      keepMerged(projectId, ev, hashes);
      if (!hashes.some((h) => hasNew.get(projectId, h))) {
        const old = hashes.map((h) => oldHashes.get(`${projectId}:${h}`)).find((id) => id !== undefined && !claimed.has(id));
        if (old !== undefined && exists.get(old)) {
          claimed.add(old);
          for (const h of hashes) claim.run(projectId, h, old);
          startText(old, ev);
          kept++;
        }
      }
      const { issueId, change } = issues.assign(projectId, ev, { replaying: true });
      if (change === 'created') created++;
      return issueId;
    };
    const transactions = transactionRegrouper(db);
    for (let rows = page.all(0, chunk) as Row[]; rows.length > 0; rows = page.all(rows.at(-1)!.id, chunk) as Row[]) {
      for (const row of rows) {
        if (row.kind === 'transaction') {
          for (const problem of transactions.problems(row)) transactions.file(row.id, problem, file(row.project_id, problem.ev));
        } else if (row.kind === CRON_FAILURE_KIND) {
          setEvent.run(file(row.project_id, storedCronFailureEvent(row)), row.grouping_config, row.hashes, null, row.id);
        } else {
          const ev = regroupRow(db, row);
          const issueId = file(row.project_id, ev);
          setEvent.run(issueId, ev.grouping?.config ?? GROUPING_CONFIG_ID, JSON.stringify(ev.grouping?.hashes ?? []), null, row.id);
        }
        events++;
      }
      progress(events, total);
    }
    let step = 0;
    segments.forEachSegment((key) => {
      for (const problem of segments.problems(key)) segments.file(problem, file(key.projectId, problem.ev));
      events++;
      if (++step % chunk === 0 || events === total) progress(events, total);
    }, chunk);
    rememberDeletedIssues(db, JSON.stringify(db.prepare('SELECT id FROM issues WHERE count = 0').pluck().all()));
    db.exec('DELETE FROM issues WHERE count = 0; DELETE FROM issue_activity WHERE issue_id NOT IN (SELECT id FROM issues)');
    const addBack = db.prepare('UPDATE issues SET count = count + ?, first_seen = MIN(first_seen, ?) WHERE id = ?');
    for (const p of pruned) if (p.rest > 0) addBack.run(p.rest, p.first_seen, p.id);
  })();
  bumpCacheVersion(db, 'issues');
  // Each chunk reported itself, the last one saying it is done; with no events, say so once.
  if (events === 0) progress(total, total);
  const issuesAfter = db.prepare('SELECT COUNT(*) FROM issues').pluck().get() as number;
  return { events, issuesBefore, issuesAfter, kept, created };
}
