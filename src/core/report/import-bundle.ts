import { parseBundle } from '../export';
import { parseEnvelope, type Envelope } from '../ingest/envelope';
import { prepareEnvelope } from '../pipeline/prepare-envelope';
import type { EnvelopePlan, RequestRecord } from '../pipeline/types';
import type { PlanResult } from '../store/plan-writer';

export interface ImportSummary { issueIds: number[]; events: number; replaySegments: number; title: string }

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
  let events = 0;
  for (const { raw } of [...bundle.envelopes].reverse()) {
    const plan = await prepareEnvelope(parseEnvelope(raw), request(raw, projectId), projectId, null);
    const result = await commit(plan);
    events += plan.items.filter((i) => i.type === 'event').length;
    for (const i of result.items) if (i.issueId !== null) issueIds.add(i.issueId);
  }
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
  return { issueIds: [...issueIds], events, replaySegments, title: bundle.issue.title };
}

/** Segments may be stored with or without their `{"segment_id":N}` line; the pipeline wants it. */
function withHeader(segmentId: number, data: Buffer): Buffer {
  if (data[0] === 0x7b) return data;
  return Buffer.concat([Buffer.from(`${JSON.stringify({ segment_id: segmentId })}\n`), data]);
}
