import { describe, expect, it } from 'vitest';
import { assembleReplay, type StoredSegment } from './assemble';
import { decodeSegmentBody } from './decode-segment';
import { splitRecordingPayload } from './recording-payload';
import { browserReplayItems, encodeBody, recordingPayload } from './test-fixtures';
import type { RrwebEvent } from './types';

/** Receives one SDK-shaped recording payload the way the pipeline would. */
async function receive(payload: Buffer): Promise<StoredSegment> {
  const split = splitRecordingPayload(payload);
  return { segmentId: split.segmentId ?? -1, decoded: await decodeSegmentBody(split.body) };
}

async function realEvents(): Promise<RrwebEvent[]> {
  const decoded = await decodeSegmentBody(splitRecordingPayload(browserReplayItems().recording).body);
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.events;
}

describe('assembleReplay', () => {
  it('orders out-of-order segments, skips a corrupt one with a note and reports a missing one', async () => {
    const events = await realEvents();
    const msEvents = events.filter((e) => e.type !== 5);
    const half = Math.floor(msEvents.length / 2);
    const [first, second] = [msEvents.slice(0, half), msEvents.slice(half)];
    const corrupt = encodeBody(second, 'zlib').subarray(0, 20);
    const arrivals = await Promise.all([
      receive(recordingPayload(1, encodeBody(second, 'gzip'))),
      receive(recordingPayload(3, corrupt)),
      receive(recordingPayload(0, encodeBody(first, 'zlib'))),
      receive(recordingPayload(0, encodeBody(first, 'plain'))), // an SDK retry of segment 0
    ]);

    const replay = assembleReplay(arrivals);
    expect(replay.events).toEqual(msEvents);
    expect(replay.skipped).toEqual([{ segmentId: 3, error: expect.stringMatching(/truncated/) }]);
    expect(replay.missing).toEqual([2]);
    const lastTime = second.at(-1)?.timestamp;
    expect(replay.notes).toEqual([
      { timestamp: lastTime, kind: 'other', label: 'Segment 2 never arrived' },
      { timestamp: lastTime, kind: 'other', label: expect.stringMatching(/^Segment 3 could not be decoded and is skipped: segment is truncated/) },
    ]);
  });

  it('normalises the concatenation, so seconds-based spans land inside the timeline', async () => {
    const replay = assembleReplay([await receive(browserReplayItems().recording)]);
    const times = replay.events.map((e) => e.timestamp);
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(10 * 60 * 1000);
    expect(replay.notes).toEqual([]);
  });

  it('bounds the gap list when a hostile segment id claims billions of predecessors', () => {
    const replay = assembleReplay([{ segmentId: 2 ** 31, decoded: { ok: true, events: [], count: 0, startMs: null, endMs: null, dropped: 0 } }]);
    expect(replay.missing).toHaveLength(1000);
    expect(replay.notes).toHaveLength(1);
  });
});
