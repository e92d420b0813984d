import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplayDetail, ReplayRecording, ReplaySummary } from '../../shared/api-types';
import { startTestLookout, post, type TestLookout } from '../../../test/helpers/lookout';
import { parseEnvelope, serializeEnvelope, type Envelope } from '../ingest/envelope';
import { decodeSegmentBody, splitRecordingPayload } from '../replay';
import { encodeBody, fixtureBytes, recordingPayload } from '../replay/test-fixtures';
import { cocoaStyleReplayVideo } from '../replay/test-msgpack-encoder';
import { byteRange } from './replay-queries';

/** The real @sentry/browser replay envelope (segment 0) recorded by test/fixtures/replay/make-recording.mjs. */
const BROWSER = parseEnvelope(fixtureBytes('browser-replay-envelope.bin'));
const REPLAY_ID = String(BROWSER.headers.event_id);

/** The same replay's envelope re-numbered as segment `segmentId`, its recording body replaced. */
function segmentEnvelope(segmentId: number, body: Buffer): Buffer {
  const items = BROWSER.items.map((item) => {
    if (item.headers.type === 'replay_recording') return { headers: item.headers, payload: recordingPayload(segmentId, body) };
    const event = JSON.parse(item.payload.toString('utf8')) as Record<string, unknown>;
    return { headers: item.headers, payload: Buffer.from(JSON.stringify({ ...event, segment_id: segmentId })) };
  });
  return serializeEnvelope({ headers: BROWSER.headers, items } satisfies Envelope);
}

function browserBody(): Buffer {
  const recording = BROWSER.items.find((i) => i.headers.type === 'replay_recording');
  if (!recording) throw new Error('fixture has no recording');
  return Buffer.from(splitRecordingPayload(recording.payload).body);
}

const MOBILE_ID = 'd2132d31b39445f1938d7e21b6bf0ec4';
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(12, 1)]);

/** A Cocoa-layout `replay_video` item (the relay replay_event re-numbered) with one clip of 5 s. */
function mobileEnvelope(segmentId: number): Buffer {
  const event = JSON.parse(fixtureBytes('relay-replay-event.json').toString('utf8')) as Record<string, unknown>;
  const start = 1_718_000_000_000 + segmentId * 5000;
  const rrweb = [
    { type: 4, timestamp: start, data: { href: '', height: 930, width: 390 } },
    { type: 5, timestamp: start, data: { tag: 'video', payload: { segmentId, size: MP4.length, duration: 5000, height: 930, width: 390 } } },
    { type: 5, timestamp: start + 1200, data: { tag: 'breadcrumb', payload: { category: 'ui.tap', message: 'Button(id=pay)' } } },
  ];
  const payload = cocoaStyleReplayVideo({
    replay_event: Buffer.from(JSON.stringify({ ...event, segment_id: segmentId })),
    replay_recording: recordingPayload(segmentId, encodeBody(rrweb, 'zlib')),
    replay_video: MP4,
  });
  return serializeEnvelope({ headers: { event_id: MOBILE_ID }, items: [{ headers: { type: 'replay_video' }, payload }] });
}

const METADATA_ONLY_ID = 'e3243e42c4a556a2049e8f32c7c01fd5';

/** The relay replay_event alone (its session ran 23:04), as when the recording was lost on the way. */
function metadataOnlyEnvelope(): Buffer {
  const event = JSON.parse(fixtureBytes('relay-replay-event.json').toString('utf8')) as Record<string, unknown>;
  const payload = Buffer.from(JSON.stringify({ ...event, replay_id: METADATA_ONLY_ID }));
  return serializeEnvelope({ headers: { event_id: METADATA_ONLY_ID }, items: [{ headers: { type: 'replay_event' }, payload }] });
}

