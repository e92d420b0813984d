import type { DB } from '../store/db';
import { decodeSegmentBody, normalizeRrwebEvents, splitRecordingPayload, type RrwebEvent } from '../replay';
import { HttpError } from './http-util';

interface ReplayRow {
  replay_id: string; project_id: number; replay_type: string | null; start_ms: number | null; end_ms: number | null;
  urls: string; trace_ids: string; error_ids: string; browser: string | null; os: string | null; sdk: string | null;
  user: string | null; environment: string | null; release: string | null; segment_count: number; received: number;
}

function toReplay(r: ReplayRow, errorCount: number) {
  return {
    replayId: r.replay_id, projectId: r.project_id, replayType: r.replay_type, startMs: r.start_ms, endMs: r.end_ms,
    durationMs: r.start_ms !== null && r.end_ms !== null ? Math.max(0, r.end_ms - r.start_ms) : null,
    urls: JSON.parse(r.urls) as string[], traceIds: JSON.parse(r.trace_ids) as string[], browser: r.browser, os: r.os,
    sdk: r.sdk, user: r.user, environment: r.environment, release: r.release, segmentCount: r.segment_count,
    received: r.received, errorCount,
  };
}

export type ReplaySummary = ReturnType<typeof toReplay>;

export function replayQueries(db: DB) {
  const errorsOf = db.prepare(`SELECT event_id AS eventId, issue_id AS issueId, title, timestamp FROM events
    WHERE replay_id = ? AND kind = 'event' ORDER BY timestamp`);
  const errorCount = db.prepare("SELECT COUNT(*) FROM events WHERE replay_id = ? AND kind = 'event'").pluck();
  const segmentsOf = db.prepare(`SELECT id, segment_id, kind, event_count, start_ms, end_ms, error FROM replay_segments
    WHERE replay_id = ? ORDER BY segment_id, id`);

  function get(replayId: string) {
    const row = db.prepare('SELECT * FROM replays WHERE replay_id = ?').get(replayId) as ReplayRow | undefined;
    if (!row) throw new HttpError(404, `replay ${replayId} was not captured`);
    const fromIds = JSON.parse(row.error_ids) as string[];
    const errors = errorsOf.all(replayId) as { eventId: string }[];
    return {
      ...toReplay(row, errors.length), errors, errorIds: [...new Set([...fromIds, ...errors.map((e) => e.eventId)])],
      segments: (segmentsOf.all(replayId) as Record<string, unknown>[]).map((s) => ({
        id: s.id, segmentId: s.segment_id, kind: s.kind, eventCount: s.event_count, startMs: s.start_ms, endMs: s.end_ms,
        error: s.error,
      })),
    };
  }

  function list(project?: number, limit = 100) {
    const rows = db.prepare(`SELECT * FROM replays ${project !== undefined ? 'WHERE project_id = ?' : ''}
      ORDER BY COALESCE(start_ms, received) DESC LIMIT ${limit}`).all(...(project !== undefined ? [project] : [])) as ReplayRow[];
    return rows.map((r) => toReplay(r, errorCount.get(r.replay_id) as number));
  }

  /** Every decodable segment's rrweb events in order; corrupt segments are reported, not fatal. */
  async function recording(replayId: string): Promise<{ events: RrwebEvent[]; skipped: { segmentId: number | null; error: string }[] }> {
    const rows = db.prepare(`SELECT segment_id, data, kind FROM replay_segments WHERE replay_id = ? AND kind = 'recording'
      ORDER BY segment_id, id`).all(replayId) as { segment_id: number | null; data: Buffer }[];
    if (rows.length === 0 && !db.prepare('SELECT 1 FROM replays WHERE replay_id = ?').get(replayId)) {
      throw new HttpError(404, `replay ${replayId} was not captured`);
    }
    const events: RrwebEvent[] = [];
    const skipped: { segmentId: number | null; error: string }[] = [];
    const seen = new Set<number>();
    for (const row of rows) {
      if (row.segment_id !== null && seen.has(row.segment_id)) continue;
      if (row.segment_id !== null) seen.add(row.segment_id);
      const decoded = await decodeSegmentBody(splitRecordingPayload(row.data).body);
      if (decoded.ok) events.push(...decoded.events);
      else skipped.push({ segmentId: row.segment_id, error: decoded.error });
    }
    return { events: normalizeRrwebEvents(events), skipped };
  }

  return { get, list, recording };
}
