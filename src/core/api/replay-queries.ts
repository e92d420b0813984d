/**
 * Read side of Session Replay: the replays list, one replay's metadata, its playable recording
 * (segments assembled in order, undecodable or missing ones noted) and mobile mp4 segments.
 * @see https://develop.sentry.dev/sdk/telemetry/replays/
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  ReplayDetail, ReplayLinkedError, ReplayMarkerInfo, ReplayRecording, ReplaySegmentInfo, ReplaySort, ReplaySummary, ReplayVideoSegment,
} from '../../shared/api-types';
import { REPLAY_SORTS } from '../../shared/api-replay';
import type { DB } from '../store/db';
import {
  assembleReplay, decodeReplayVideo, decodeSegmentBody, extractConsoleEntries, extractMarkers, extractNetworkEntries,
  normalizeRrwebEvents, splitRecordingPayload, type DecodedSegment, type RrwebEvent, type StoredSegment,
} from '../replay';
import { HttpError } from './http-util';
import { replayActivity, replayListQuery } from './replay-list';
import { feedbackMarkerLabeller } from './replay-feedback-markers';
import { segmentBytesReader, type SegmentSource } from './segment-bytes';

interface ReplayRow {
  replay_id: string; project_id: number; replay_type: string | null; start_ms: number | null; end_ms: number | null;
  urls: string; trace_ids: string; error_ids: string; browser: string | null; os: string | null; sdk: string | null;
  user: string | null; environment: string | null; release: string | null; segment_count: number; received: number;
  dead_clicks: number; rage_clicks: number;
}

interface SegmentRow extends SegmentSource { id: number; segment_id: number | null; kind: string }

/** Sentry's custom rrweb event that describes one mobile video clip. */
const RRWEB_CUSTOM = 5;

function stringList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function toSummary(r: ReplayRow, errorCount: number): ReplaySummary {
  // Without a segment the replay_event's times say how long the session ran, not what can be
  // played: the list showed "23:04" for a replay whose page had nothing to play (0:00).
  const recorded = r.segment_count > 0;
  return {
    replayId: r.replay_id, projectId: r.project_id, replayType: r.replay_type, startMs: r.start_ms, endMs: r.end_ms,
    durationMs: recorded && r.start_ms !== null && r.end_ms !== null ? Math.max(0, r.end_ms - r.start_ms) : null,
    urls: stringList(r.urls), traceIds: stringList(r.trace_ids), browser: r.browser, os: r.os, sdk: r.sdk, user: r.user,
    environment: r.environment, release: r.release, segmentCount: r.segment_count, received: r.received, errorCount,
    deadClicks: r.dead_clicks, rageClicks: r.rage_clicks, activity: replayActivity(errorCount, stringList(r.urls).length),
  };
}

/** The list's query without a search: parameters the project (when `byProject`) and the limit. */
export const replayListSql = (sort: ReplaySort, byProject: boolean): string =>
  replayListQuery({ sort, ...(byProject ? { project: 0 } : {}), limit: 0 }).sql;

const isReplaySort = (value: string): value is ReplaySort => (REPLAY_SORTS as readonly string[]).includes(value);

function toSegmentInfo(s: Record<string, unknown>): ReplaySegmentInfo {
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return {
    id: Number(s.id), segmentId: num(s.segment_id), kind: s.kind === 'video' ? 'video' : 'recording',
    eventCount: num(s.event_count), startMs: num(s.start_ms), endMs: num(s.end_ms), error: typeof s.error === 'string' ? s.error : null,
  };
}

function errorMarker(error: ReplayLinkedError): ReplayMarkerInfo {
  return { timestamp: error.timestamp, kind: 'error', label: error.title || 'Error', eventId: error.eventId, issueId: error.issueId };
}

function numberOr(value: unknown, fallback: number | null): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** The clip's placement from the `video` custom event the mobile SDKs record next to each mp4. */
function videoInfo(segmentId: number, events: RrwebEvent[], error: string | null): ReplayVideoSegment {
  const clip = events.find((e) => e.type === RRWEB_CUSTOM && (e.data as { tag?: unknown } | undefined)?.tag === 'video');
  const payload = (clip?.data as { payload?: Record<string, unknown> } | undefined)?.payload ?? {};
  return {
    segmentId, startMs: clip ? clip.timestamp : null, durationMs: numberOr(payload.duration, null),
    width: numberOr(payload.width, null), height: numberOr(payload.height, null), error,
  };
}

interface DecodedVideo { recording: DecodedSegment | null; mp4: Buffer | null; error: string | null }

