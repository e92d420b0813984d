import type { MergedIssues, RegroupIssueResult } from '../../shared/api-types';
import type { SentryEvent } from '../../shared/sentry';
import { eventTitle } from '../grouping';
import { symbolicateEvent } from '../symbolicate';
import { encodePayload } from '../store/codec';
import type { DB } from '../store/db';
import { MergeRefused } from '../store/issue-merge';
import { mergeInto } from '../store/merge-into';
import { regroupedEvent, type RegroupRow } from '../store/regroup';
import { regressIfNewer, regroupEvents, resolvedSince } from '../store/regroup-events';
import { loadEventPayload } from '../store/event-payload';
import type { SourceRootsFor } from './source-scope';
import { mappedFrameCount } from './view-symbolication';

/** An issue with more events than this is re-symbolicated on its newest events only. */
const MAX_EVENTS = 5000;

export interface RegroupDeps {
  sourceRoots: SourceRootsFor;
  submitWrite: <T>(run: () => T) => Promise<T>;
  /** Tells open windows the issue was merged away (as the list's merge does), so none shows it. */
  onIssuesMerged?: (merged: MergedIssues) => void;
  /** Tells open windows of issues a re-group left without events, and deleted. */
  onIssuesDeleted?: (ids: number[]) => void;
}

/** The issue's events a map now resolves better, re-symbolicated; events that cannot be read are counted, and stay as they are. */
async function resymbolicate(db: DB, rows: readonly RegroupRow[], deps: RegroupDeps) {
  const updates: { row: RegroupRow; event: SentryEvent }[] = [];
  let skipped = 0;
  for (const row of rows) {
    try {
      const payload = loadEventPayload(db, row);
      const before = mappedFrameCount(payload);
      const { event, changed } = await symbolicateEvent(payload, { sourceRoots: deps.sourceRoots(row.project_id, payload), scrape: deps.sourceRoots.fetching?.() });
      if (changed && mappedFrameCount(event) > before) updates.push({ row, event });
    } catch {
      // A body that no longer decodes (or a payload symbolication cannot read): the event keeps its issue and grouping.
      skipped++;
    }
  }
  return { updates, skipped };
}

/**
 * The one other issue holding the new hashes of every re-symbolicated event (they all group
 * with it now), else null: then events move one by one, or the issue adopts their new hashes.
 */
function mergeTarget(db: DB, issueId: number, updates: readonly { row: RegroupRow; event: SentryEvent }[]): number | null {
  const holder = db.prepare("SELECT h.issue_id FROM issue_hashes h JOIN issues i ON i.id = h.issue_id WHERE h.project_id = ? AND h.hash = ? AND i.type NOT IN ('transaction', 'cron')").pluck();
  const targets = new Set<number | undefined>();
  for (const { row, event } of updates) {
    const hashes = regroupedEvent(row, event).grouping?.hashes ?? [];
    targets.add(hashes.map((h) => holder.get(row.project_id, h) as number | undefined).find((id) => id !== undefined));
  }
  const [only] = [...targets];
  return targets.size === 1 && only !== undefined && only !== issueId ? only : null;
}

/**
 * "Re-group with source maps": stores the re-symbolicated payload of the issue's events (those
 * a map now resolves better), then regroups them. When they all group with one other issue now
 * (a newer event, mapped at ingest, opened it), the old issue is merged into that one, as the
 * list's merge does, so one issue is left and the old links open it; otherwise those events
 * alone are regrouped in the writer (regrouping the whole store took minutes at 1,000,000
 * events). Titles and culprits follow.
 * @see https://develop.sentry.dev/backend/application-domains/grouping/
 */
export async function regroupIssueWithSourceMaps(db: DB, issueId: number, deps: RegroupDeps): Promise<RegroupIssueResult> {
  const rows = db.prepare("SELECT * FROM events WHERE issue_id = ? AND kind = 'event' ORDER BY id DESC LIMIT ?").all(issueId, MAX_EVENTS) as RegroupRow[];
  const { updates, skipped } = await resymbolicate(db, rows, deps);
  await deps.submitWrite(() => {
    const store = db.prepare('UPDATE events SET payload = ?, payload_codec = ?, title = ?, culprit = ? WHERE id = ?');
    for (const { row, event } of updates) {
      const { data, codec } = encodePayload(Buffer.from(JSON.stringify(event)));
      const title = eventTitle(event);
      store.run(data, codec, title.title, title.culprit, row.id);
    }
  });
  // Counted before a merge, so the summary says what the whole re-group did (a merge removes an issue too).
  const issuesBefore = db.prepare('SELECT COUNT(*) FROM issues').pluck().get() as number;
  let mergedInto: number | null = null;
  const target = updates.length > 0 ? mergeTarget(db, issueId, updates) : null;
  if (target !== null) {
    // Read before the merge moves them: when the target was resolved, and the newest of the events it takes in.
    const since = resolvedSince(db, target);
    const child = db.prepare('SELECT last_seen, last_release FROM issues WHERE id = ?').get(issueId) as { last_seen: number; last_release: string | null } | undefined;
    try {
      const merged = await mergeInto(db, deps.submitWrite, issueId, target);
      mergedInto = target;
      if (child) await deps.submitWrite(() => regressIfNewer(db, target, since, child.last_seen, child.last_release));
      deps.onIssuesMerged?.(merged);
    } catch (err) {
      // The other issue went (deleted meanwhile): the events are regrouped one by one below.
      if (!(err instanceof MergeRefused)) throw err;
    }
  }
  return deps.submitWrite(() => {
    const summary = regroupEvents(db, updates.map((u) => u.row.id));
    const issueIds = rows.length === 0 ? [] : (db.prepare('SELECT DISTINCT issue_id FROM events WHERE id IN (SELECT value FROM json_each(?)) AND issue_id IS NOT NULL')
      .pluck().all(JSON.stringify(rows.map((r) => r.id))) as number[]);
    // An issue that kept its id keeps its old title otherwise; take its newest event's.
    const retitle = db.prepare(`UPDATE issues SET
      title = COALESCE((SELECT title FROM events WHERE issue_id = issues.id ORDER BY timestamp DESC, id DESC LIMIT 1), title),
      culprit = (SELECT culprit FROM events WHERE issue_id = issues.id ORDER BY timestamp DESC, id DESC LIMIT 1) WHERE id = ?`);
    for (const id of issueIds) retitle.run(id);
    const { removed, regressed: _regressed, ...counts } = summary;
    return { removed, result: { events: rows.length, resymbolicated: updates.length, skipped, mergedInto, issueIds, summary: { ...counts, issuesBefore } } };
  }).then(({ removed, result }) => {
    if (removed.length > 0) deps.onIssuesDeleted?.(removed);
    return result;
  });
}
