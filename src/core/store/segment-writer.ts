/**
 * Files the performance problems of streamed segments, inside the writer's transaction. Each span
 * item's segment parts get a `span_segments` row; a segment's problems each get an `occurrence` row
 * in their issue, as a transaction's do (`plan-writer.ts`), stored with the root's item and holding
 * the segment's event as its payload (a segment has no event row: the issue page, the bug report
 * and regroup read the problem from it).
 *
 * When is a segment complete? Sentry's span buffer waits for 10 s without a new span once the root
 * came (`spans.buffer.root-timeout`). The SDK sends a segment's spans with its root (its span buffer
 * flushes a trace 500 ms after a root ends), so here a root whose segment has no other part stored
 * is detected at once, on the prepare worker, and filed with its envelope. Two cases are detected
 * again from the store, off the request (`segment-redetect.ts`, after a short wait for further
 * parts): a root whose segment has parts stored before it (a segment that outlasted the SDK's
 * buffer: 5 s, 1,000 spans), and spans that arrive after their root (work that ended after the
 * request). Every row's id derives from the segment and the problem's fingerprint, so a resend or
 * a second detection counts nothing twice; a problem found again keeps its row and gets the
 * fuller segment as payload.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/spans/consumers/process_segments/message.py
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/spans/buffer.py
 */
import { OCCURRENCE_KIND } from '../pipeline/occurrence';
import { detectSegment, segmentIssueEvent } from '../pipeline/prepare-segments';
import type { EnvelopePlan, PerformanceOccurrence, PreparedEvent } from '../pipeline/types';
import { PERFORMANCE_GROUPING } from '../performance/detect';
import { encodePayload, type Codec } from './codec';
import type { DB } from './db';
import { positionalInsert } from './insert-rows';
import type { IssueChange, issueWriter } from './issue-writer';
import { segmentAssembler, type SegmentKey } from './segment-assemble';

type Assigned = { issueId: number; change: IssueChange };
type Packed = { codec: Codec; data: Buffer };

/** The columns of a segment problem's `events` row. */
export const SEGMENT_OCCURRENCE_COLUMNS = ['project_id', 'event_id', 'kind', 'envelope_id', 'item_index', 'issue_id', 'timestamp', 'received', 'level', 'platform',
  'release', 'environment', 'title', 'culprit', 'user_key', 'trace_id', 'sdk', 'grouping_config', 'hashes', 'payload', 'payload_codec'] as const;

/** Where a segment's problem rows are stored: the root's item, and when it came. */
export interface SegmentAnchor { projectId: number; envelopeId: number; itemIndex: number; received: number }

/** A problem's row of a segment: the problem's label and fingerprint on the segment's facts, the segment's event as payload. */
export function segmentOccurrenceRow(at: SegmentAnchor, ev: PreparedEvent, problem: PerformanceOccurrence, issueId: number | null,
  payload: Packed | null): Record<(typeof SEGMENT_OCCURRENCE_COLUMNS)[number], unknown> {
  return {
    project_id: at.projectId, event_id: problem.eventId, kind: OCCURRENCE_KIND, envelope_id: at.envelopeId, item_index: at.itemIndex,
    issue_id: issueId, timestamp: ev.timestamp, received: at.received, level: ev.level, platform: ev.facts.platform, release: ev.facts.release,
    environment: ev.facts.environment, title: ev.title.title, culprit: ev.title.culprit, user_key: ev.userKey, trace_id: ev.traceId,
    sdk: ev.facts.sdk, grouping_config: PERFORMANCE_GROUPING, hashes: JSON.stringify([problem.fingerprint]),
    payload: payload?.data ?? null, payload_codec: payload?.codec ?? null,
  };
}

/** The issue writer's event of one problem: labelled by the problem, grouped by its fingerprint (as `asPerformanceIssue`). */
export const segmentProblemEvent = (ev: PreparedEvent, problem: PerformanceOccurrence): PreparedEvent =>
  ({ ...ev, eventId: problem.eventId, title: problem.title, facts: { ...ev.facts, message: problem.message },
    grouping: { config: PERFORMANCE_GROUPING, hashes: [problem.fingerprint] } });

