import type { AttachmentInfo, EventDetail, EventSummary, GroupingVariantInfo, ItemSummary, Page } from '../../shared/api-types';
import type { DB } from '../store/db';
import { HttpError } from './http-util';
import { ITEM_MONITOR_COLUMN, monitorColumn } from '../store/item-monitor';
import { ITEM_SEGMENT_COLUMN, segmentColumn } from '../store/item-segment';
import { loadEventPayload, loadGrouping, type StoredEventRow } from '../store/event-payload';
import { computeGrouping } from '../grouping';
import { PERFORMANCE_GROUPING, performanceEvidence } from '../performance/detect';
import { OCCURRENCE_KIND } from '../pipeline/occurrence';
import { transactionProblemsQuery } from './transaction-problems';
import { groupingMatchQuery } from './issue-variety';

interface EventRow extends StoredEventRow {
  id: number; event_id: string; project_id: number; issue_id: number | null; timestamp: number;
  level: string | null; platform: string | null; release: string | null; environment: string | null; title: string;
  culprit: string | null; user_key: string | null; trace_id: string | null; replay_id: string | null; duplicates: number;
  grouping_config: string | null; hashes: string | null; truncated: number;
}

const SUMMARY_COLS = `id, event_id, project_id, issue_id, kind, timestamp, received, level, platform, release, environment,
  title, culprit, user_key, trace_id, replay_id, duplicates`;

function toSummary(r: EventRow): EventSummary {
  return {
    // A problem's row reads as the transaction it was found in (its payload is the transaction's).
    eventId: r.event_id, projectId: r.project_id, issueId: r.issue_id, kind: (r.kind === OCCURRENCE_KIND ? 'transaction' : r.kind) as EventSummary['kind'],
    timestamp: r.timestamp, received: r.received, level: r.level, platform: r.platform, release: r.release,
    environment: r.environment, title: r.title, culprit: r.culprit, userKey: r.user_key, traceId: r.trace_id,
    replayId: r.replay_id, duplicates: r.duplicates,
  };
}

/**
 * An event by its id in any project: one lookup per project in the UNIQUE (project_id, event_id)
 * index (an index on event_id alone cost every insert a page; migration 010). Every project an
 * event was stored for has its row in `projects`.
 */
export const EVENT_BY_ID_SQL = 'SELECT * FROM events WHERE project_id IN (SELECT id FROM projects) AND event_id = ? ORDER BY id LIMIT 1';

