import { parseBundle } from '../export';
import { serializeEnvelope, type Envelope } from '../ingest/envelope';
import { prepareEnvelope } from '../pipeline/prepare-envelope';
import type { EnvelopePlan } from '../pipeline/types';
import { bundledEnvelope, importRequest } from './import-request';
import { importHeaders } from './imported-trace';
import { importTraceRecords } from './import-trace';
import type { PlanResult } from '../store/plan-writer';
import type { ReportAttachment } from '../export/report-input';
import type { ImportSummary } from '../../shared/import-summary';
import type { Symbolicator } from '../pipeline/prepare-event';
import type { DB } from '../store/db';
import type { MergedIssues } from '../../shared/api-types';
import { PERFORMANCE_GROUPING } from '../performance/detect';


/** The bundle holds nothing this Lookout can store as an event. */
export class EmptyBundleError extends Error {}

/**
 * Loads a `lookout-bundle/1` file: every raw envelope goes through the same pipeline as live
 * traffic (local source context included), so the issue is recreated with the same grouping; the
 * replay's segments follow as a replay envelope, and attachments the SDK sent in an envelope of
 * their own as an attachment envelope. An envelope whose events are all stored already is skipped
 * and counted as duplicates, and a stored attachment is not added again: a bundle imported twice
 * changes nothing.
 */
/** `storedIssue` over a store: undefined when the event is not there, null when it has no issue. */
export function storedIssueOf(db: DB): ImportDeps['storedIssue'] {
  const find = db.prepare('SELECT issue_id FROM events WHERE project_id = ? AND event_id = ? LIMIT 1').pluck();
  return (projectId, eventId) => find.get(projectId, eventId) as number | null | undefined;
}

/** `storedAttachment` over a store. */
export function storedAttachmentOf(db: DB): ImportDeps['storedAttachment'] {
  const find = db.prepare('SELECT 1 FROM attachments WHERE event_id = ? AND project_id = ? AND filename = ? AND size = ? LIMIT 1');
  return (projectId, eventId, filename, size) => find.get(eventId, projectId, filename, size) !== undefined;
}

/** `storedSegments` over a store. */
export function storedSegmentsOf(db: DB): ImportDeps['storedSegments'] {
  const find = db.prepare('SELECT segment_id FROM replay_segments WHERE replay_id = ? AND segment_id IS NOT NULL').pluck();
  return (replayId) => new Set(find.all(replayId) as number[]);
}

export interface ImportDeps {
  /** Commits a plan as ingest does. */
  commit: (plan: EnvelopePlan) => Promise<PlanResult>;
  /** The issue an event id is stored in, if it is stored (a bundle imported twice adds nothing). */
  storedIssue: (projectId: number, eventId: string) => number | null | undefined;
  /** Whether an attachment of that event, name and size is stored (one sent in its own envelope is imported once). */
  storedAttachment: (projectId: number, eventId: string, filename: string, size: number) => boolean;
  /** The logs of a trace stored already (by time and body) and whether an import stored spans of it (trace records are imported once). */
  storedTrace: (traceId: string) => { logKeys: Set<string>; spansImported: boolean };
  /** The segment ids of a replay already stored (a replay imported twice gets no segment twice). */
  storedSegments: (replayId: string) => Set<number>;
  /**
   * Live ingest's symbolication: the same local source context goes into the hash, so the
   * app's next events of the error join the imported issue.
   */
  symbolicate: Symbolicator | null;
  /**
   * Merges issues (as `PUT /issues` with `{"merge": 1}` does): a bundle is one issue, so events
   * that group apart here (an issue merged where it was exported) are made one again.
   */
  merge: (ids: number[]) => Promise<MergedIssues>;
}

