/**
 * What the export functions read. The lead fills a `ReportInput` from the database; every export
 * (Markdown, HTML, JSON bundle) is a pure function of it.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/
 */
import type { IssueDetail, EventDetail, AttachmentInfo, UserFeedback, UserFeedbackList } from '../../shared/api-types';
import type { ScrubRules } from '../../shared/scrub-text';
import type { TraceLogsInput } from './report-trace';
import type { TraceSummaryInput } from './report-trace-summary';
import type { ParsedTraceRecords, TraceRecordsInput } from './bundle-trace';

export interface ReportAttachment { info: AttachmentInfo; data: Buffer | null }

export interface ReportReplay {
  replayId: string;
  /** Normalized rrweb events (timestamps in ms), all segments concatenated in order. */
  events: { type: number; timestamp: number; data?: unknown }[];
  /**
   * Stored compressed bytes as sent: the `replay_recording` item payload, with or without its
   * `{"segment_id":N}\n` header line; the body is zlib, gzip or plain JSON.
   */
  segments: { segmentId: number; data: Buffer }[];
  /**
   * The replay's metadata (URLs, browser, OS, SDK, user, release, environment, type, times) as a
   * `replay_event` payload, rebuilt from what the store keeps; absent in bundles before it.
   */
  replayEvent?: Record<string, unknown> | null;
}

/** A feedback found through the replay or trace it shares with the issue's events (`viaId`). */
export type RelatedFeedback = UserFeedback & { via: 'replay' | 'trace'; viaId: string };

export interface ReportInput {
  issue: IssueDetail;
  /** Newest first; `events[0]` is the one featured in the report. */
  events: EventDetail[];
  /** envelopeId → raw decompressed envelope bytes. */
  rawEnvelopes: Map<number, Buffer>;
  attachments: ReportAttachment[];
  replay: ReportReplay | null;
  /** What users said about the issue's events, newest first (absent: none was looked up). */
  feedback?: UserFeedbackList;
  /**
   * Feedback sent in the same replay or trace as the issue's events but tied to none of them by event id
   * (the widget names its replay; the error may come later): quoted too, labelled by that tie.
   */
  relatedFeedback?: { items: RelatedFeedback[]; total: number };
  /** The logs of the featured event's trace nearest it, in time order, and how many the trace has (absent: not looked up). */
  traceLogs?: TraceLogsInput;
  /** Where the exporting Lookout answers (`http://127.0.0.1:8969`), for a link to the trace; absent: no link. */
  lookoutUrl?: string;
  /** The featured event's trace as stored (its spans, services, performance issues), for the report's trace summary. */
  traceSummary?: TraceSummaryInput;
  /** The featured event's trace records (its logs the report quotes, its span envelopes) for the bundle (absent: not looked up). */
  traceRecords?: TraceRecordsInput;
  /** The issue's project as Lookout names it (absent: not looked up). */
  project?: { name: string; platform: string | null };
  generatedAt: number;
  lookoutVersion: string;
}

export { DEFAULT_SCRUB_RULES, type ScrubRules } from '../../shared/scrub-text';

/** One replaced spot: `path` is the JSON path of the value (`extra.password`, `breadcrumbs.values[0].message`). */
export interface ScrubHit { path: string; rule: keyof ScrubRules }

/** What `parseBundle` gives back: enough to re-import the issue. */
export interface ParsedBundle {
  issue: IssueDetail;
  events: EventDetail[];
  envelopes: { id: number; raw: Buffer }[];
  attachments: ReportAttachment[];
  replay: ReportReplay | null;
  /** The featured event's trace records; undefined in a bundle written before they were carried (the report says they are not in it). */
  traceRecords: ParsedTraceRecords | null | undefined;
}
