import { parseBundle } from '../export';
import { parseEnvelope, type Envelope } from '../ingest/envelope';
import { requestToEnvelope } from '../ingest/request-envelope';
import { prepareEnvelope } from '../pipeline/prepare-envelope';
import type { EnvelopePlan, RequestRecord } from '../pipeline/types';
import type { PlanResult } from '../store/plan-writer';
import type { ImportSummary } from '../../shared/import-summary';


/** The bundle holds nothing this Lookout can store as an event. */
export class EmptyBundleError extends Error {}

function request(body: Buffer, projectId: number): RequestRecord {
  return { received: Date.now(), route: 'import bundle', method: 'IMPORT', projectId, client: 'lookout import', sentryKey: null, headers: {}, body };
}

/**
 * Loads a `lookout-bundle/1` file: every raw envelope goes through the same pipeline as live
 * traffic, so the issue is recreated with the same grouping; the replay's segments follow as a
 * replay envelope. Events already present are counted as duplicates, not stored twice.
 */
export async function importBundle(buf: Buffer, commit: (plan: EnvelopePlan) => Promise<PlanResult>): Promise<ImportSummary> {
  const bundle = parseBundle(buf);
  const projectId = bundle.issue.projectId;
  const issueIds = new Set<number>();
  let sent = 0;
  let events = 0;
  for (const { raw } of [...bundle.envelopes].reverse()) {
    const plan = await prepareEnvelope(bundledEnvelope(raw), request(raw, projectId), projectId, null);
    const result = await commit(plan);
    sent += plan.items.filter((i) => i.type === 'event').length;
    events += result.issues.length;
    for (const i of result.items) if (i.issueId !== null) issueIds.add(i.issueId);
  }
  if (sent === 0) throw new EmptyBundleError(`the bundle of "${bundle.issue.title}" holds no event this Lookout can read`);
  let replaySegments = 0;
  if (bundle.replay) {
    const id = bundle.replay.replayId;
    const envelope: Envelope = {
      headers: { event_id: id },
      items: [
        { headers: { type: 'replay_event' }, payload: Buffer.from(JSON.stringify({ type: 'replay_event', replay_id: id, segment_id: 0 })) },
        ...bundle.replay.segments.map((s) => ({ headers: { type: 'replay_recording' }, payload: withHeader(s.segmentId, s.data) })),
      ],
    };
    const body = Buffer.from(JSON.stringify(envelope.headers));
    await commit(await prepareEnvelope(envelope, request(body, projectId), projectId, null));
    replaySegments = bundle.replay.segments.length;
  }
  return { issueIds: [...issueIds], events, duplicates: sent - events, replaySegments, title: bundle.issue.title };
}

/**
 * A bundle's envelope. Bundles written before Lookout turned store-endpoint bodies into
 * envelopes on export hold the event JSON itself: it parses as an envelope header without
 * items, and is read as the store endpoint reads it.
 */
function bundledEnvelope(raw: Buffer): Envelope {
  let envelope: Envelope | null = null;
  let failure: unknown = null;
  try { envelope = parseEnvelope(raw); } catch (err) { failure = err; }
  if (envelope && envelope.items.length > 0) return envelope;
  try {
    return requestToEnvelope('store', raw, 'application/json', Date.now());
  } catch {
    if (envelope) return envelope;
    throw failure;
  }
}

/** Segments may be stored with or without their `{"segment_id":N}` line; the pipeline wants it. */
function withHeader(segmentId: number, data: Buffer): Buffer {
  if (data[0] === 0x7b) return data;
  return Buffer.concat([Buffer.from(`${JSON.stringify({ segment_id: segmentId })}\n`), data]);
}
