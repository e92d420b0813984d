/**
 * Regrouping's side of streamed segments: every stored segment whose root came is put together
 * again from its parts (`segment-assemble.ts`), detected afresh, and each problem filed as ingest
 * files it (`segment-writer.ts`), through its `occurrence` row; rows of problems no longer found
 * are deleted. A segment whose parts cannot be read keeps the rows it has, filed as stored.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/spans/consumers/process_segments/message.py
 */
import { OCCURRENCE_KIND, occurrenceEventId } from '../pipeline/occurrence';
import { detectSegment, segmentIssueEvent } from '../pipeline/prepare-segments';
import type { PreparedEvent } from '../pipeline/types';
import { issueTypeOfFingerprint, PERFORMANCE_GROUPING } from '../performance/detect';
import { segmentEventId } from '../performance/segment-event';
import { PERFORMANCE_TYPES } from '../performance/types';
import { encodePayload } from './codec';
import type { DB } from './db';
import { positionalInsert } from './insert-rows';
import { segmentAssembler, storedItemSpans, type SegmentKey } from './segment-assemble';
import { segmentGroups } from '../pipeline/prepare-segments';
import { SEGMENT_OCCURRENCE_COLUMNS, segmentOccurrenceRow, segmentProblemEvent, type SegmentAnchor } from './segment-writer';

interface StoredRow { id: number; event_id: string; hashes: string | null; title: string; culprit: string | null; timestamp: number;
  level: string | null; release: string | null; trace_id: string }

/** A problem of a segment to file: the issue writer's event, the row that holds it now (if any), and how to write a new one. */
export interface SegmentProblem { ev: PreparedEvent; rowId: number | null; write: ((issueId: number) => void) | null }

const fingerprintOf = (row: StoredRow): string | null => {
  try { const h = (JSON.parse(row.hashes ?? '[]') as unknown[])[0]; return typeof h === 'string' ? h : null; } catch { return null; }
};

