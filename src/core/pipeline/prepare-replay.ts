import type { EnvelopeItem } from '../ingest/envelope';
import { countFrustration, decodeReplayVideo, decodeSegmentBody, readReplayEvent, splitRecordingPayload } from '../replay';
import { parseItemJson } from './prepare-event';
import type { PreparedReplay, PreparedRow } from './types';

function ensure(plan: { replay: PreparedReplay | null }, replayId: string): PreparedReplay {
  plan.replay ??= { replayId, info: null, segments: [] };
  return plan.replay;
}

/** `replay_event`: the replay's metadata for this segment. */
export function prepareReplayEvent(item: EnvelopeItem, index: number, received: number, headerId: string | null,
  plan: { replay: PreparedReplay | null }): PreparedRow {
  const info = readReplayEvent(parseItemJson(item, index), headerId ?? undefined);
  const replayId = info?.replayId ?? headerId ?? 'unknown';
  const replay = ensure(plan, replayId);
  if (info) replay.info = info as unknown as Record<string, unknown>;
  return { type: 'rows', itemIndex: index, kind: 'replay_event', table: 'replays', rows: [],
    title: `replay ${replayId.slice(0, 8)} segment ${info?.segmentId ?? '?'}`, level: null, timestamp: received, eventId: replayId };
}

/**
 * `replay_recording`: kept as sent (compressed) even when it does not decode, so a corrupt
 * segment is marked and skipped in playback instead of lost. Its dead and rage clicks are counted
 * here, from the events this decode already holds, so the replays list never decodes a segment.
 */
export async function prepareRecording(item: EnvelopeItem, index: number, received: number, headerId: string | null,
  plan: { replay: PreparedReplay | null }): Promise<PreparedRow> {
  const replayId = plan.replay?.replayId ?? headerId ?? 'unknown';
  const replay = ensure(plan, replayId);
  const payload = splitRecordingPayload(item.payload);
  const decoded = await decodeSegmentBody(payload.body);
  replay.segments.push({
    itemIndex: index, segmentId: payload.segmentId, kind: 'recording',
    eventCount: decoded.ok ? decoded.count : null, startMs: decoded.ok ? decoded.startMs : null,
    endMs: decoded.ok ? decoded.endMs : null, error: decoded.ok ? (payload.headerError ?? null) : decoded.error,
    data: item.payload, ...(decoded.ok ? { frustration: countFrustration(decoded.events) } : {}),
  });
  return { type: 'rows', itemIndex: index, kind: 'replay_recording', table: 'replays', rows: [],
    title: `replay recording segment ${payload.segmentId ?? '?'}${decoded.ok ? ` (${decoded.count} events)` : ' (corrupt)'}`,
    level: decoded.ok ? null : 'warning', timestamp: received, eventId: replayId };
}

/** Mobile `replay_video`: msgpack of the replay event, its recording and an mp4 segment. */
export function prepareReplayVideo(item: EnvelopeItem, index: number, received: number, headerId: string | null,
  plan: { replay: PreparedReplay | null }): PreparedRow {
  let error: string | null = null;
  let segmentId: number | null = null;
  try {
    const parts = decodeReplayVideo(item.payload);
    const info = readReplayEvent(parts.replayEvent, headerId ?? undefined);
    const replay = ensure(plan, info?.replayId ?? headerId ?? 'unknown');
    if (info) { replay.info = info as unknown as Record<string, unknown>; segmentId = info.segmentId; }
  } catch (err) {
    error = (err as Error).message;
  }
  const replay = ensure(plan, headerId ?? 'unknown');
  replay.segments.push({ itemIndex: index, segmentId, kind: 'video', eventCount: null, startMs: null, endMs: null, error, data: item.payload });
  return { type: 'rows', itemIndex: index, kind: 'replay_video', table: 'replays', rows: [],
    title: `replay video segment ${segmentId ?? '?'}`, level: error ? 'warning' : null, timestamp: received, eventId: replay.replayId };
}