export function eventQueries(db: DB) {
  const byEventId = db.prepare(EVENT_BY_ID_SQL);
  const problemsOf = transactionProblemsQuery(db);
  const groupingMatch = groupingMatchQuery(db);
  // A buffered replay names the errors it caught in `error_ids` (events stored before the replayId
  // tag was read carry no replay id of their own).
  const replayNaming = db.prepare(`SELECT replay_id FROM replays r WHERE r.error_ids LIKE '%' || @id || '%'
    AND EXISTS (SELECT 1 FROM json_each(r.error_ids) WHERE value = @id) LIMIT 1`).pluck();
  const replayStored = db.prepare('SELECT 1 FROM replays WHERE replay_id = ?').pluck();
  const attachmentsOf = db.prepare(`SELECT id, event_id, filename, content_type, attachment_type, size, truncated
    FROM attachments WHERE event_id = ? AND project_id = ? ORDER BY id`);

  function list(q: { project?: number; type?: string; issue?: number; limit: number; before?: number }): Page<EventSummary> {
    const where: string[] = [];
    const args: Record<string, unknown> = {};
    if (q.project !== undefined) { where.push('project_id = @project'); args.project = q.project; }
    if (q.type) { where.push('kind = @type'); args.type = q.type; }
    // A transaction's problems, and a monitor's failures, are listed by their issue only: elsewhere the
    // transaction (or the check-in, under Crons) stands for them.
    else if (q.issue === undefined) where.push(`kind NOT IN ('${OCCURRENCE_KIND}', 'cron')`);
    if (q.issue !== undefined) { where.push('issue_id = @issue'); args.issue = q.issue; }
    if (q.before !== undefined) { where.push('id < @before'); args.before = q.before; }
    const rows = db.prepare(`SELECT ${SUMMARY_COLS} FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT ${q.limit + 1}`).all(args) as EventRow[];
    const page = rows.slice(0, q.limit);
    return { items: page.map(toSummary), nextCursor: rows.length > q.limit ? String(page.at(-1)!.id) : null };
  }

  /**
   * An issue's events, newest first by event time (as Older / Newer step through them), not by
   * arrival: an SDK's retry or an offline cache sends old events late. The cursor is `time_id`.
   */
  function listOfIssue(issueId: number, limit: number, before?: string): Page<EventSummary> {
    let after = '';
    const args: unknown[] = [issueId];
    if (before !== undefined) {
      const m = /^(-?\d{1,16})_(\d{1,16})$/.exec(before);
      if (!m) throw new HttpError(400, `bad cursor ${before.slice(0, 40)}: use the nextCursor of the previous page`);
      after = 'AND (timestamp < ? OR (timestamp = ? AND id < ?))';
      args.push(Number(m[1]), Number(m[1]), Number(m[2]));
    }
    const rows = db.prepare(`SELECT ${SUMMARY_COLS} FROM events WHERE issue_id = ? ${after}
      ORDER BY timestamp DESC, id DESC LIMIT ${limit + 1}`).all(...args) as EventRow[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(toSummary), nextCursor: rows.length > limit && last ? `${last.timestamp}_${last.id}` : null };
  }

  function nav(row: EventRow): EventDetail['nav'] {
    if (row.issue_id === null) return null;
    const one = (sql: string) => (db.prepare(`SELECT event_id FROM events WHERE issue_id = ? ${sql} LIMIT 1`).pluck()
      .get(row.issue_id, ...(sql.includes('?') ? [row.timestamp, row.timestamp, row.id] : [])) as string | undefined) ?? null;
    return {
      oldest: one('ORDER BY timestamp, id'),
      previous: one('AND (timestamp < ? OR (timestamp = ? AND id < ?)) ORDER BY timestamp DESC, id DESC'),
      next: one('AND (timestamp > ? OR (timestamp = ? AND id > ?)) ORDER BY timestamp, id'),
      latest: one('ORDER BY timestamp DESC, id DESC'),
    };
  }

  function detail(eventId: string): EventDetail {
    const row = byEventId.get(eventId.replace(/-/g, '').toLowerCase()) as EventRow | undefined;
    if (!row) throw new HttpError(404, `no event ${eventId}`);
    const payload = loadEventPayload(db, row);
    // Attachments were sent for the transaction's own id.
    const attachedTo = row.kind === OCCURRENCE_KIND && typeof payload.event_id === 'string' ? payload.event_id : row.event_id;
    const attachments = (attachmentsOf.all(attachedTo, row.project_id) as Record<string, unknown>[]).map(toAttachment);
    // Rows written before explanations were recomputed on read still carry them.
    const variants = (row.grouping ? loadGrouping(row) : row.kind === 'event' ? computeGrouping(payload).variants : []) as GroupingVariantInfo[];
    const replayId = row.replay_id ?? (row.kind === 'event' ? (replayNaming.get({ id: row.event_id }) as string | undefined) ?? null : null);
    // Told up front so the page asks for a replay only when one is stored (no 404 per event).
    const contextReplay = payload.contexts?.replay?.replay_id;
    const linkedReplay = replayId ?? (typeof contextReplay === 'string' ? contextReplay : null);
    const hashes = JSON.parse(row.hashes ?? '[]') as string[];
    // Recomputed from the spans (a pass over them) rather than stored: the evidence always matches the payload shown.
    const performance = row.grouping_config === PERFORMANCE_GROUPING ? performanceEvidence(payload, hashes[0]) : undefined;
    const problems = row.kind === 'transaction' ? problemsOf(row.envelope_id, row.item_index, payload) : [];
    return {
      ...toSummary(row), replayId, envelopeId: row.envelope_id, payload, attachments, ...(performance ? { performance } : {}),
      ...(linkedReplay ? { replayStored: replayStored.get(linkedReplay) !== undefined } : {}),
      ...(problems.length > 0 ? { problems } : {}),
      grouping: row.grouping_config ? { config: row.grouping_config, hashes, variants, match: groupingMatch({ id: row.id, issueId: row.issue_id, hashes, rawHashes: row.hashes }) } : null,
      nav: nav(row), truncated: row.truncated === 1,
    };
  }

  function items(q: { limit: number; before?: number; after?: number }): Page<ItemSummary> {
    const rows = db.prepare(`SELECT seq, kind, project_id, envelope_id, event_id, title, level, timestamp, received, issue_id,
      ${ITEM_MONITOR_COLUMN}, ${ITEM_SEGMENT_COLUMN} FROM items WHERE seq < @before AND seq > @after ORDER BY seq ${q.after !== undefined ? 'ASC' : 'DESC'} LIMIT ${q.limit + 1}`)
      .all({ before: q.before ?? Number.MAX_SAFE_INTEGER, after: q.after ?? 0 }) as Record<string, unknown>[];
    const page = rows.slice(0, q.limit).map(toItem);
    return { items: page, nextCursor: rows.length > q.limit ? String(page.at(-1)!.seq) : null };
  }

  return { list, listOfIssue, detail, items };
}

export function toAttachment(r: Record<string, unknown>): AttachmentInfo {
  return {
    id: r.id as number, eventId: (r.event_id as string | null) ?? null, filename: r.filename as string,
    contentType: r.content_type as string, attachmentType: r.attachment_type as string, size: r.size as number,
    truncated: r.truncated === 1,
  };
}

export function toItem(r: Record<string, unknown>): ItemSummary {
  const monitor = monitorColumn(r.monitor);
  const segment = segmentColumn(r.segment);
  return {
    seq: r.seq as number, kind: r.kind as ItemSummary['kind'], projectId: r.project_id as number,
    envelopeId: r.envelope_id as number, eventId: (r.event_id as string | null) ?? null, title: r.title as string,
    level: (r.level as string | null) ?? null, timestamp: r.timestamp as number, received: r.received as number,
    issueId: (r.issue_id as number | null) ?? null,
    ...(monitor ? { monitor } : {}), ...(segment ? { segment } : {}),
  };
}