async function decodeVideoRow(data: Buffer): Promise<DecodedVideo> {
  try {
    const parts = decodeReplayVideo(data);
    const recording = parts.recording ? await decodeSegmentBody(splitRecordingPayload(parts.recording).body) : null;
    return { recording, mp4: parts.video, error: parts.video ? null : 'replay_video item carries no mp4' };
  } catch (err) {
    return { recording: null, mp4: null, error: err instanceof Error ? err.message : String(err) };
  }
}

/** One stored segment decoded (a mobile one also listed in `videos`); unreadable bytes make one corrupt segment. */
async function decodeRow(seg: SegmentRow, bytesOf: (row: SegmentSource) => Buffer, videos: ReplayVideoSegment[]): Promise<DecodedSegment> {
  let data: Buffer;
  try {
    data = bytesOf(seg);
  } catch (err) {
    return { ok: false, error: `the stored segment cannot be read: ${(err as Error).message}` };
  }
  if (seg.kind !== 'video') return decodeSegmentBody(splitRecordingPayload(data).body);
  const video = await decodeVideoRow(data);
  const decoded = video.recording ?? { ok: false, error: video.error ?? 'replay_video item carries no recording' };
  if (seg.segment_id !== null && !videos.some((v) => v.segmentId === seg.segment_id)) {
    videos.push(videoInfo(seg.segment_id, decoded.ok ? decoded.events : [], video.error));
  }
  return decoded;
}