export async function importBundle(buf: Buffer, deps: ImportDeps): Promise<ImportSummary> {
  const bundle = parseBundle(buf);
  const projectId = bundle.issue.projectId;
  // Marks every stored request with whether the bundle carried the trace: the imported issue's report reads it.
  const headers = importHeaders(bundle.traceRecords);
  const request = (body: Buffer, project: number) => importRequest(body, project, headers);
  const issueIds = new Set<number>();
  let sent = 0;
  let events = 0;
  // A transaction counts in one issue per problem: the bundle's issue is the one of its events' problems, known by
  // fingerprint, or by the repeating spans' ids when scrubbing changed the spans the fingerprint hashes.
  const bundledProblems = new Set(bundle.events.flatMap((e) => (e.grouping?.config === PERFORMANCE_GROUPING
    ? [...e.grouping.hashes, ...(e.performance?.offenderSpanIds ?? [])] : [])));
  for (const { raw } of [...bundle.envelopes].reverse()) {
    const plan = await prepareEnvelope(bundledEnvelope(raw), request(raw, projectId), projectId, deps.symbolicate);
    const eventIds = plan.items.flatMap((i) => (i.type === 'event' ? [i.eventId] : []));
    // Errors and transactions of a performance issue: a feedback event carried along belongs to no issue, and is no duplicate.
    sent += plan.items.filter((i) => i.type === 'event' && (i.kind === 'event' || i.performance !== undefined)).length;
    // A streamed segment's problems (span items: no event of their own, see store/segment-writer.ts).
    sent += (plan.segments ?? []).filter((segment) => segment.event).length;
    const stored = eventIds.map((id) => deps.storedIssue(projectId, id));
    if (eventIds.length > 0 && stored.every((issue) => issue !== undefined)) {
      // Already here (imported before): storing it again would only mark it re-sent by the SDK.
      for (const issue of stored) if (typeof issue === 'number') issueIds.add(issue);
      addProblemIssues(plan, bundledProblems, (id) => deps.storedIssue(projectId, id), issueIds);
      continue;
    }
    const result = await deps.commit(plan);
    events += result.issues.length;
    for (const i of result.items) if (i.issueId !== null) issueIds.add(i.issueId);
    addProblemIssues(plan, bundledProblems, (id) => deps.storedIssue(projectId, id), issueIds);
  }
  if (sent === 0) throw new EmptyBundleError(`the bundle of "${bundle.issue.title}" holds no event this Lookout can read`);
  let merged = 0;
  if (issueIds.size > 1) {
    const into = await deps.merge([...issueIds]);
    merged = into.children.length;
    issueIds.clear();
    issueIds.add(into.parent);
  }
  await importLooseAttachments(bundle.attachments, projectId, deps);
  if (bundle.traceRecords) await importTraceRecords(bundle.traceRecords, new Set(bundle.envelopes.map((e) => e.id)), deps, headers);
  let replaySegments = 0;
  const stored = bundle.replay ? deps.storedSegments(bundle.replay.replayId) : new Set<number>();
  const segments = bundle.replay?.segments.filter((s) => !stored.has(s.segmentId)) ?? [];
  if (bundle.replay && segments.length > 0) {
    const id = bundle.replay.replayId;
    const envelope: Envelope = {
      headers: { event_id: id },
      items: [
        { headers: { type: 'replay_event' },
          payload: Buffer.from(JSON.stringify({ ...bundle.replay.replayEvent, type: 'replay_event', replay_id: id, segment_id: 0 })) },
        ...segments.map((s) => ({ headers: { type: 'replay_recording' }, payload: withHeader(s.segmentId, s.data) })),
      ],
    };
    const body = Buffer.from(JSON.stringify(envelope.headers));
    await deps.commit(await prepareEnvelope(envelope, request(body, projectId), projectId, null));
    replaySegments = segments.length;
  }
  return { issueIds: [...issueIds], events, duplicates: sent - events, replaySegments, title: bundle.issue.title, merged };
}

/** The issues of a plan's transaction problems (their occurrence rows, once stored) that are the bundle's (all when it names none). */
function addProblemIssues(plan: EnvelopePlan, bundled: ReadonlySet<string>, issueOf: (eventId: string) => number | null | undefined,
  into: Set<number>): void {
  const segmentEvents = (plan.segments ?? []).flatMap((segment) => (segment.event ? [segment.event] : []));
  for (const item of [...plan.items, ...segmentEvents]) {
    if (item.type !== 'event') continue;
    for (const p of item.performance ?? []) {
      const issue = bundled.size === 0 || bundled.has(p.fingerprint) || p.offenderSpanIds.some((id) => bundled.has(id)) ? issueOf(p.eventId) : null;
      if (typeof issue === 'number') into.add(issue);
    }
  }
}

/**
 * Attachments the SDK sent in an envelope of their own, after the event (the bundle carries the
 * event's envelopes only): one attachment envelope per event, as Sentry accepts them.
 */
async function importLooseAttachments(attachments: ReportAttachment[], projectId: number, deps: ImportDeps): Promise<void> {
  const byEvent = new Map<string, ReportAttachment[]>();
  for (const a of attachments) {
    const eventId = a.info.eventId;
    if (!eventId || !a.data || deps.storedAttachment(projectId, eventId, a.info.filename, a.data.length)) continue;
    byEvent.set(eventId, [...(byEvent.get(eventId) ?? []), a]);
  }
  for (const [eventId, list] of byEvent) {
    const envelope: Envelope = {
      headers: { event_id: eventId },
      items: list.map((a) => ({
        headers: { type: 'attachment', filename: a.info.filename, content_type: a.info.contentType, attachment_type: a.info.attachmentType },
        payload: a.data ?? Buffer.alloc(0),
      })),
    };
    // The body as sent, so the stored request holds the bytes as any attachment envelope does.
    await deps.commit(await prepareEnvelope(envelope, importRequest(serializeEnvelope(envelope), projectId), projectId, null));
  }
}

/** Segments may be stored with or without their `{"segment_id":N}` line; the pipeline wants it. */
function withHeader(segmentId: number, data: Buffer): Buffer {
  if (data[0] === 0x7b) return data;
  return Buffer.concat([Buffer.from(`${JSON.stringify({ segment_id: segmentId })}\n`), data]);
}
