/**
 * One scrubbed, display-ready view of a report, built once from a `ReportInput` and rendered by
 * both the Markdown and the HTML writer, so the two always show the same content.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/
 */
import { stripAnsi } from '../../shared/ansi';
import type { EventDetail, IssueDetail } from '../../shared/api-types';
import type { ReportInput } from './report-input';
import { asObj, asStr, toMillis, type Obj } from './format';
import { contextSections, environmentRows, extraText, requestView, tagRows, userRows, type RequestView, type Row } from './report-context';
import { exceptionViews, threadStack, type ExceptionView, type FrameView } from './report-stack';
import { stepViews, type ReportMoment, type StepView } from './report-steps';
import { feedbackViews, type FeedbackView } from './report-feedback';
import { performanceView, type PerformanceView } from './report-performance';
import { scrubIssueWith, scrubTextWith, scrubValueWith, type ScrubContext } from './scrub';

export interface AttachmentView {
  filename: string;
  contentType: string;
  size: number;
  truncated: boolean;
  /** MIME type read from the bytes themselves, for raster images only (never SVG). */
  imageMime: string | null;
  data: Buffer | null;
}

export interface ReplayView {
  replayId: string;
  /** False when the event names a replay that is not part of this export. */
  available: boolean;
  eventCount: number;
  durationMs: number;
  /** Error time relative to the first replay event (of the event the replay was recorded with). */
  errorOffsetMs: number | null;
  /** Set when the replay is an earlier event's of this issue, not the featured event's: that event's id. */
  otherEventId?: string;
}

export interface ReportModel {
  title: string;
  culprit: string | null;
  level: string;
  summary: {
    events: number; users: number; firstSeen: number; lastSeen: number; release: string | null; environment: string | null;
    /** The project's name, and its platform when known. */
    project: { name: string; platform: string | null } | null;
    /** Some event was not handled by the app (Sentry's "Unhandled"). */
    unhandled: boolean;
  };
  eventId: string | null;
  /** The featured event was stored cut down (over 1 MiB or nested too deep). */
  eventTruncated: boolean;
  /** "What the user said": feedback about the issue's events, newest first, and how many there are in all. */
  feedback: { items: FeedbackView[]; total: number };
  /** The time of the error, or of a performance issue's transaction end: what step and replay times count from. */
  errorMs: number | null;
  moment: ReportMoment;
  /** A performance issue's evidence, from its featured transaction. */
  performance: PerformanceView | null;
  message: string | null;
  steps: StepView[];
  stepsTotal: number;
  exceptions: ExceptionView[];
  stack: { frames: FrameView[]; omittedFrames: number } | null;
  environment: [string, string | null][];
  request: RequestView | null;
  tags: Row[];
  user: Row[];
  extra: string | null;
  /** Other contexts of the event (`setContext`), name and indented JSON. */
  contexts: [name: string, json: string][];
  attachments: AttachmentView[];
  replay: ReplayView | null;
  generatedAt: number;
  lookoutVersion: string;
}

export const TRUNCATED_NOTE = 'This event was over 1 MiB or nested too deep, so Lookout stored it cut down.';

