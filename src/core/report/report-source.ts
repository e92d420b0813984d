import type { DB } from '../store/db';
import { attachmentBytesReader, type AttachmentSource } from '../api/attachment-bytes';
import { eventQueries, toAttachment } from '../api/event-queries';
import { bundleEnvelopeBody } from './bundle-envelope';
import { issueQueries } from '../api/issue-queries';
import { feedbackQueries } from '../api/feedback-queries';
import { REPORT_FEEDBACK_MAX } from '../export/report-feedback';
import { feedbackOfReplaysAndTraces } from './related-feedback';
import { replayQueries } from '../api/replay-queries';
import { segmentBytesReader, type SegmentSource } from '../api/segment-bytes';
import { HttpError } from '../api/http-util';
import type { ReportInput } from '../export/report-input';
import { VERSION } from '../version';
import { traceLogsNear } from './trace-logs';
import { traceSummaryInput } from './trace-summary';
import { importedTraceLogs } from './imported-trace';

/**
 * Reads an issue, its latest events, their raw envelopes, attachments, replay, users' feedback (with the
 * feedback's screenshots) and the featured event's trace logs for export. `lookoutUrl` (where this Lookout
 * answers) lets the report link the trace.
 */
export async function loadReportInput(db: DB, issueId: number, maxEvents: number, withReplay: boolean, lookoutUrl?: string): Promise<ReportInput> {
  const issue = issueQueries(db).detail(issueId);
  if (!issue) throw new HttpError(404, `no issue ${issueId}`);
  const events = eventQueries(db);
  const ids = db.prepare('SELECT event_id FROM events WHERE issue_id = ? ORDER BY timestamp DESC, id DESC LIMIT ?').pluck()
    .all(issueId, maxEvents) as string[];
  const details = ids.map((id) => events.detail(id));
  const rawEnvelopes = new Map<number, Buffer>();
  for (const d of details) {
    const body = bundleEnvelopeBody(db, d.envelopeId, d.eventId);
    if (body) rawEnvelopes.set(d.envelopeId, body);
  }
  // Users' feedback about the kept events travels as the requests it came in: an import shows it too.
  const feedbackRequests = db.prepare(`SELECT DISTINCT envelope_id, event_id FROM feedback WHERE associated_event_id IN
    (SELECT value FROM json_each(?)) AND project_id = ?`).all(JSON.stringify(ids), issue.projectId) as { envelope_id: number; event_id: string | null }[];
  for (const f of feedbackRequests) {
    const body = rawEnvelopes.has(f.envelope_id) ? null : bundleEnvelopeBody(db, f.envelope_id, f.event_id ?? '');
    if (body) rawEnvelopes.set(f.envelope_id, body);
  }
  const attachmentBytes = attachmentBytesReader(db);
  const attachmentRow = db.prepare('SELECT * FROM attachments WHERE id = ?');
  const withBytes = (row: Record<string, unknown>) => ({ info: toAttachment(row), data: attachmentBytes(row as unknown as AttachmentSource) });
  const attachments = details.flatMap((d) => d.attachments.map((a) => withBytes(attachmentRow.get(a.id) as Record<string, unknown>)));
  let replay: ReportInput['replay'] = null;
  // The featured (newest) event's own replay, else the newest one an event of the issue has that was captured.
  const captured = db.prepare('SELECT 1 FROM replays WHERE replay_id = ?');
  const replayId = details.map((d) => d.replayId).find((id) => id && captured.get(id));
  if (withReplay && replayId) {
    const recording = await replayQueries(db).recording(replayId);
    const bytesOf = segmentBytesReader(db);
    const rows = db.prepare(`SELECT segment_id, data, envelope_id, item_index FROM replay_segments WHERE replay_id = ?
      AND kind = 'recording' ORDER BY segment_id`).all(replayId) as (SegmentSource & { segment_id: number | null })[];
    // A segment whose stored bytes cannot be read is left out of the bundle, as playback skips it.
    const segments = rows.flatMap((s) => {
      try { return [{ segmentId: s.segment_id ?? 0, data: bytesOf(s) }]; } catch { return []; }
    });
    replay = { replayId, events: recording.events, segments, replayEvent: replayEventOf(db, replayId) };
  }
  const feedback = feedbackQueries(db).aboutIssue(issueId, REPORT_FEEDBACK_MAX);
  // The user's own words may be tied to the error only by the replay or trace they share (widget feedback).
  const related = feedbackOfReplaysAndTraces(db, details.flatMap((d) => (d.replayId ? [d.replayId] : [])),
    details.flatMap((d) => (d.traceId ? [d.traceId] : [])), new Set(feedback.items.map((f) => f.id)), REPORT_FEEDBACK_MAX);
  for (const id of related.envelopeIds) {
    const body = rawEnvelopes.has(id) ? null : bundleEnvelopeBody(db, id, '');
    if (body) rawEnvelopes.set(id, body);
  }
  // The feedback widget's screenshot is an attachment of the feedback event: the report shows it with the quote.
  const feedbackEvents = [...feedback.items, ...related.items].flatMap((f) => (f.feedbackEventId ? [f.feedbackEventId] : []));
  const screenshots = db.prepare(`SELECT * FROM attachments WHERE event_id IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT ${REPORT_FEEDBACK_MAX * 2}`)
    .all(JSON.stringify(feedbackEvents)) as Record<string, unknown>[];
  attachments.push(...screenshots.map(withBytes));
  const featured = details[0];
  const traceLogs = featured ? importedTraceLogs(db, featured.envelopeId, traceLogsNear(db, featured.traceId, featured.timestamp)) : null;
  const traceSummary = featured ? traceSummaryInput(db, featured.traceId) : null;
  const project = db.prepare('SELECT name, platform FROM projects WHERE id = ?').get(issue.projectId) as ReportInput['project'];
  return { issue, events: details, rawEnvelopes, attachments, replay, feedback, relatedFeedback: { items: related.items, total: related.total }, ...(project ? { project } : {}),
    ...(traceLogs ? { traceLogs } : {}), ...(traceSummary ? { traceSummary } : {}), ...(lookoutUrl ? { lookoutUrl } : {}), generatedAt: Date.now(), lookoutVersion: VERSION };
}

interface ReplayRow {
  replay_type: string | null; start_ms: number | null; end_ms: number | null; urls: string; trace_ids: string; error_ids: string;
  browser: string | null; os: string | null; sdk: string | null; user: string | null; environment: string | null; release: string | null;
}

/** The stored replay's metadata as a `replay_event` payload that `readReplayEvent` reads back to the same row. */
function replayEventOf(db: DB, replayId: string): Record<string, unknown> | null {
  const row = db.prepare('SELECT * FROM replays WHERE replay_id = ?').get(replayId) as ReplayRow | undefined;
  if (!row) return null;
  const list = (text: string): unknown => { try { return JSON.parse(text) as unknown; } catch { return []; } };
  const named = (name: string | null) => (name === null ? undefined : { name });
  return {
    replay_type: row.replay_type ?? undefined, urls: list(row.urls), trace_ids: list(row.trace_ids), error_ids: list(row.error_ids),
    replay_start_timestamp: row.start_ms === null ? undefined : row.start_ms / 1000,
    timestamp: row.end_ms === null ? undefined : row.end_ms / 1000,
    contexts: { browser: named(row.browser), os: named(row.os) }, sdk: named(row.sdk),
    user: row.user === null ? undefined : { id: row.user }, environment: row.environment ?? undefined, release: row.release ?? undefined,
  };
}
