import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplayRecording } from '../../shared/api-types';
import { post, startTestLookout, type TestLookout } from '../../../test/helpers/lookout';
import { parseEnvelope, serializeEnvelope } from '../ingest/envelope';
import { encodeBody, fixtureBytes, recordingPayload } from '../replay/test-fixtures';
import { FEEDBACK_NOT_RECEIVED } from './replay-feedback-markers';

/** The real @sentry/browser replay envelope (segment 0), plus a segment 1 with two feedback breadcrumbs. */
const BROWSER = parseEnvelope(fixtureBytes('browser-replay-envelope.bin'));
const REPLAY_ID = String(BROWSER.headers.event_id);
const SENT = 'b'.repeat(32);
const LOST = 'c'.repeat(32);
const T = 1_795_378_790_000;

/** The breadcrumb @sentry/browser's replay integration records when a feedback is sent (it names only the event id). */
const feedbackCrumb = (ms: number, feedbackId: string) =>
  ({ type: 5, timestamp: ms, data: { tag: 'breadcrumb', payload: { timestamp: ms / 1000, type: 'default', category: 'sentry.feedback', data: { feedbackId } } } });

function segmentOne(): Buffer {
  const items = BROWSER.items.map((item) => {
    if (item.headers.type === 'replay_recording') {
      return { headers: item.headers, payload: recordingPayload(1, encodeBody([feedbackCrumb(T, SENT), feedbackCrumb(T + 3000, LOST)], 'zlib')) };
    }
    const event = JSON.parse(item.payload.toString('utf8')) as Record<string, unknown>;
    return { headers: item.headers, payload: Buffer.from(JSON.stringify({ ...event, segment_id: 1 })) };
  });
  return serializeEnvelope({ headers: BROWSER.headers, items });
}

function feedbackEnvelope(): Buffer {
  // The SDK writes event ids without dashes; a UUID with dashes is read the same.
  const dashed = `${SENT.slice(0, 8)}-${SENT.slice(8, 12)}-${SENT.slice(12, 16)}-${SENT.slice(16, 20)}-${SENT.slice(20)}`;
  const event = { event_id: dashed, timestamp: T / 1000, platform: 'javascript', type: 'feedback',
    contexts: { feedback: { message: 'Checkout <b>froze</b>', name: 'Dana', replay_id: REPLAY_ID } } };
  return serializeEnvelope({ headers: { event_id: dashed }, items: [{ headers: { type: 'feedback' }, payload: Buffer.from(JSON.stringify(event)) }] });
}

describe('feedback markers in the replay API', () => {
  let lookout: TestLookout;
  beforeAll(async () => {
    lookout = await startTestLookout();
    for (const body of [serializeEnvelope(BROWSER), segmentOne(), feedbackEnvelope()]) {
      const res = await post(`${lookout.url}/api/1/envelope/?sentry_key=lookout`, body, { 'content-type': 'application/x-sentry-envelope' });
      expect(res.status).toBe(200);
    }
  });
  afterAll(() => lookout.stopAndClean());

  it('labels a feedback breadcrumb with the stored feedback\'s message and row, and says when it never arrived', async () => {
    const recording = await lookout.api<ReplayRecording>(`replays/${REPLAY_ID}/recording`);
    const feedback = recording.markers.filter((m) => m.kind === 'feedback');
    const rows = await lookout.api<{ items: { id: number; message: string | null }[] }>('feedback');
    const stored = rows.items.find((f) => f.message === 'Checkout <b>froze</b>');
    expect(stored).toBeDefined();
    expect(feedback).toEqual([
      { timestamp: T, kind: 'feedback', label: 'Checkout <b>froze</b>', feedbackEventId: SENT, feedbackId: stored?.id },
      { timestamp: T + 3000, kind: 'feedback', label: FEEDBACK_NOT_RECEIVED, feedbackEventId: LOST, feedbackId: null },
    ]);
    // The console and network tabs come with the recording too.
    expect(recording.console?.map((c) => c.message)).toEqual(['Replay fixture: paying']);
    expect(recording.network?.some((n) => n.op === 'resource.fetch' && n.method === 'POST')).toBe(true);
  });
});
