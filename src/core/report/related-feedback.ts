/**
 * Feedback sent in the same replay or the same trace as an issue's events, though not tied to any of
 * them by event id: the feedback widget attaches its replay (`contexts.feedback.replay_id`) and the
 * page's trace, while the error it is about may have gone before or after (or never been named). Such
 * feedback is stored as a `feedback` event whose `replay_id` and `trace_id` columns are indexed
 * (`events_replay`, `events_trace`), so each id costs a seek; the row is then joined to `feedback`.
 * A trace may cross projects (a backend error, a browser feedback), so any project's feedback counts.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/contexts/#feedback-context
 * @see https://docs.sentry.io/product/user-feedback/
 */
import type { RelatedFeedback } from '../export/report-input';
import { FEEDBACK_COLUMNS, NEWEST_FIRST, toFeedback, type FeedbackRow } from '../api/feedback-row';
import type { DB } from '../store/db';

/** Replay and trace ids looked up at most (the kept events name few; a report keeps at most a few hundred events). */
const MAX_IDS = 200;

/**
 * The feedback events of `@replays` and `@traces` (JSON arrays): two indexed lookups per id, a UNION so
 * each keeps its index. `+e.kind` keeps the planner off `events_kind`, which would walk every feedback event.
 */
export const FEEDBACK_EVENTS_SQL = `SELECT e.project_id, e.event_id, e.replay_id AS via_replay, NULL AS via_trace FROM events e
    WHERE e.replay_id IS NOT NULL AND e.replay_id IN (SELECT value FROM json_each(@replays)) AND +e.kind = 'feedback'
  UNION
  SELECT e.project_id, e.event_id, NULL, e.trace_id FROM events e
    WHERE e.trace_id IN (SELECT value FROM json_each(@traces)) AND +e.kind = 'feedback'`;

/** Those events' `feedback` rows, each found by its event id (index `feedback_event`, migration 035). */
export const RELATED_FEEDBACK_SQL = `SELECT ${FEEDBACK_COLUMNS}, f.envelope_id, m.via_replay, m.via_trace FROM (${FEEDBACK_EVENTS_SQL}
    ) m CROSS JOIN feedback f ON f.kind = 'feedback' AND f.project_id = m.project_id AND f.event_id = m.event_id
    ${NEWEST_FIRST}, m.via_replay IS NULL`;

interface Row extends FeedbackRow { envelope_id: number; via_replay: string | null; via_trace: string | null }

/** The feedback of the replays and traces named, newest first, leaving out rows whose id is in `already`. */
export function feedbackOfReplaysAndTraces(db: DB, replayIds: readonly string[], traceIds: readonly string[],
  already: ReadonlySet<number>, limit: number): { items: RelatedFeedback[]; total: number; envelopeIds: number[] } {
  const replays = [...new Set(replayIds)].slice(0, MAX_IDS);
  const traces = [...new Set(traceIds)].slice(0, MAX_IDS);
  if (replays.length === 0 && traces.length === 0) return { items: [], total: 0, envelopeIds: [] };
  const rows = db.prepare(RELATED_FEEDBACK_SQL).all({ replays: JSON.stringify(replays), traces: JSON.stringify(traces) }) as Row[];
  const seen = new Set(already);
  const before = seen.size;
  const items: RelatedFeedback[] = [];
  const envelopeIds: number[] = [];
  for (const r of rows) {
    // A feedback in both the replay and the trace is listed once, by its replay (the closer tie).
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    if (items.length >= limit) continue;
    items.push({ ...toFeedback(r), via: r.via_replay !== null ? 'replay' : 'trace', viaId: r.via_replay ?? r.via_trace ?? '' });
    envelopeIds.push(r.envelope_id);
  }
  return { items, total: seen.size - before, envelopeIds };
}

/** Events of an issue whose replay and trace ids are looked at: its newest, as the issue page shows them. */
const ISSUE_EVENTS_LOOKED_AT = 100;

/**
 * Feedback sent in the same replay or trace as one of the issue's newest events but about none of the
 * issue's events (those are the issue's own feedback): what Sentry's issue page shows as "User Feedback"
 * for a replay's feedback. Newest first, at most `limit`, with how many there are.
 * @see https://docs.sentry.io/product/user-feedback/#user-feedback-on-issues
 */
export function relatedFeedbackOfIssue(db: DB, issueId: number, limit: number): { items: RelatedFeedback[]; total: number } {
  const rows = db.prepare(`SELECT replay_id, trace_id FROM events WHERE issue_id = ? ORDER BY timestamp DESC LIMIT ${ISSUE_EVENTS_LOOKED_AT}`)
    .all(issueId) as { replay_id: string | null; trace_id: string | null }[];
  const found = feedbackOfReplaysAndTraces(db, rows.flatMap((r) => (r.replay_id ? [r.replay_id] : [])),
    rows.flatMap((r) => (r.trace_id ? [r.trace_id] : [])), new Set(), 1000);
  const issueOf = db.prepare('SELECT issue_id FROM events WHERE event_id = ?').pluck();
  const notAboutIssue = found.items.filter((f) => f.associatedEventId === null || issueOf.get(f.associatedEventId) !== issueId);
  return { items: notAboutIssue.slice(0, limit), total: notAboutIssue.length };
}
