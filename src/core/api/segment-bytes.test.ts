import { afterEach, describe, expect, it } from 'vitest';
import type { ReplayRecording } from '../../shared/api-types';
import { post, startTestLookout, type TestLookout } from '../../../test/helpers/lookout';
import { parseEnvelope, serializeEnvelope } from '../ingest/envelope';
import { splitRecordingPayload } from '../replay';
import { fixtureBytes, recordingPayload } from '../replay/test-fixtures';
import type { DB } from '../store/db';

/** The real @sentry/browser replay envelope (segment 0) recorded by test/fixtures/replay/make-recording.mjs. */
const BROWSER = parseEnvelope(fixtureBytes('browser-replay-envelope.bin'));
const REPLAY_ID = String(BROWSER.headers.event_id);
const RECORDING_INDEX = BROWSER.items.findIndex((i) => i.headers.type === 'replay_recording');

/** The fixture re-numbered as segment `segmentId` (the recording bytes unchanged). */
function segmentEnvelope(segmentId: number): Buffer {
  const items = BROWSER.items.map((item, i) => {
    if (i === RECORDING_INDEX) return { headers: item.headers, payload: recordingPayload(segmentId, splitRecordingPayload(item.payload).body) };
    const event = JSON.parse(item.payload.toString('utf8')) as Record<string, unknown>;
    return { headers: item.headers, payload: Buffer.from(JSON.stringify({ ...event, segment_id: segmentId })) };
  });
  return serializeEnvelope({ headers: BROWSER.headers, items });
}

interface SegmentRow { id: number; segment_id: number; envelope_id: number; item_index: number | null; data: Buffer }

describe('replay segments are stored once, inside their envelope', () => {
  let lookout: TestLookout;
  let db: DB;
  afterEach(() => lookout.stopAndClean());

  /** Sends each segment in its own envelope, to `routes[i]` (the envelope route unless given). */
  async function ingest(segments: number[], routes: string[] = []): Promise<SegmentRow[]> {
    lookout = await startTestLookout({ onDatabase: (d) => { db = d; } });
    for (const [i, id] of segments.entries()) {
      const url = `${lookout.url}/api/1/${routes[i] ?? 'envelope'}/?sentry_key=lookout`;
      const res = await post(url, segmentEnvelope(id), { 'content-type': 'application/x-sentry-envelope' });
      expect(res.status).toBe(200);
    }
    return db.prepare('SELECT id, segment_id, envelope_id, item_index, data FROM replay_segments ORDER BY segment_id').all() as SegmentRow[];
  }
  const recording = () => lookout.api<ReplayRecording>(`replays/${REPLAY_ID}/recording`);

  it('keeps no second copy of a segment and plays it from the envelope body', async () => {
    const rows = await ingest([0, 1]);
    expect(rows.map((r) => [r.segment_id, r.item_index, r.data.length])).toEqual([[0, RECORDING_INDEX, 0], [1, RECORDING_INDEX, 0]]);
    const played = await recording();
    expect(played.skipped).toEqual([]);
    expect(played.events.filter((e) => e.type === 2)).toHaveLength(2); // a full snapshot per segment
  });

  it('does the same for an envelope sent to the legacy store route', async () => {
    const rows = await ingest([0, 1], ['envelope', 'store']);
    expect(rows.map((r) => [r.segment_id, r.item_index, r.data.length])).toEqual([[0, RECORDING_INDEX, 0], [1, RECORDING_INDEX, 0]]);
    const played = await recording();
    expect([played.skipped, played.events.filter((e) => e.type === 2).length]).toEqual([[], 2]);
  });

  it('plays a segment stored with its bytes (before migration 008) the same way', async () => {
    const rows = await ingest([0, 1]);
    const before = await recording();
    const bytes = BROWSER.items[RECORDING_INDEX]!.payload;
    db.prepare('UPDATE replay_segments SET data = ?, item_index = NULL WHERE id = ?').run(recordingPayload(1, splitRecordingPayload(bytes).body), rows[1]!.id);
    expect(await recording()).toEqual(before);
  });

  it('skips only the segment whose envelope body is damaged', async () => {
    const rows = await ingest([0, 1]);
    db.prepare("UPDATE envelopes SET body = X'0badf00d', body_codec = 'br', body_dict = NULL WHERE id = ?").run(rows[1]!.envelope_id);
    const played = await recording();
    expect(played.skipped).toEqual([{ segmentId: 1, error: expect.stringMatching(/cannot be read/) }]);
    expect(played.events.filter((e) => e.type === 2)).toHaveLength(1);
  });
});
