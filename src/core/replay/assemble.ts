/**
 * Builds the playable event list of a replay from its stored segments. Segments arrive out of
 * order and in separate envelopes; playback is their concatenation ordered by `segment_id`.
 * Undecodable segments are skipped, and each gap becomes a visible note on the timeline.
 * @see https://develop.sentry.dev/sdk/telemetry/replays/
 */
import { normalizeRrwebEvents } from './rrweb-normalize';
import type { DecodedSegment, ReplayMarker, RrwebEvent } from './types';

export interface StoredSegment {
  segmentId: number;
  decoded: DecodedSegment;
}

export interface SkippedSegment {
  segmentId: number;
  error: string;
}

export interface AssembledReplay {
  /** Normalised (ms) and time-sorted events, ready for an rrweb player. */
  events: RrwebEvent[];
  skipped: SkippedSegment[];
  /** Segment ids below the highest one received that never arrived. */
  missing: number[];
  /** One `other` marker per skipped or missing segment, placed where the gap is. */
  notes: ReplayMarker[];
}

/** A replay has at most a few hundred segments (one per ~5 s, 60 min max); hostile ids could claim billions. */
const MAX_MISSING_LISTED = 1000;

export function assembleReplay(segments: StoredSegment[]): AssembledReplay {
  const unique = new Map<number, StoredSegment>();
  // The same segment re-sent (SDK retry) must not be played twice; keep a decodable copy.
  for (const segment of segments) {
    const known = unique.get(segment.segmentId);
    if (!known || (!known.decoded.ok && segment.decoded.ok)) unique.set(segment.segmentId, segment);
  }
  const ordered = [...unique.values()].sort((a, b) => a.segmentId - b.segmentId);
  const replay: AssembledReplay = { events: [], skipped: [], missing: [], notes: [] };
  let expected = 0;
  for (const [index, segment] of ordered.entries()) {
    if (segment.segmentId > expected) noteMissing(replay, expected, segment.segmentId - 1, gapTime(ordered, index));
    expected = segment.segmentId + 1;
    const decoded = segment.decoded;
    if (decoded.ok) {
      for (const event of decoded.events) replay.events.push(event);
      continue;
    }
    replay.skipped.push({ segmentId: segment.segmentId, error: decoded.error });
    replay.notes.push({
      timestamp: gapTime(ordered, index),
      kind: 'other',
      label: `Segment ${segment.segmentId} could not be decoded and is skipped: ${decoded.error}`,
    });
  }
  replay.events = normalizeRrwebEvents(replay.events);
  return replay;
}

function noteMissing(replay: AssembledReplay, from: number, to: number, timestamp: number): void {
  const last = Math.min(to, from + MAX_MISSING_LISTED - replay.missing.length - 1);
  for (let id = from; id <= last; id++) replay.missing.push(id);
  replay.notes.push({ timestamp, kind: 'other', label: `Segment ${from === to ? from : `${from}–${to}`} never arrived` });
}

/** Where a gap before `ordered[index]` sits: end of the previous good segment, else start of the next. */
function gapTime(ordered: StoredSegment[], index: number): number {
  for (let i = index - 1; i >= 0; i--) {
    const decoded = ordered[i]?.decoded;
    if (decoded?.ok && decoded.endMs !== null) return decoded.endMs;
  }
  for (let i = index; i < ordered.length; i++) {
    const decoded = ordered[i]?.decoded;
    if (decoded?.ok && decoded.startMs !== null) return decoded.startMs;
  }
  return 0;
}
