/**
 * The read API's JSON shapes (`/_lookout/api/...`) and the SSE stream messages. One contract for
 * the headless HTTP client and the desktop app: every view goes through `LookoutClient`.
 */
import type { PerformanceEvidence } from './api-performance';
import type { SentryEvent } from './sentry';
import type { DailyCounts, TrendPeriod } from './api-issue-history';
import type { FeedbackChange } from './api-feedback';
import type { GroupingMatch, IssueTitles } from './api-issue-variety';

export type ItemKind =
  | 'event' | 'transaction' | 'span' | 'attachment' | 'log' | 'session' | 'sessions'
  | 'check_in' | 'client_report' | 'feedback' | 'user_report' | 'replay_event'
  | 'replay_recording' | 'replay_video' | 'profile' | 'profile_chunk' | 'trace_metric' | 'other';

export type IssueStatus = 'unresolved' | 'resolved' | 'resolved_next_release' | 'ignored';

/**
 * Where a project's name came from: `placeholder` (`project-N`, its events have said nothing yet),
 * `platform` (the app's platform), `release` (the package part of a `package@version` release),
 * `user` (renamed in Lookout; events never change it).
 */
export type ProjectNameSource = 'placeholder' | 'platform' | 'release' | 'user';

export interface Project {
  id: number;
  name: string;
  nameFrom: ProjectNameSource;
  /** The app's platform as Sentry names them (`javascript`, `node`, `python`, `go`…), from its first events. */
  platform: string | null;
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
  /** A check-in's monitor (`monitor_slug`, `environment`), for a link to its page. */
  monitor?: { slug: string; environment: string | null };
  /** A span item's segment: its root span's name and op, the spans' extent, trace and count. */
  segment?: { name: string | null; op: string | null; durationMs: number | null; traceId: string | null; spanCount: number };
}

export interface EventSummary {
  eventId: string;
  projectId: number;
  issueId: number | null;
  /** `cron`: a failing monitor's failed check-in (its issue's event, src/core/crons). */
  kind: 'event' | 'transaction' | 'feedback' | 'cron';
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
  grouping: { config: string; hashes: string[]; variants: GroupingVariantInfo[]; match?: GroupingMatch } | null;
  /** Neighbours inside the same issue, for oldest / previous / next / latest navigation. */
  nav: { oldest: string | null; previous: string | null; next: string | null; latest: string | null } | null;
  /** Set when the event was over 1 MiB or nested too deep and Lookout stored it cut down. */
  truncated: boolean;
  /**
   * A source map now resolves frames that were stored unresolved (it appeared after ingest):
   * `payload` shows them resolved, but the issue was grouped on the old frames.
   */
  resymbolicated?: boolean;
  /** A transaction in a performance issue: the problem found in it, recomputed from its spans. */
  performance?: PerformanceEvidence;
  /** A transaction's own page: each performance issue filed from it, with the problem's evidence. */
  problems?: TransactionProblem[];
  /** Set when the event names a replay: whether Lookout holds it (the page then asks for it, else says "not captured"). */
  replayStored?: boolean;
}

/** A performance issue a transaction was filed in (its `occurrence` row), as the transaction's page lists it. */
export interface TransactionProblem {
  issueId: number;
  /** The problem's own event id (the issue's event URL). */
  eventId: string;
  title: string;
  status: string;
  /** Recomputed from the transaction's spans; null when today's detectors no longer find it. */
  evidence: PerformanceEvidence | null;
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
  /** Some event of the issue was not handled by the app (`handled:no`, a crash), as Sentry's "Unhandled" badge says. */
  unhandled?: boolean;
  /** `performance` for an issue Lookout's performance detectors made (N+1 queries, N+1 API calls), `cron` for a failing monitor's, as Sentry's `issueCategory`. */
  issueCategory?: 'performance' | 'cron';
  /** Sentry's group type slug of a performance issue (`performance_n_plus_one_db_queries`, `performance_n_plus_one_api_calls`). */
  issueType?: string;
  /** The error's value when the title does not hold it (`<unknown>` over "Segfault"), shown under it as in Sentry's list. */
  subtitle?: string;
  firstSeen: number;
  lastSeen: number;
  count: number;
  users: number;
  firstRelease: string | null;
  lastRelease: string | null;
  environments: string[];
  /** Event counts per hour for the last 24 hours, oldest first (24 numbers). */
  sparkline: number[];
  /** Event counts per UTC day for the last 14 days, when the list was asked for `trend=14d`. */
  dailyTrend?: DailyCounts;
  latestEventId: string | null;
  /**
   * "Resolved in the next release": the release the fix shipped in, the project's first newer release
   * seen since (Sentry's `statusDetails.inRelease` once its pending resolution turned `in_release`);
   * null while none has been seen. A list item carries it for a `resolved_next_release` issue only;
   * the detail has it null for another status. Absent in bundles from before.
   * @see https://github.com/getsentry/sentry/blob/master/src/sentry/tasks/clear_expired_resolutions.py
   */
  resolvedInRelease?: string | null;
  /** "Resolved in the next release": the release that was the latest when it was resolved (null: none had one); as `resolvedInRelease`, on list items of that status only. */
  resolvedAfterRelease?: string | null;
}