describe('replay read API', () => {
  let lookout: TestLookout;
  const envelopeUrl = () => `${lookout.url}/api/1/envelope/?sentry_key=lookout`;

  beforeAll(async () => {
    lookout = await startTestLookout();
    const good = browserBody();
    const truncated = good.subarray(0, Math.floor(good.length / 2));
    // Segment 0 as recorded, 1 truncated in transit, 2 never sent, 3 a re-send of good data.
    for (const body of [segmentEnvelope(0, good), segmentEnvelope(1, truncated), segmentEnvelope(3, good), mobileEnvelope(0), metadataOnlyEnvelope()]) {
      const res = await post(envelopeUrl(), body, { 'content-type': 'application/x-sentry-envelope' });
      expect(res.status).toBe(200);
    }
  });
  afterAll(() => lookout.stopAndClean());

  it('lists both replays with their browser and urls', async () => {
    const list = await lookout.api<ReplaySummary[]>('replays');
    const browser = list.find((r) => r.replayId === REPLAY_ID);
    expect(browser?.urls.some((u) => u.endsWith('/checkout/pay'))).toBe(true);
    expect(browser?.browser).toMatch(/Chrom/);
    expect(browser?.segmentCount).toBe(3);
    expect(list.some((r) => r.replayId === MOBILE_ID)).toBe(true);
  });

  it('gives a replay without any recording segment no duration, as its recording has nothing to play', async () => {
    const listed = (await lookout.api<ReplaySummary[]>('replays')).find((r) => r.replayId === METADATA_ONLY_ID);
    expect(listed).toMatchObject({ segmentCount: 0, durationMs: null, user: 'user@site.com' });
    expect(await lookout.api<ReplayDetail>(`replays/${METADATA_ONLY_ID}`)).toMatchObject({ segmentCount: 0, durationMs: null, segments: [] });
    expect(await lookout.api<ReplayRecording>(`replays/${METADATA_ONLY_ID}/recording`)).toMatchObject({ events: [], videos: [], durationMs: 0 });
  });

  it('reports the corrupt segment in the detail', async () => {
    const detail = await lookout.api<ReplayDetail>(`replays/${REPLAY_ID}`);
    expect(detail.segments.map((s) => s.segmentId)).toEqual([0, 1, 3]);
    expect(detail.segments.find((s) => s.segmentId === 1)?.error).toBeTruthy();
  });

  it('plays the decodable segments in order and notes the corrupt and the missing one', async () => {
    const recording = await lookout.api<ReplayRecording>(`replays/${REPLAY_ID}/recording`);
    const decoded = await decodeSegmentBody(browserBody());
    if (!decoded.ok) throw new Error(decoded.error);
    expect(recording.events.length).toBe(decoded.count * 2);
    expect(recording.events.filter((e) => e.type === 2)).toHaveLength(2);
    expect(recording.events.some((e) => e.type === 3)).toBe(true);
    expect(recording.skipped).toEqual([{ segmentId: 1, error: expect.any(String) }]);
    expect(recording.missing).toEqual([2]);
    expect(recording.notes.map((n) => n.label)).toEqual([expect.stringMatching(/^Segment 1 could not be decoded/), 'Segment 2 never arrived']);
    // Seconds-timed performanceSpans are normalised: the duration is that of the recorded session.
    expect(recording.startMs).toBe(decoded.startMs);
    expect(recording.durationMs).toBe((decoded.endMs ?? 0) - (decoded.startMs ?? 0));
    expect(recording.durationMs).toBeLessThan(60_000);
    const kinds = new Set(recording.markers.map((m) => m.kind));
    for (const kind of ['click', 'navigation', 'console', 'network']) expect(kinds).toContain(kind);
  });

  it('serves a mobile segment as mp4, with byte ranges, and places it on the timeline', async () => {
    const recording = await lookout.api<ReplayRecording>(`replays/${MOBILE_ID}/recording`);
    expect(recording.videos).toEqual([{ segmentId: 0, startMs: 1_718_000_000_000, durationMs: 5000, width: 390, height: 930, error: null }]);
    expect(recording.durationMs).toBe(5000);
    expect(recording.markers).toEqual([expect.objectContaining({ kind: 'click', label: 'Button(id=pay)' })]);
    const whole = await fetch(`${lookout.url}/_lookout/api/replays/${MOBILE_ID}/video/0`);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await whole.arrayBuffer()).equals(MP4)).toBe(true);
    const part = await fetch(`${lookout.url}/_lookout/api/replays/${MOBILE_ID}/video/0`, { headers: { range: 'bytes=4-11' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 4-11/${MP4.length}`);
    expect(Buffer.from(await part.arrayBuffer()).toString('latin1')).toBe('ftypmp42');
    expect((await fetch(`${lookout.url}/_lookout/api/replays/${MOBILE_ID}/video/7`)).status).toBe(404);
    expect((await fetch(`${lookout.url}/_lookout/api/replays/${'0'.repeat(32)}/recording`)).status).toBe(404);
  });

  it('reads byte ranges strictly', () => {
    expect(byteRange('bytes=-4', 10)).toEqual({ start: 6, end: 9 });
    expect(byteRange('bytes=8-', 10)).toEqual({ start: 8, end: 9 });
    expect(byteRange('bytes=3-99', 10)).toEqual({ start: 3, end: 9 });
    expect(byteRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(byteRange('bytes=1-2,4-5', 10)).toBeNull();
    expect(byteRange(undefined, 10)).toBeNull();
  });
});
