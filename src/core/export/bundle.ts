/**
 * The re-importable JSON bundle (`lookout-bundle/1`, described in docs/bundle-format.md): the issue, its
 * latest events with their raw envelopes, their attachments, the replay and the featured event's trace records. Binary parts are base64. Scrubbing covers every
 * part, envelopes and recordings included.
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/
 */
import { feedbackViews } from './report-feedback';
import { bundleTraceSummary } from './report-trace-summary';
import type { EventDetail } from '../../shared/api-types';
import type { ReportInput, ScrubHit, ScrubRules } from './report-input';
import { BUNDLE_ABOUT, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION } from './bundle-parse';
import { bundleTraceRecords } from './bundle-trace';
import { makeScrubContext, recordingContext, scrubIssueWith, scrubValueWith, type ScrubContext } from './scrub';
import { exportEnvelope, scrubAttachmentData, scrubRecording } from './scrub-binary';

export const DEFAULT_BUNDLE_EVENTS = 10;

export interface BundleOptions {
  scrub: ScrubRules | null;
  includeReplay: boolean;
  /** How many of the newest events to include (default 10). */
  maxEvents?: number;
}

/** Builds the bundle file. Parts that could not be scrubbed are left out and listed in `notes`. */
export function buildBundle(input: ReportInput, opts: BundleOptions): Buffer {
  const ctx = opts.scrub ? makeScrubContext(opts.scrub) : null;
  const max = Math.max(1, Math.floor(opts.maxEvents ?? DEFAULT_BUNDLE_EVENTS));
  const events = input.events.slice(0, max);
  const notes: string[] = [];
  const bundle = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    about: BUNDLE_ABOUT,
    generatedAt: input.generatedAt,
    lookoutVersion: input.lookoutVersion,
    scrubRules: opts.scrub,
    replayIncluded: opts.includeReplay && input.replay !== null,
    /** The project as named where it was exported (an import files the issue under its id). */
    project: input.project ?? null,
    issue: ctx ? scrubIssueWith(input.issue, ctx) : input.issue,
    events: events.map((e, i) => (ctx ? scrubValueWith(e, ctx, `events[${i}]`) : e)),
    envelopes: bundleEnvelopes(input, events, ctx, opts.includeReplay, notes),
    attachments: bundleAttachments(input, events, ctx, notes),
    replay: opts.includeReplay ? bundleReplay(input, ctx, notes) : null,
    /** What users said, as the reports quote it (`via`: about an event, or the same replay or trace); the envelopes carry it for import. */
    feedback: feedbackViews(input.feedback, ctx, input.relatedFeedback).items,
    /** The newest event's trace as the reports summarise it (its path, services, slowest spans, performance issues); not imported. */
    trace: bundleTraceSummary(input, ctx),
    /** That trace's logs the reports quote and its transaction/span envelopes, imported so the recipient's report is the same. */
    traceRecords: input.traceRecords ? bundleTraceRecords(input.traceRecords, ctx, opts.includeReplay, notes) : null,
    notes,
  };
  return Buffer.from(JSON.stringify(bundle));
}

/** Envelopes of the kept events, plus envelopes no event points at (replay, attachment-only). */
function bundleEnvelopes(input: ReportInput, kept: EventDetail[], ctx: ScrubContext | null, includeReplay: boolean, notes: string[]) {
  const keptIds = new Set(kept.map((e) => e.envelopeId));
  const anyEventIds = new Set(input.events.map((e) => e.envelopeId));
  const out: { id: number; data: string }[] = [];
  for (const [id, raw] of [...input.rawEnvelopes].sort((a, b) => a[0] - b[0])) {
    if (!keptIds.has(id) && anyEventIds.has(id)) continue;
    const result = exportEnvelope(raw, ctx, includeReplay, `envelopes[${id}]`);
    if ('data' in result) out.push({ id, data: result.data.toString('base64') });
    else notes.push(`envelope ${id} left out: ${result.omitted}`);
  }
  return out;
}

/**
 * Attachments as they go into the bundle: the same bytes unless scrubbing filtered something, and then
 * `scrubbed` (with a note) says how many spots and the size the SDK sent, so a changed size is explained.
 */
function bundleAttachments(input: ReportInput, kept: EventDetail[], ctx: ScrubContext | null, notes: string[]) {
  const keptEvents = new Set(kept.map((e) => e.eventId));
  const issueEvents = new Set(input.events.map((e) => e.eventId));
  // Besides the kept events': those of no event and of the quoted feedback (its screenshot), which are no event of the issue.
  return input.attachments
    .filter((a) => a.info.eventId === null || keptEvents.has(a.info.eventId) || !issueEvents.has(a.info.eventId))
    .map((a, i) => {
      const path = `attachments[${i}]`;
      if (!ctx || !a.data) return { info: ctx ? scrubValueWith(a.info, ctx, `${path}.info`) : a.info, data: a.data ? a.data.toString('base64') : null };
      const hits: ScrubHit[] = [];
      const data = scrubAttachmentData(a.data, a.info.contentType, { ...ctx, hits }, `${path}.data`);
      ctx.hits?.push(...hits);
      const info = scrubValueWith(a.info, ctx, `${path}.info`);
      if (hits.length === 0) return { info, data: data.toString('base64') };
      notes.push(`attachment ${info.filename}: scrubbing filtered ${hits.length} value${hits.length === 1 ? '' : 's'} in it `
        + `(${a.data.length} B as sent, ${data.length} B in this bundle)`);
      return { info: { ...info, size: data.length }, data: data.toString('base64'), scrubbed: { spots: hits.length, originalSize: a.data.length } };
    });
}

function bundleReplay(input: ReportInput, ctx: ScrubContext | null, notes: string[]) {
  const replay = input.replay;
  if (!replay) return null;
  const segments: { segmentId: number; data: string }[] = [];
  for (const seg of replay.segments) {
    const data = ctx ? scrubRecording(seg.data, ctx, `replay.segments[${seg.segmentId}]`) : seg.data;
    if (data) segments.push({ segmentId: seg.segmentId, data: data.toString('base64') });
    else notes.push(`replay segment ${seg.segmentId} left out: its recording could not be decoded, so it could not be scrubbed`);
  }
  const events = ctx ? scrubValueWith(replay.events, recordingContext(ctx), 'replay.events') : replay.events;
  const replayEvent = replay.replayEvent && ctx ? scrubValueWith(replay.replayEvent, ctx, 'replay.replayEvent') : replay.replayEvent ?? null;
  return { replayId: replay.replayId, events, segments, ...(replayEvent ? { replayEvent } : {}) };
}