export interface TagValueCount { value: string; count: number; percent: number }
export interface TagDistribution { key: string; total: number; values: TagValueCount[] }

export interface IssueDetail extends IssueSummary {
  ignoreUntilCount: number | null;
  tags: TagDistribution[];
  /**
   * Events of the issue still stored (retention deletes the oldest; `count` keeps them all),
   * counted up to {@link STORED_EVENTS_COUNTED}.
   */
  storedEvents?: number;
  /** The titles of its events, when they are not all the same (an issue that mixes errors). */
  titles?: IssueTitles;
}

/** How far `IssueDetail.storedEvents` is counted: enough to tell a pruned issue, cheap at any size. */
export const STORED_EVENTS_COUNTED = 100_000;

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next (older) page, or null at the end. */
  nextCursor: string | null;
  total?: number;
  /** What the server could not do of the query as asked (e.g. a Sentry search key it does not support). */
  notes?: string[];
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
  /** The trend column's period: `14d` adds each row's `dailyTrend` (the hourly `sparkline` is always there). */
  trend?: TrendPeriod;
  limit?: number;
  cursor?: string;
}

/** Messages on `GET /_lookout/api/stream` (SSE `event:` name = `type`). */
export type StreamMessage =
  | { type: 'item'; item: ItemSummary }
  | { type: 'issue'; change: 'created' | 'updated' | 'regressed'; issue: IssueSummary }
  | { type: 'rejected'; envelope: EnvelopeRecord }
  /** Issues deleted from the UI (or by another window): they and their events are gone. */
  | { type: 'issues_deleted'; ids: number[] }
  /** Issues merged into `parent` (here or in another window): their rows go, their links open `parent`. */
  | { type: 'issues_merged'; parent: number; children: number[] }
  /** Everything stored was deleted (Settings → Delete all data): views start over. */
  | { type: 'data_deleted' }
  /** A project was renamed (here or in another window). */
  | { type: 'project'; project: Project }
  /** A project and everything stored for it were deleted (here or in another window): views start over. */
  | { type: 'project_deleted'; projectId: number }
  /** Feedbacks marked read or unread, resolved, spam or moved back to the Inbox, or `deleted` (here or in another window). */
  | { type: 'feedback'; ids: number[]; change: FeedbackChange; deleted?: boolean }
  /** Sent on reconnect to a client that was away when data was deleted: it reads everything again. */
  | { type: 'resync' };

/** What `DELETE /data` answers: what was stored and is gone. */
export interface DeletedData extends DeletedIssues {
  /** Requests stored as sent (every item: errors, spans, logs, replays, attachments…). */
  envelopes: number;
}

/** What merging issues answers: the issue they joined, the merged ones (now gone), the events moved. */
export interface MergedIssues {
  parent: number;
  children: number[];
  events: number;
}

/** What `DELETE /issues/:id` and `DELETE /issues?id=…` answer. */
export interface DeletedIssues {
  /** Issues that existed and are gone. */
  issues: number;
  /** Their events that were still stored. */
  events: number;
}

/** What `DELETE /projects/:id` answers: the project's issues and events, and its other stored requests. */
export interface DeletedProject extends DeletedIssues {
  /** Requests that carried no issue's event (traces, logs, replays, sessions…). */
  envelopes: number;
}

export type * from './api-settings';
export type * from './api-source';
export type * from './api-issue-variety';
export type * from './api-replay';
export type * from './api-telemetry';
export type * from './api-feedback';
export type * from './api-crons';
export type * from './api-issue-relations';
export type * from './api-issue-bulk';
