import type { ItemKind } from '../../shared/api-types';
import type { EventTitle } from '../grouping';
import type { ReplaySegmentInfo } from '../../shared/api-replay';
import type { Codec } from '../store/codec';
import type { FrustrationCounts } from '../replay/frustration';
import type { FeedbackFields } from './feedback-fields';
import type { ClientReportOutcomes } from './client-outcomes';
import type { TelemetryNaming } from './telemetry-naming';

/** What the HTTP layer knows about one request that reached an ingest route. */
export interface RequestRecord {
  received: number;
  route: string;
  method: string;
  projectId: number | null;
  client: string | null;
  sentryKey: string | null;
  headers: Record<string, string>;
  /** The body after decompression (or as far as it could be read). */
  body: Buffer;
  /** Bytes sent (or declared) for a refused body that is not kept; the stored size when `body` is empty. */
  size?: number;
  /** The client's address (IPv4-mapped IPv6 unwrapped); none for an imported bundle or an upload Lookout rebuilt. */
  remoteAddr?: string | null;
}

export interface PreparedEvent {
  type: 'event';
  itemIndex: number;
  kind: 'event' | 'transaction' | 'feedback';
  eventId: string;
  /** What the store reads from the event itself; the event stays behind (it may cross threads). */
  facts: EventFacts;
  /** The processed payload when it differs from the item as sent; null to re-read the envelope. */
  storedPayload: Buffer | null;
  timestamp: number;
  title: EventTitle;
  level: string;
  userKey: string | null;
  /** The user's identifying fields (`email:…`, the key first), for the user search; see `userFields`. */
  userFields: string[];
  traceId: string | null;
  replayId: string | null;
  tags: [string, string][];
  grouping: { config: string; hashes: string[] } | null;
  truncated: boolean;
  /** A `feedback` event's row of the `feedback` table (what the user wrote, about which event); absent for other kinds. */
  feedback?: FeedbackFields;
  /**
   * A transaction's performance problems, one per fingerprint, in detector order: each files an
   * `occurrence` row into its own issue (see occurrence.ts); the transaction's row joins none.
   */
  performance?: PerformanceOccurrence[];
}

/** One problem of a transaction as its issue takes it. */
export interface PerformanceOccurrence {
  /** Sentry's fingerprint of the problem: the occurrence row's only hash. */
  fingerprint: string;
  /** The occurrence row's `event_id` (`occurrenceEventId`). */
  eventId: string;
  /** The label (Sentry's type title, the transaction as culprit). */
  title: EventTitle;
  /** The repeating span, for the search text. */
  message: string;
  /** The repeating spans' ids: an imported bundle's problem is found by them when scrubbing changed its fingerprint. */
  offenderSpanIds: string[];
}

export interface EventFacts {
  platform: string | null;
  release: string | null;
  environment: string | null;
  /** `name/version` of the SDK. */
  sdk: string | null;
  /** The log message, for the search text. */
  message: string;
}

export interface PreparedSpan {
  traceId: string | null; spanId: string | null; parentSpanId: string | null; op: string | null;
  name: string | null; status: string | null; startMs: number | null; endMs: number | null; data: string;
}

/** A span without its data: all a block's summary needs (serialising every span's data cost the worker a seventh of its time). */
export type SpanHead = Omit<PreparedSpan, 'data'>;

/**
 * One row of `span_blocks`: the summary of one trace's spans in one item (a span item, a span
 * container, or a transaction), with what the trace list needs in columns. The spans themselves
 * are read again from envelope item `item_index` when a trace is opened. The root columns
 * describe the block's best root candidate: a span without a parent, else the earliest (ties:
 * the first sent).
 */
export type SpanBlockRow = {
  item_index: number; trace_id: string | null; transaction_event_id: string | null; span_count: number;
  /** Earliest start and latest end (a span without an end counts its start) in the block. */
  start_ms: number | null; end_ms: number | null;
  root_parentless: number; root_span_id: string | null; root_op: string | null; root_name: string | null; root_start_ms: number | null;
  /** The page a page-load or navigation root in it names, and the web vitals its spans carry as JSON (performance/web-vitals.ts); absent when neither. */
  page_name?: string; vitals?: string;
};

export interface PreparedRow {
  type: 'rows';
  itemIndex: number;
  kind: ItemKind;
  title: string;
  level: string | null;
  timestamp: number;
  eventId: string | null;
  /** Applies the rows for this item inside the envelope's transaction. */
  table: 'span_blocks' | 'logs' | 'check_ins' | 'sessions' | 'client_reports' | 'feedback' | 'other_items' | 'attachments' | 'replays';
  rows: Record<string, unknown>[];
  /** A client report's outcomes, counted into `outcome_counts` (store/outcome-counts.ts). */
  outcomes?: ClientReportOutcomes;
  /** The item's payload length, for Relay's byte categories (a log container's `log_byte`). */
  itemBytes?: number;
  /** What a log or span item says of its app (release, SDK), to name the project as events do (telemetry-naming.ts). */
  naming?: TelemetryNaming;
}

export type PreparedItem = PreparedEvent | PreparedRow;

export interface EnvelopePlan {
  request: RequestRecord;
  projectId: number;
  itemCount: number;
  items: PreparedItem[];
  /** The id answered to the SDK: the envelope's event id, or null for `{}`. */
  responseId: string | null;
  /** Span summaries of transactions, one block per trace, inserted after the items. */
  spans: SpanBlockRow[];
  replay: PreparedReplay | null;
  /** The streamed segments its span items hold spans of (see prepare-segments.ts); absent when none. */
  segments?: PreparedSegment[];
  /** The body already deflated against a dictionary the worker knew (the writer checks it is current). */
  deflatedBody?: DeflatedBody | null;
  /** A large body already compressed on the worker as the writer would store it alone. */
  packedBody?: PackedBody | null;
}

/** The spans one span item holds of one streamed segment: a `span_segments` row. */
export interface SegmentPart {
  itemIndex: number;
  traceId: string;
  /** The segment's root span id (`sentry.segment.id`). */
  segmentId: string;
  spanCount: number;
  /** Whether the root (`is_segment`) is among them. */
  hasRoot: boolean;
}

/**
 * A segment part; when it holds the root, also what its spans here make: the event its problems are
 * filed under (a transaction's fields, its `performance` problems) and that event packed, stored
 * with each problem's row (a segment has no event row of its own). Absent when nothing was found.
 */
export interface PreparedSegment extends SegmentPart {
  event?: PreparedEvent;
  payload?: { codec: Codec; data: Buffer };
}

/** A request body as `encodePayload` packs it; `data` null: stored as received (`raw`). */
export interface PackedBody { codec: Codec; data: Buffer | null }

/** A request body deflated with body dictionary `dictId` (whose bytes have CRC-32 `crc`). */
export interface DeflatedBody { dictId: number; crc: number; data: Buffer }

/** A segment as the API lists it (without the row id it does not have yet), plus its bytes. */
export interface PreparedReplaySegment extends Omit<ReplaySegmentInfo, 'id'> {
  itemIndex: number;
  /** Empty when `inEnvelope`: the bytes are then item `itemIndex` of the stored request body. */
  data: Buffer;
  inEnvelope?: boolean;
  /** Its dead and rage clicks, counted where it was decoded (absent when it did not decode, and for video segments). */
  frustration?: FrustrationCounts;
}

export interface PreparedReplay {
  replayId: string;
  info: Record<string, unknown> | null;
  segments: PreparedReplaySegment[];
}
