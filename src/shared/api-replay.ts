/** Read API types, continued: see api-types.ts. */
// Session Replay (`/_lookout/api/replays…`). Owned by the replay player; served by
// src/core/api/replay-queries.ts.

/** One row of the replays list. Times are epoch ms. */
export interface ReplaySummary {
  replayId: string;
  projectId: number;
  /** `session` (recorded from the start) or `buffer` (kept because an error happened). */
  replayType: string | null;
  startMs: number | null;
  endMs: number | null;
  /** Null when unknown, or when no recording segment arrived (`segmentCount` 0: nothing to play). */
  durationMs: number | null;
  urls: string[];
  traceIds: string[];
  browser: string | null;
  os: string | null;
  sdk: string | null;
  user: string | null;
  environment: string | null;
  release: string | null;
  /** Recording segments received; 0 when only the replay's metadata (its `replay_event`) arrived. */
  segmentCount: number;
  received: number;
  /** Stored error events that point at this replay. */
  errorCount: number;
}

/** A stored error event linked to the replay (through `contexts.replay` or the DSC). */
export interface ReplayLinkedError {
  eventId: string;
  issueId: number | null;
  title: string;
  /** Epoch ms. */
  timestamp: number;
}

export interface ReplaySegmentInfo {
  /** Row id of the stored segment. */
  id: number;
  /** The SDK's `segment_id` (0, 1, 2, … every ~5 s); null when its header was unreadable. */
  segmentId: number | null;
  kind: 'recording' | 'video';
  eventCount: number | null;
  startMs: number | null;
  endMs: number | null;
  /** Why the segment cannot be played; null when it decodes. */
  error: string | null;
}

export interface ReplayDetail extends ReplaySummary {
  errors: ReplayLinkedError[];
  /** Error ids the SDK reported plus the linked stored errors (some may never have arrived). */
  errorIds: string[];
  segments: ReplaySegmentInfo[];
}

export type ReplayMarkerKind = 'error' | 'click' | 'navigation' | 'console' | 'network' | 'input' | 'other';

/** A point on the player's timeline (breadcrumb, network span, error, or a gap note). */
export interface ReplayMarkerInfo {
  /** Epoch ms. */
  timestamp: number;
  kind: ReplayMarkerKind;
  label: string;
  /** Error markers: the stored event and its issue. */
  eventId?: string;
  issueId?: number | null;
}

/** An rrweb event as the player consumes it: `timestamp` always in ms. */
export interface ReplayRrwebEvent {
  type: number;
  timestamp: number;
  data?: unknown;
}

/** A mobile `replay_video` segment: an mp4 served by `…/video/:segmentId`. */
export interface ReplayVideoSegment {
  segmentId: number;
  /** Epoch ms where the clip starts, from its rrweb `video` event (else from the replay start). */
  startMs: number | null;
  durationMs: number | null;
  width: number | null;
  height: number | null;
  /** Set when the segment cannot be played. */
  error: string | null;
}

/** `GET /replays/:id/recording`: what the player needs, corrupt or missing segments noted. */
export interface ReplayRecording {
  replayId: string;
  /** Normalised (ms), time-ordered rrweb events of every decodable segment. */
  events: ReplayRrwebEvent[];
  /** Segments that could not be decoded; playback goes on without them. */
  skipped: { segmentId: number | null; error: string }[];
  /** Segment ids below the highest received one that never arrived. */
  missing: number[];
  /** One `other` marker per skipped or missing segment, placed at the gap. */
  notes: ReplayMarkerInfo[];
  /** Errors, clicks, inputs, navigations, console and network breadcrumbs, time-ordered. */
  markers: ReplayMarkerInfo[];
  videos: ReplayVideoSegment[];
  /** First and last event time (epoch ms) and their distance. */
  startMs: number | null;
  endMs: number | null;
  durationMs: number;
}