export function replayQueries(db: DB) {
  const replayRow = db.prepare('SELECT * FROM replays WHERE replay_id = ?');
  // An error carries the replay's id (contexts.replay, the replayId tag), or the replay names it in
  // `error_ids` (what a buffered replay sends after its error); each by its own index.
  const linked = `SELECT event_id AS eventId, issue_id AS issueId, title, timestamp FROM events WHERE replay_id = @replay AND kind = 'event'
    UNION SELECT event_id, issue_id, title, timestamp FROM events WHERE project_id IN (SELECT id FROM projects)
      AND event_id IN (SELECT value FROM json_each(@errorIds)) AND kind = 'event'`;
  const errorsOf = db.prepare(`${linked} ORDER BY timestamp`);
  const errorCount = db.prepare(`SELECT COUNT(*) FROM (${linked})`).pluck();
  const linkArgs = (r: Pick<ReplayRow, 'replay_id' | 'error_ids'>) => ({ replay: r.replay_id, errorIds: r.error_ids || '[]' });
  const segmentsOf = db.prepare(`SELECT id, segment_id, kind, event_count, start_ms, end_ms, error FROM replay_segments
    WHERE replay_id = ? ORDER BY segment_id, id`);
  const segmentData = db.prepare(`SELECT id, segment_id, kind, data, envelope_id, item_index FROM replay_segments WHERE replay_id = ?
    ORDER BY segment_id, id`);
  const videoData = db.prepare(`SELECT data, envelope_id, item_index FROM replay_segments WHERE replay_id = ? AND kind = 'video' AND segment_id = ?
    ORDER BY id`);

  const labelFeedback = feedbackMarkerLabeller(db);

  function row(replayId: string): ReplayRow {
    const found = replayRow.get(replayId) as ReplayRow | undefined;
    if (!found) throw new HttpError(404, `replay ${replayId} was not captured`);
    return found;
  }

  function linkedErrors(replay: Pick<ReplayRow, 'replay_id' | 'error_ids'>): ReplayLinkedError[] {
    return (errorsOf.all(linkArgs(replay)) as Record<string, unknown>[]).map((e) => ({
      eventId: String(e.eventId), issueId: typeof e.issueId === 'number' ? e.issueId : null,
      title: typeof e.title === 'string' ? e.title : '', timestamp: Number(e.timestamp),
    }));
  }

  function get(replayId: string): ReplayDetail {
    const found = row(replayId);
    const errors = linkedErrors(found);
    return {
      ...toSummary(found, errors.length), errors,
      errorIds: [...new Set([...stringList(found.error_ids), ...errors.map((e) => e.eventId)])],
      segments: (segmentsOf.all(replayId) as Record<string, unknown>[]).map(toSegmentInfo),
    };
  }

  /** Newest first, or by `sort` (Sentry's names; a leading `-` for most first); ties newest first. */
  function list(project?: number, limit = 100, sort: ReplaySort = '-started_at', search = ''): ReplaySummary[] {
    const byProject = project !== undefined && Number.isSafeInteger(project);
    const query = replayListQuery({ sort, ...(byProject ? { project } : {}), search, limit });
    const rows = db.prepare(query.sql).all(...query.params) as (ReplayRow & { error_count?: number })[];
    return rows.map((r) => toSummary(r, r.error_count ?? (errorCount.get(linkArgs(r)) as number)));
  }

  /** `GET /replays?project=&sort=&query=`: an unknown sort is refused, naming the known ones. */
  function listFrom(params: URLSearchParams): ReplaySummary[] {
    const project = params.get('project');
    const sort = params.get('sort') ?? '-started_at';
    if (!isReplaySort(sort)) throw new HttpError(400, `unknown sort ${JSON.stringify(sort)}: use one of ${REPLAY_SORTS.join(', ')}`);
    return list(project ? Number(project) : undefined, 100, sort, (params.get('query') ?? '').slice(0, 500));
  }

  /** Every decodable segment's rrweb events in order; corrupt or missing segments become notes, never fatal. */
  async function recording(replayId: string): Promise<ReplayRecording> {
    const found = row(replayId);
    const numbered: StoredSegment[] = [];
    // A segment whose header was unreadable still plays; it just cannot be placed by number.
    const unnumbered: DecodedSegment[] = [];
    const videos: ReplayVideoSegment[] = [];
    const bytesOf = segmentBytesReader(db);
    for (const seg of segmentData.all(replayId) as SegmentRow[]) {
      const decoded = await decodeRow(seg, bytesOf, videos);
      if (seg.segment_id === null) unnumbered.push(decoded);
      else numbered.push({ segmentId: seg.segment_id, decoded });
    }
    const assembled = assembleReplay(numbered);
    let events = assembled.events;
    const skipped: ReplayRecording['skipped'] = [...assembled.skipped];
    const notes: ReplayMarkerInfo[] = [...assembled.notes];
    for (const decoded of unnumbered) {
      if (decoded.ok) {
        events = normalizeRrwebEvents([...events, ...decoded.events]);
        continue;
      }
      skipped.push({ segmentId: null, error: decoded.error });
      notes.push({ timestamp: events[0]?.timestamp ?? 0, kind: 'other', label: `A segment without a number is skipped: ${decoded.error}` });
    }
    const errors = linkedErrors(found);
    const markers: ReplayMarkerInfo[] = [...labelFeedback(extractMarkers(events, [])), ...errors.map(errorMarker)]
      .sort((a, b) => a.timestamp - b.timestamp);
    const startMs = events[0]?.timestamp ?? null;
    let endMs = events[events.length - 1]?.timestamp ?? null;
    for (const v of videos) {
      if (v.startMs !== null && v.durationMs !== null) endMs = Math.max(endMs ?? 0, v.startMs + v.durationMs);
    }
    return {
      replayId, events, skipped, missing: assembled.missing, notes: notes.sort((a, b) => a.timestamp - b.timestamp), markers,
      console: extractConsoleEntries(events), network: extractNetworkEntries(events),
      videos: videos.sort((a, b) => a.segmentId - b.segmentId), startMs, endMs,
      durationMs: startMs !== null && endMs !== null ? Math.max(0, endMs - startMs) : 0,
    };
  }

  /** The mp4 of one mobile segment; `null` when the segment or its video is absent or undecodable. */
  async function video(replayId: string, segmentId: number): Promise<Buffer | null> {
    row(replayId);
    const bytesOf = segmentBytesReader(db);
    for (const seg of videoData.all(replayId, segmentId) as SegmentSource[]) {
      let data: Buffer;
      try { data = bytesOf(seg); } catch { continue; }
      const decoded = await decodeVideoRow(data);
      if (decoded.mp4) return decoded.mp4;
    }
    return null;
  }

  /** Serves a mobile segment's mp4, honouring a single byte `Range` so `<video>` can seek. */
  async function sendVideo(req: IncomingMessage, res: ServerResponse, replayId: string, segmentId: number): Promise<void> {
    const mp4 = await video(replayId, segmentId);
    if (!mp4) throw new HttpError(404, `replay ${replayId} has no playable video segment ${segmentId}`);
    const headers = {
      'content-type': 'video/mp4', 'accept-ranges': 'bytes', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff',
    };
    const range = byteRange(req.headers.range, mp4.length);
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${mp4.length}` });
      res.end();
      return;
    }
    const body = range ? mp4.subarray(range.start, range.end + 1) : mp4;
    res.writeHead(range ? 206 : 200, {
      ...headers, 'content-length': body.length, ...(range ? { 'content-range': `bytes ${range.start}-${range.end}/${mp4.length}` } : {}),
    });
    res.end(body);
  }

  return { get, list, listFrom, recording, video, sendVideo };
}

/** Parses `bytes=a-b`, `bytes=a-` or `bytes=-n`; anything else (multiple ranges too) means the whole body. */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const m = header ? /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
