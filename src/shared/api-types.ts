/**
 * The read API's JSON shapes (`/_lookout/api/...`) and the SSE stream messages. One contract for
 * the headless HTTP client and the desktop app: every view goes through `LookoutClient`.
 */
import type { SentryEvent } from './sentry';

export type ItemKind =
  | 'event' | 'transaction' | 'span' | 'attachment' | 'log' | 'session' | 'sessions'
  | 'check_in' | 'client_report' | 'feedback' | 'user_report' | 'replay_event'
  | 'replay_recording' | 'replay_video' | 'profile' | 'profile_chunk' | 'trace_metric' | 'other';

export type IssueStatus = 'unresolved' | 'resolved' | 'resolved_next_release' | 'ignored';

export interface Project {
  id: number;
  name: string;
  /** DSN a developer pastes into their SDK, with this server's host and port. */
  dsn: string;
  firstSeen: number;
  lastSeen: number;
  eventCount: number;
  issueCount: number;
}

/** One stored item, as listed in the Stream view and sent on the SSE stream. */
export interface ItemSummary {
  /** Monotonic id of the stored item (also the SSE event id). */
  seq: number;
  kind: ItemKind;
  projectId: number;
  envelopeId: number;
  /** Event id for events/transactions/feedback, replay id for replay items, else null. */
  eventId: string | null;
  title: string;
  level: string | null;
  timestamp: number;
  received: number;
  issueId: number | null;
}

export interface EventSummary {
  eventId: string;
  projectId: number;
  issueId: number | null;
  kind: 'event' | 'transaction' | 'feedback';
  timestamp: number;
  received: number;
  level: string | null;
  platform: string | null;
  release: string | null;
  environment: string | null;
  title: string;
  culprit: string | null;
  userKey: string | null;
  traceId: string | null;
  replayId: string | null;
  /** Times the SDK sent this same event id (retries). */
  duplicates: number;
}

export interface AttachmentInfo {
  id: number;
  eventId: string | null;
  filename: string;
  contentType: string;
  attachmentType: string;
  size: number;
  truncated: boolean;
}

export interface GroupingVariantInfo {
  name: string;
  hash: string | null;
  contributes: boolean;
  /** Human-readable tree: which components contributed, which were ignored and why. */
  explanation: unknown;
}

export interface EventDetail extends EventSummary {
  envelopeId: number;
  payload: SentryEvent;
  attachments: AttachmentInfo[];
  grouping: { config: string; hashes: string[]; variants: GroupingVariantInfo[] } | null;
  /** Neighbours inside the same issue, for oldest / previous / next / latest navigation. */
  nav: { oldest: string | null; previous: string | null; next: string | null; latest: string | null } | null;
  /** Set when the event was over 1 MiB or nested too deep and Lookout stored it cut down. */
  truncated: boolean;
  /**
   * A source map now resolves frames that were stored unresolved (it appeared after ingest):
   * `payload` shows them resolved, but the issue was grouped on the old frames.
   */
  resymbolicated?: boolean;
}

export interface IssueSummary {
  id: number;
  projectId: number;
  title: string;
  culprit: string | null;
  level: string;
  type: string;
  status: IssueStatus;
  /** Set while the issue is open again after having been resolved. */
  regressed: boolean;
  regressedInRelease: string | null;
  firstSeen: number;
  lastSeen: number;
  count: number;
  users: number;
  firstRelease: string | null;
  lastRelease: string | null;
  environments: string[];
  /** Event counts per hour for the last 24 hours, oldest first (24 numbers). */
  sparkline: number[];
  latestEventId: string | null;
}

export interface TagValueCount { value: string; count: number; percent: number }
export interface TagDistribution { key: string; total: number; values: TagValueCount[] }

export interface IssueDetail extends IssueSummary {
  ignoreUntilCount: number | null;
  tags: TagDistribution[];
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next (older) page, or null at the end. */
  nextCursor: string | null;
  total?: number;
}

export interface EnvelopeRecord {
  id: number;
  received: number;
  route: string;
  method: string;
  projectId: number | null;
  client: string | null;
  sentryKey: string | null;
  outcome: 'accepted' | 'rejected';
  status: number;
  reason: string | null;
  size: number;
  itemCount: number;
  headers: Record<string, string>;
}