export function buildReportModel(input: ReportInput, ctx: ScrubContext | null): ReportModel {
  const issue: IssueDetail = ctx ? scrubIssueWith(input.issue, ctx) : input.issue;
  const first = input.events[0];
  const event: EventDetail | undefined = first && ctx ? scrubValueWith(first, ctx, 'event') : first;
  const payload: Obj = asObj(event?.payload) ?? {};
  const errorMs = toMillis(payload.timestamp) ?? (event ? toMillis(event.timestamp) : null);
  const { steps, total } = stepViews(payload, errorMs);
  const exceptions = exceptionViews(payload);
  return {
    title: issue.title || event?.title || 'Untitled issue',
    culprit: issue.culprit ?? event?.culprit ?? null,
    level: issue.level,
    summary: {
      events: issue.count, users: issue.users,
      firstSeen: toMillis(issue.firstSeen) ?? 0, lastSeen: toMillis(issue.lastSeen) ?? 0,
      release: asStr(payload.release) ?? event?.release ?? issue.lastRelease,
      environment: asStr(payload.environment) ?? event?.environment ?? issue.environments[0] ?? null,
      unhandled: issue.unhandled === true,
      project: input.project ?? null,
    },
    eventId: event?.eventId ?? null,
    eventTruncated: event?.truncated === true,
    feedback: feedbackViews(input.feedback, ctx, input.relatedFeedback),
    errorMs,
    moment: issue.issueCategory === 'performance' || event?.kind === 'transaction' ? 'transaction' : 'error',
    performance: performanceView(event?.performance),
    message: messageOf(payload),
    steps,
    stepsTotal: total,
    exceptions,
    stack: exceptions.length === 0 ? threadStack(payload) : null,
    environment: environmentRows(payload),
    request: requestView(payload),
    tags: tagRows(payload),
    user: userRows(payload),
    extra: extraText(payload),
    contexts: contextSections(payload),
    attachments: attachmentViews(input, event?.eventId ?? null, ctx),
    replay: replayView(input, payload, event, errorMs),
    generatedAt: input.generatedAt,
    lookoutVersion: input.lookoutVersion,
  };
}

/** `logentry.formatted`, else its template, else a legacy string `message`. */
function messageOf(payload: Obj): string | null {
  const entry = asObj(payload.logentry) ?? asObj(payload.message);
  const text = asStr(entry?.formatted) ?? asStr(entry?.message) ?? asStr(payload.message);
  // A report is plain text: terminal colours (a console message, a dev server's output) are dropped.
  return text === null || text === '' ? null : stripAnsi(text);
}

/** Attachments of the featured event and those tied to no event. */
function attachmentViews(input: ReportInput, eventId: string | null, ctx: ScrubContext | null): AttachmentView[] {
  return input.attachments
    .filter((a) => a.info.eventId === null || a.info.eventId === eventId)
    .map((a, i) => ({
      filename: ctx ? scrubTextWith(a.info.filename, ctx, `attachments[${i}].filename`) : a.info.filename,
      contentType: a.info.contentType,
      size: a.info.size,
      truncated: a.info.truncated,
      imageMime: a.data ? imageMime(a.data) : null,
      data: a.data,
    }));
}

/** Raster image types recognised by their magic bytes; the declared content type is not trusted. */
export function imageMime(data: Buffer): string | null {
  if (data.length >= 8 && data.readUInt32BE(0) === 0x89504e47) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 6 && data.toString('latin1', 0, 4) === 'GIF8') return 'image/gif';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

function replayView(input: ReportInput, payload: Obj, event: EventDetail | undefined, errorMs: number | null): ReplayView | null {
  const replay = input.replay;
  if (replay) {
    const times = replay.events.map((e) => e.timestamp).filter((t) => typeof t === 'number' && Number.isFinite(t));
    const start = times.length ? times.reduce((a, b) => Math.min(a, b)) : null;
    const end = times.length ? times.reduce((a, b) => Math.max(a, b)) : null;
    // The featured event may have no replay while an older one of the issue has: its error is the one in the recording.
    const recordedWith = event?.replayId === replay.replayId ? event : input.events.find((e) => e.replayId === replay.replayId);
    const other = recordedWith && recordedWith !== event ? recordedWith : undefined;
    const at = other ? toMillis(other.timestamp) : errorMs;
    return {
      replayId: replay.replayId, available: true, eventCount: replay.events.length,
      durationMs: start === null || end === null ? 0 : end - start,
      errorOffsetMs: start === null || at === null ? null : at - start,
      ...(other ? { otherEventId: other.eventId } : {}),
    };
  }
  const id = asStr(asObj(asObj(payload.contexts)?.replay)?.replay_id) ?? event?.replayId ?? null;
  return id ? { replayId: id, available: false, eventCount: 0, durationMs: 0, errorOffsetMs: null } : null;
}
