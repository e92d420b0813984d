import type { RegroupIssueResult } from '../../shared/api-types';
import type { SentryEvent } from '../../shared/sentry';
import { eventTitle } from '../grouping';
import { symbolicateEvent } from '../symbolicate';
import { encodePayload } from '../store/codec';
import type { DB } from '../store/db';
import { regroupEvents } from '../store/regroup-events';
import { loadEventPayload, type StoredEventRow } from '../store/event-payload';
import type { SourceRootsFor } from './source-scope';
import { mappedFrameCount } from './view-symbolication';

/** An issue with more events than this is re-symbolicated on its newest events only. */
const MAX_EVENTS = 5000;

interface Row extends StoredEventRow { id: number; project_id: number }

/**
 * "Re-group with source maps": stores the re-symbolicated payload of the issue's events (those
 * a map now resolves better), then regroups those events only, in the writer, so they land where
 * their original frames group them. Titles and culprits follow. (Regrouping the whole store here
 * took minutes at 1,000,000 events with ingest waiting, and reset totals retention had pruned.)
 * @see https://develop.sentry.dev/backend/application-domains/grouping/
 */
export async function regroupIssueWithSourceMaps(
  db: DB,
  issueId: number,
  deps: { sourceRoots: SourceRootsFor; submitWrite: <T>(run: () => T) => Promise<T> },
): Promise<RegroupIssueResult> {
  const rows = db.prepare("SELECT * FROM events WHERE issue_id = ? AND kind = 'event' ORDER BY id DESC LIMIT ?").all(issueId, MAX_EVENTS) as Row[];
  const updates: { id: number; event: SentryEvent }[] = [];
  for (const row of rows) {
    const payload = loadEventPayload(db, row);
    const before = mappedFrameCount(payload);
    const { event, changed } = await symbolicateEvent(payload, { sourceRoots: deps.sourceRoots(row.project_id, payload) });
    if (changed && mappedFrameCount(event) > before) updates.push({ id: row.id, event });
  }
  return deps.submitWrite(() => {
    const store = db.prepare('UPDATE events SET payload = ?, payload_codec = ?, title = ?, culprit = ? WHERE id = ?');
    for (const { id, event } of updates) {
      const { data, codec } = encodePayload(Buffer.from(JSON.stringify(event)));
      const title = eventTitle(event);
      store.run(data, codec, title.title, title.culprit, id);
    }
    const summary = regroupEvents(db, updates.map((u) => u.id));
    const placeholders = rows.map(() => '?').join(',');
    const issueIds = rows.length === 0 ? [] : (db.prepare(`SELECT DISTINCT issue_id FROM events WHERE id IN (${placeholders}) AND issue_id IS NOT NULL`)
      .pluck().all(...rows.map((r) => r.id)) as number[]);
    // An issue that kept its id keeps its old title otherwise; take its newest event's.
    const retitle = db.prepare(`UPDATE issues SET
      title = COALESCE((SELECT title FROM events WHERE issue_id = issues.id ORDER BY timestamp DESC, id DESC LIMIT 1), title),
      culprit = (SELECT culprit FROM events WHERE issue_id = issues.id ORDER BY timestamp DESC, id DESC LIMIT 1) WHERE id = ?`);
    for (const id of issueIds) retitle.run(id);
    return { events: rows.length, resymbolicated: updates.length, issueIds, summary };
  });
}