export interface Health {
  ok: true;
  version: string;
  schemaVersion: number;
  port: number;
  dataDir: string;
  startedAt: number;
  /** Problems the user must be told about (corrupt database moved aside, disk full, ...). */
  notices: string[];
}

export interface IssueQuery {
  project?: number;
  status?: IssueStatus | 'all';
  level?: string;
  environment?: string;
  release?: string;
  query?: string;
  sort?: 'last_seen' | 'first_seen' | 'count' | 'users';
  limit?: number;
  cursor?: string;
}

/** Messages on `GET /_lookout/api/stream` (SSE `event:` name = `type`). */
export type StreamMessage =
  | { type: 'item'; item: ItemSummary }
  | { type: 'issue'; change: 'created' | 'updated' | 'regressed'; issue: IssueSummary }
  | { type: 'rejected'; envelope: EnvelopeRecord };

// ---------------------------------------------------------------------------------------------
// Settings (`GET/PUT /_lookout/api/settings`). Added by the renderer; the server implements it.
// ---------------------------------------------------------------------------------------------

/**
 * Editors the "open in editor" action knows. `custom` uses `command` as a template; `jetbrains`
 * takes its launcher (`idea`, `webstorm`, …) in `command`; `env` runs $VISUAL/$EDITOR (or `command`).
 */
export type EditorId = 'auto' | 'vscode' | 'cursor' | 'jetbrains' | 'sublime' | 'zed' | 'custom' | 'env';

export interface RetentionSettings {
  /** Oldest events beyond this count are pruned. */
  maxEvents: number;
  maxAgeDays: number;
  maxBytes: number;
}

/** User settings. `port` takes effect on the next start. */
export interface Settings {
  port: number;
  dataDir: string;
  retention: RetentionSettings;
  /** `command` is a template such as `code -g {file}:{line}:{column}` (custom editor only). */
  editor: { id: EditorId | string; command?: string };
  /** Local folders searched for source files and source maps. */
  sourceRoots?: string[];
  /** What `auto` opens right now (read-only, from the server's environment). */
  detectedEditor?: { id: string; command?: string };
}

// ---------------------------------------------------------------------------------------------
// Local source files (`/_lookout/api/source`, `/open`, `/projects/:id/settings`,
// `/issues/:id/suspect-commit`, `/issues/:id/regroup`). Served by src/core/api/source-api.ts.
// ---------------------------------------------------------------------------------------------

/** `GET/PUT /_lookout/api/projects/:id/settings`: folders searched for this project's files. */
export interface ProjectSettings {
  sourceRoots: string[];
}

/** `GET /_lookout/api/source?event=ID&file=PATH&line=N&radius=R`: lines around one line. */
export interface SourceWindow {
  /** The local file read. */
  file: string;
  /** 1-based number of `lines[0]`. */
  startLine: number;
  lines: string[];
  /** The file was modified after the event: the lines may not be what ran. */
  changedSinceEvent: boolean;
}

/** `GET /_lookout/api/issues/:id/suspect-commit`: `git blame` of the top in-app frame's line. */
export interface SuspectCommitInfo {
  hash: string;
  shortHash: string;
  author: string;
  /** Author date, epoch ms. */
  date: number;
  summary: string;
  /** The commit landed after the issue's first event. */
  changedAfterFirstSeen: boolean;
  file: string;
  line: number;
}

/** `POST /_lookout/api/issues/:id/regroup`: "re-group with source maps". */
export interface RegroupIssueResult {
  /** Events of the issue looked at. */
  events: number;
  /** Of those, the ones whose stored payload now has source-mapped frames. */
  resymbolicated: number;
  /** The issues those events belong to now. */
  issueIds: number[];
  summary: { events: number; issuesBefore: number; issuesAfter: number; kept: number; created: number };
}

// ---------------------------------------------------------------------------------------------
// Session Replay (`/_lookout/api/replays…`). Owned by the replay player; served by
// src/core/api/replay-queries.ts.
// ---------------------------------------------------------------------------------------------