export function segmentRegrouper(db: DB) {
  const assemble = segmentAssembler(db);
  const rootsAfter = db.prepare(`SELECT id, project_id, trace_id, segment_id FROM span_segments WHERE has_root = 1 AND id > ? ORDER BY id LIMIT ?`);
  const firstRoot = db.prepare('SELECT MIN(id) FROM span_segments WHERE trace_id = ? AND segment_id = ? AND project_id = ? AND has_root = 1').pluck();
  const rootItems = db.prepare('SELECT envelope_id, item_index FROM span_segments WHERE trace_id = ? AND segment_id = ? AND project_id = ? AND has_root = 1');
  const rowsAt = db.prepare(`SELECT id, event_id, hashes, title, culprit, timestamp, level, release, trace_id FROM events INDEXED BY events_envelope
    WHERE envelope_id = ? AND item_index = ? AND kind = '${OCCURRENCE_KIND}'`);
  const remove = db.prepare('DELETE FROM events WHERE id = ?');
  const setRow = db.prepare('UPDATE events SET issue_id = ?, grouping_config = ?, hashes = ? WHERE id = ?');
  const insertRow = positionalInsert(db, 'events', SEGMENT_OCCURRENCE_COLUMNS);

  /** The rows of segment `key` stored now: those at its root's items whose id derives from the segment. */
  function storedRows(key: SegmentKey): StoredRow[] {
    const base = segmentEventId(key.traceId, key.segmentId);
    const items = rootItems.all(key.traceId, key.segmentId, key.projectId) as { envelope_id: number; item_index: number }[];
    return items.flatMap((i) => (rowsAt.all(i.envelope_id, i.item_index) as StoredRow[]).filter((r) => {
      const fingerprint = fingerprintOf(r);
      return fingerprint !== null && occurrenceEventId(base, fingerprint) === r.event_id;
    }));
  }

  /** Rows kept as stored (their segment unreadable), labelled by their fingerprint's type. */
  function asStored(rows: StoredRow[]): SegmentProblem[] {
    return rows.map((r) => {
      const fingerprint = fingerprintOf(r) ?? '';
      const type = issueTypeOfFingerprint(fingerprint);
      const ev: PreparedEvent = {
        type: 'event', itemIndex: 0, kind: 'transaction', eventId: r.event_id, storedPayload: null, timestamp: r.timestamp,
        facts: { platform: null, release: r.release, environment: null, sdk: null, message: '' },
        title: { title: type ? PERFORMANCE_TYPES[type].title : r.title, culprit: r.culprit, type: 'transaction', metadata: type ? { issueType: type } : {} },
        level: r.level ?? 'info', userKey: null, userFields: [], traceId: r.trace_id, replayId: null, tags: [],
        grouping: { config: PERFORMANCE_GROUPING, hashes: [fingerprint] }, truncated: false,
      };
      return { ev, rowId: r.id, write: null };
    });
  }

  const blocksAfter = db.prepare(`SELECT id, project_id, envelope_id, item_index FROM span_blocks
    WHERE id > ? AND transaction_event_id IS NULL AND item_index IS NOT NULL ORDER BY id LIMIT ?`);
  const hasParts = db.prepare('SELECT 1 FROM span_segments WHERE envelope_id = ? AND item_index = ? LIMIT 1').pluck();
  const insertPart = db.prepare(`INSERT INTO span_segments (project_id, envelope_id, item_index, trace_id, segment_id, span_count, has_root)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const read = storedItemSpans(db);

  return {
    /**
     * Gives span items stored before migration 026 their `span_segments` rows, `chunk` blocks read at
     * a time, so their segments are detected too. An item whose rows exist is not read again.
     */
    backfill(chunk = 500): number {
      type Block = { id: number; project_id: number; envelope_id: number; item_index: number };
      let items = 0;
      for (let rows = blocksAfter.all(0, chunk) as Block[]; rows.length > 0; rows = blocksAfter.all(rows.at(-1)!.id, chunk) as Block[]) {
        for (const b of rows) {
          if (hasParts.get(b.envelope_id, b.item_index)) continue;
          const groups = segmentGroups(read(b.envelope_id, b.item_index));
          for (const g of groups) {
            insertPart.run(b.project_id, b.envelope_id, b.item_index, g.traceId, g.segmentId, g.children.length + (g.root ? 1 : 0), g.root ? 1 : 0);
          }
          if (groups.length > 0) items++;
        }
      }
      return items;
    },
    /** Calls `each` with every stored segment whose root came, once each, `chunk` roots read at a time. */
    forEachSegment(each: (key: SegmentKey) => void, chunk = 500): void {
      type Root = { id: number; project_id: number; trace_id: string; segment_id: string };
      for (let rows = rootsAfter.all(0, chunk) as Root[]; rows.length > 0; rows = rootsAfter.all(rows.at(-1)!.id, chunk) as Root[]) {
        for (const r of rows) {
          // A resent root is a second part with the root: the segment is read at its first.
          if (firstRoot.get(r.trace_id, r.segment_id, r.project_id) !== r.id) continue;
          each({ projectId: r.project_id, traceId: r.trace_id, segmentId: r.segment_id });
        }
      }
    },
    /** Counts the stored segments whose root came (once each). */
    count: db.prepare('SELECT COUNT(*) FROM (SELECT 1 FROM span_segments WHERE has_root = 1 GROUP BY project_id, trace_id, segment_id)').pluck(),
    /** The problems of segment `key` found now, each with the row that holds it; rows of problems no longer found are deleted. */
    problems(key: SegmentKey): SegmentProblem[] {
      const stored = storedRows(key);
      const segment = assemble(key);
      if (!segment) return asStored(stored);
      const found = detectSegment(key.traceId, segment.root, segment.children);
      const problems = found?.problems ?? [];
      const kept = new Set(problems.map((p) => p.eventId));
      for (const r of stored) if (!kept.has(r.event_id)) remove.run(r.id);
      if (!found || problems.length === 0) return [];
      const byId = new Map(stored.map((r) => [r.event_id, r.id]));
      const ev = segmentIssueEvent(found.event, segment.itemIndex, problems);
      const at: SegmentAnchor = { projectId: key.projectId, envelopeId: segment.envelopeId, itemIndex: segment.itemIndex, received: segment.received };
      let payload: ReturnType<typeof encodePayload> | null = null;
      return problems.map((p) => {
        const rowId = byId.get(p.eventId) ?? null;
        const write = rowId !== null ? null : (issueId: number) => {
          payload ??= encodePayload(Buffer.from(JSON.stringify(found.event)));
          insertRow.run(segmentOccurrenceRow(at, ev, p, issueId, payload));
        };
        return { ev: segmentProblemEvent(ev, p), rowId, write };
      });
    },
    /** Files a problem in `issueId`: its row moved there, or written. */
    file(problem: SegmentProblem, issueId: number): void {
      if (problem.rowId !== null) setRow.run(issueId, PERFORMANCE_GROUPING, JSON.stringify(problem.ev.grouping?.hashes ?? []), problem.rowId);
      else problem.write?.(issueId);
    },
  };
}