/**
 * Whether a segment has parts without its root, and a root, stored: two seeks, not a count of the
 * parts. An SDK's retries (or a replayed load) send one segment's root again and again, and
 * counting them made each write slower than the last (62 µs a write after 25,000 re-sent roots).
 * Parameters: trace, segment, project, twice.
 */
export const STORED_PARTS_SQL = `SELECT
  EXISTS (SELECT 1 FROM span_segments WHERE trace_id = ? AND segment_id = ? AND has_root = 0 AND project_id = ?) AS children,
  EXISTS (SELECT 1 FROM span_segments WHERE trace_id = ? AND segment_id = ? AND has_root = 1 AND project_id = ?) AS roots`;

export function segmentWriter(db: DB, issues: ReturnType<typeof issueWriter>) {
  const insertPart = db.prepare(`INSERT INTO span_segments (project_id, envelope_id, item_index, trace_id, segment_id, span_count, has_root)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  // Two seeks, not a count of the parts: an SDK's retries (or a replayed load) send one segment's
  // root again and again, and counting them made every write slower than the last.
  const storedParts = db.prepare(STORED_PARTS_SQL);
  const findRow = db.prepare('SELECT id FROM events WHERE project_id = ? AND event_id = ?').pluck();
  const setPayload = db.prepare('UPDATE events SET payload = ?, payload_codec = ? WHERE id = ?');
  const insertRow = positionalInsert(db, 'events', SEGMENT_OCCURRENCE_COLUMNS);
  const assemble = segmentAssembler(db);

  /** Files each problem not filed yet; one already filed keeps its issue (and gets `payload` when `refresh`). */
  function file(at: SegmentAnchor, ev: PreparedEvent, payload: Packed, refresh: boolean): Assigned[] {
    const assigned: Assigned[] = [];
    for (const problem of ev.performance ?? []) {
      const existing = findRow.get(at.projectId, problem.eventId) as number | undefined;
      if (existing !== undefined) {
        if (refresh) setPayload.run(payload.data, payload.codec, existing);
        continue;
      }
      const inIssue = issues.assign(at.projectId, segmentProblemEvent(ev, problem));
      insertRow.run(segmentOccurrenceRow(at, ev, problem, inIssue.issueId, payload));
      assigned.push(inIssue);
    }
    return assigned;
  }

  return {
    /** Stores the plan's segment parts and files what they hold; returns the issues counted and the segments to detect again from the store. */
    write(plan: EnvelopePlan, envelopeId: number): { assigned: Assigned[]; redetect: SegmentKey[] } {
      const assigned: Assigned[] = [];
      const redetect: SegmentKey[] = [];
      for (const part of plan.segments ?? []) {
        const key = { projectId: plan.projectId, traceId: part.traceId, segmentId: part.segmentId };
        const before = storedParts.get(part.traceId, part.segmentId, plan.projectId, part.traceId, part.segmentId, plan.projectId) as { children: 0 | 1; roots: 0 | 1 };
        insertPart.run(plan.projectId, envelopeId, part.itemIndex, part.traceId, part.segmentId, part.spanCount, part.hasRoot ? 1 : 0);
        // Only roots stored before, if any (a resend): this item is the whole segment again.
        const alone = before.children === 0;
        if (part.hasRoot && alone && part.event && part.payload) {
          const at = { projectId: plan.projectId, envelopeId, itemIndex: part.itemIndex, received: plan.request.received };
          assigned.push(...file(at, part.event, part.payload, false));
        } else if ((part.hasRoot && !alone) || (!part.hasRoot && before.roots > 0)) {
          redetect.push(key);
        }
      }
      return { assigned, redetect };
    },
    /** Detects segment `key` again from every stored part and files what it finds (nothing until its root is stored). */
    redetect(key: SegmentKey): Assigned[] {
      const segment = assemble(key);
      if (!segment) return [];
      const found = detectSegment(key.traceId, segment.root, segment.children);
      if (!found || found.problems.length === 0) return [];
      const at = { projectId: key.projectId, envelopeId: segment.envelopeId, itemIndex: segment.itemIndex, received: segment.received };
      const payload = encodePayload(Buffer.from(JSON.stringify(found.event)));
      return file(at, segmentIssueEvent(found.event, segment.itemIndex, found.problems), payload, true);
    },
  };
}