/** One row of the replays list. Times are epoch ms. */
export interface ReplaySummary {
  replayId: string;
  projectId: number;
  /** `session` (recorded from the start) or `buffer` (kept because an error happened). */
  replayType: string | null;
  startMs: number | null;
  endMs: number | null;
  durationMs: number | null;
  urls: string[];
  traceIds: string[];
  browser: string | null;
  os: string | null;
  sdk: string | null;
  user: string | null;
  environment: string | null;
  release: string | null;
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

// ---------------------------------------------------------------------------------------------
// Traces, logs and single items (`/_lookout/api/traces…`, `/logs`, `/items/:seq`). Served by
// src/core/api/trace-queries.ts, log-queries.ts and item-queries.ts.
// ---------------------------------------------------------------------------------------------

/** One row of `GET /traces`: a trace seen through its spans, newest activity first. Times are epoch ms. */
export interface TraceSummary {
  traceId: string;
  /** The project of the root span (a distributed trace may span several). */
  projectId: number;
  rootName: string | null;
  rootOp: string | null;
  startMs: number | null;
  durationMs: number | null;
  /** Spans stored for the trace, counted up to 10,001 (shown as "10,000+"). */
  spanCount: number;
  /** Error events carrying this trace id. */
  errorCount: number;
}

/** A span of `GET /traces/:id`, from a span item (v1 or v2 container) or a transaction event. */
export interface TraceSpan {
  spanId: string | null;
  parentSpanId: string | null;
  projectId: number;
  op: string | null;
  name: string | null;
  /** `ok`, `error`, or a v1 status such as `internal_error`; null when the SDK sent none. */
  status: string | null;
  startMs: number | null;
  endMs: number | null;
  /** The transaction event this span came in, when it was not a span item. */
  transactionEventId: string | null;
  /** Span data / attributes, `{value, type}` attributes flattened to their value. */
  data: Record<string, unknown>;
}

/** An error event of the trace; `spanId` is the span that was active when it was captured. */
export interface TraceError {
  eventId: string;
  issueId: number | null;
  projectId: number;
  title: string;
  level: string | null;
  timestamp: number;
  spanId: string | null;
}

/** One log record (`GET /logs`, and the logs of a trace). */
export interface LogEntry {
  id: number;
  projectId: number;
  /** Epoch ms. */
  timestamp: number;
  traceId: string | null;
  /** The span active when the log was written (`sentry.trace.parent_span_id`). */
  spanId: string | null;
  /** As the SDK sent it: `trace`, `debug`, `info`, `warn`, `error`, `fatal`. */
  level: string | null;
  body: string;
  /** Set when `body` was cut for the list; `bodyLength` is the stored length. */
  bodyTruncated?: boolean;
  bodyLength?: number;
  /** Attributes, `{value, type}` flattened to their value. */
  attributes: Record<string, unknown>;
}

/** `GET /traces/:id`: every stored span, plus the trace's error events and logs. */
export interface TraceDetail {
  traceId: string;
  projectIds: number[];
  startMs: number | null;
  endMs: number | null;
  durationMs: number | null;
  /** Ordered by start time; at most 10,000 (`spansTruncated` past that). */
  spans: TraceSpan[];
  spansTruncated: boolean;
  errors: TraceError[];
  logs: LogEntry[];
  logsTruncated: boolean;
}

/** Filters of `GET /logs`; `before` is the previous page's `nextCursor`. */
export interface LogQuery {
  project?: number;
  /** One level or a comma list; `warning` also matches `warn`. */
  level?: string;
  /** Substring of the body (case-insensitive for ASCII). */
  query?: string;
  trace?: string;
  limit?: number;
  before?: string;
}

/** `GET /items/:seq`: a stored item re-read from its raw envelope. */
export interface ItemDetail {
  item: ItemSummary;
  itemIndex: number;
  /** The item's header line as sent. */
  headers: Record<string, unknown>;
  /** Payload bytes as sent. */
  size: number;
  /** The parsed JSON payload, when it is JSON of at most 1 MiB. */
  payload?: unknown;
  /** The payload as text when it is text but not (shown as) JSON; at most 1 MiB. */
  text?: string;
  /** Why the payload is cut, or shown as text, or not shown (binary). */
  note: string | null;
}
