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
import { nativeView, type NativeView } from './report-native';
import { unmappedNote, type UnmappedNote } from './report-unmapped';
import { stepViews, type ReportMoment, type StepView } from './report-steps';
import { feedbackViews, type FeedbackView } from './report-feedback';
import { performanceView, type PerformanceView } from './report-performance';
import { scrubIssueWith, scrubValueWith, type ScrubContext } from './scrub';
import { attachmentViews, type AttachmentView } from './report-attachments';
import { replayView, type ReplayView } from './report-replay';
import { statusView, type StatusView } from './report-status';
import { traceView, type TraceView } from './report-trace';
import { revealFormatChars } from '../../shared/format-chars';
import { platformOfSdk } from '../../shared/sdk-platform';

export type { AttachmentView } from './report-attachments';
export type { ReplayView, ReplayStepView } from './report-replay';
export { imageMime } from './report-attachments';

export interface ReportModel {
  title: string;
  culprit: string | null;
  level: string;
  summary: {
    events: number; users: number; firstSeen: number; lastSeen: number; release: string | null; environment: string | null;
    /** Distinct titles among the issue's events when more than one (an issue that mixes errors). */
    distinctMessages?: number;
    /** The project's name, and the platform the featured event came from (else the project's) when known. */
    project: { name: string; platform: string | null } | null;
    /** Some event was not handled by the app (Sentry's "Unhandled"). */
    unhandled: boolean;
  };
  /** The issue's triage state and its first and last release. */
  status: StatusView;
  /** The featured event's trace: its id, its link in Lookout and its logs around the event. */
  trace: TraceView | null;
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
  /** Why frames were left minified, and the debug ids, release and dist to map them with; null when all were mapped. */
  unmapped: UnmappedNote | null;
  /** A native crash's crashed thread, signal, registers and binary images; null for other events. */
  native: NativeView | null;
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
    // One line: a bidi override would draw the rest of the title backwards (format-chars.ts).
    title: revealFormatChars(issue.title || event?.title || 'Untitled issue'),
    culprit: issue.culprit ?? event?.culprit ?? null,
    level: issue.level,
    summary: {
      events: issue.count, users: issue.users, ...(issue.titles ? { distinctMessages: issue.titles.distinct } : {}),
      firstSeen: toMillis(issue.firstSeen) ?? 0, lastSeen: toMillis(issue.lastSeen) ?? 0,
      release: asStr(payload.release) ?? event?.release ?? issue.lastRelease,
      environment: asStr(payload.environment) ?? event?.environment ?? issue.environments[0] ?? null,
      unhandled: issue.unhandled === true,
      project: input.project ? { name: input.project.name, platform: eventPlatform(payload) ?? input.project.platform } : null,
    },
    status: statusView(issue),
    trace: traceView(payload, event?.traceId ?? null, input.traceLogs, input.lookoutUrl, errorMs, ctx, input.traceSummary),
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
    unmapped: unmappedNote(payload),
    native: nativeView(payload),
    environment: environmentRows(payload),
    request: requestView(payload),
    tags: tagRows(payload),
    user: userRows(payload),
    extra: extraText(payload),
    contexts: contextSections(payload),
    attachments: attachmentViews(input, event?.eventId ?? null, ctx),
    replay: replayView(input, payload, event, errorMs, ctx, issue.title || event?.title || 'Error'),
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

/**
 * The platform the event came from: its own `platform`, else its SDK's. A project's platform is only what it was
 * created as (a Node service may send to a project made for Python), so the event's wins.
 */
function eventPlatform(payload: Obj): string | null {
  const own = asStr(payload.platform);
  return own && own !== 'other' ? own : platformOfSdk(asStr(asObj(payload.sdk)?.name));
}
