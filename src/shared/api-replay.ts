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
  /**
   * Dead clicks (a link, button or input that did not react within the SDK's 7 s), rage clicks
   * included, and rage clicks (a dead click clicked five times or more), counted as each segment arrived.
   */
  deadClicks: number;
  rageClicks: number;
  /**
   * Sentry's activity score, 1–10: ⌊(errors × 25 + pages visited × 5) / 10⌋ clamped to 1…10
   * (`urls` counted as pages). See replay-activity.ts.
   */
  activity: number;
}

/** `GET /replays?sort=`: Sentry's sort names, a leading `-` for newest / most first. */
export const REPLAY_SORTS = [
  '-started_at', 'started_at', '-count_dead_clicks', 'count_dead_clicks', '-count_rage_clicks', 'count_rage_clicks',
  '-duration', 'duration', '-count_errors', 'count_errors', '-activity', 'activity',
] as const;
export type ReplaySort = (typeof REPLAY_SORTS)[number];

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

/** `vital`: a web vital (LCP, CLS, INP…) the replay SDK recorded with its value and rating. */
export type ReplayMarkerKind = 'error' | 'click' | 'navigation' | 'console' | 'network' | 'input' | 'feedback' | 'vital' | 'other';

/** A point on the player's timeline (breadcrumb, network span, error, or a gap note). */
export interface ReplayMarkerInfo {
  /** Epoch ms. */
  timestamp: number;
  kind: ReplayMarkerKind;
  label: string;
  /** Error markers: the stored event and its issue. */
  eventId?: string;
  issueId?: number | null;
  /** Feedback markers: the feedback event's id (from the SDK's `sentry.feedback` breadcrumb) and its stored row, when it arrived. */
  feedbackEventId?: string;
  feedbackId?: number | null;
  /** A dead click (a control that never reacted), or a rage click (a dead click clicked five times or more), as Sentry counts them. */
  frustration?: 'dead' | 'rage';
}

/**
 * One console call the replay SDK recorded (a `console` breadcrumb): the player's Console tab.
 * Everything but the time is what the page logged: untrusted text.
 */
export interface ReplayConsoleEntry {
  /** Epoch ms. */
  timestamp: number;
  /** `log`, `info`, `warning`, `error`, `debug`, `assert`… as the SDK named it. */
  level: string;
  message: string;
  /** Each argument as text: strings as logged, anything else as JSON (already cut by the SDK). */
  args: string[];
  /** The SDK shortened an argument (`CONSOLE_ARG_TRUNCATED`). */
  truncated: boolean;
}

/** A request or response as the SDK captured it (`networkDetailAllowUrls`): sent as is, masked values included. */
export interface ReplayNetworkPart {
  /** Only the headers the SDK was allowed to capture. */
  headers: Record<string, string>;
  /** The body as text (JSON pretty-printed); null when not captured. */
  body: string | null;
  /** Bytes, as the SDK measured them. */
  size: number | null;
  /** The SDK's `_meta.warnings`: `TEXT_TRUNCATED`, `URL_SKIPPED`, `BODY_PARSE_ERROR`… */
  warnings: string[];
}

/** One row of the player's Network tab: a fetch/xhr, a page load or a loaded resource (`performanceSpan`). */
export interface ReplayNetworkEntry {
  /** Start, epoch ms. */
  timestamp: number;
  durationMs: number | null;
  /** The span's `op`: `resource.fetch`, `resource.xhr`, `resource.script`, `navigation.navigate`… */
  op: string;
  /** Short type as Sentry's network table shows it: `fetch`, `xhr`, `script`, `navigate`… */
  type: string;
  method: string;
  url: string;
  statusCode: number | null;
  /** Response size in bytes. */
  size: number | null;
  request: ReplayNetworkPart | null;
  response: ReplayNetworkPart | null;
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
  /** Errors, clicks, inputs, navigations, console and network breadcrumbs, feedback, time-ordered. */
  markers: ReplayMarkerInfo[];
  /** The Console tab, time-ordered (absent from older servers and bug reports). */
  console?: ReplayConsoleEntry[];
  /** The Network tab, by start time (absent from older servers and bug reports). */
  network?: ReplayNetworkEntry[];
  videos: ReplayVideoSegment[];
  /** First and last event time (epoch ms) and their distance. */
  startMs: number | null;
  endMs: number | null;
  durationMs: number;
}
