/**
 * Property tests on hostile bytes: random data, and real payloads with flipped, inserted,
 * deleted or cut bytes. The decoders must fail politely (ok:false, or a plain Error for
 * replay_video) and each case must finish well under a second.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSegmentBody } from './decode-segment';
import { decodeReplayVideo } from './replay-video';
import { splitRecordingPayload } from './recording-payload';
import { browserReplayItems, encodeBody, fixtureBytes, recordingPayload, relayRrwebEvents } from './test-fixtures';
import { cocoaStyleReplayVideo } from './test-msgpack-encoder';

const CASE_BUDGET_MS = 1000;
const RUNS = 500;

const realRecording = browserReplayItems().recording;
const recordingSeeds = [
  realRecording,
  recordingPayload(1, encodeBody(relayRrwebEvents(), 'gzip')),
  recordingPayload(2, encodeBody(relayRrwebEvents(), 'plain')),
];
const videoSeed = cocoaStyleReplayVideo({
  replay_event: fixtureBytes('relay-replay-event.json'),
  replay_recording: realRecording,
  replay_video: Buffer.from('ftypmp42'),
});

type Edit = { at: number; byte: number; op: 'set' | 'insert' | 'delete' | 'cut' };
const edit = fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), op: fc.constantFrom<Edit['op']>('set', 'insert', 'delete', 'cut') });

function mutate(seed: Buffer, edits: Edit[]): Buffer {
  let bytes = Buffer.from(seed);
  for (const { at, byte, op } of edits) {
    const pos = bytes.length === 0 ? 0 : at % bytes.length;
    if (op === 'set' && bytes.length > 0) bytes[pos] = byte;
    else if (op === 'insert') bytes = Buffer.concat([bytes.subarray(0, pos), Buffer.from([byte]), bytes.subarray(pos)]);
    else if (op === 'delete') bytes = Buffer.concat([bytes.subarray(0, pos), bytes.subarray(pos + 1)]);
    else if (op === 'cut') bytes = bytes.subarray(0, pos);
  }
  return bytes;
}

const randomBytes = fc.tuple(fc.constantFrom([], [0x78, 0x9c], [0x1f, 0x8b], [0x5b], [0x7b]), fc.uint8Array({ maxLength: 2048 }))
  .map(([prefix, rest]) => Buffer.concat([Buffer.from(prefix), Buffer.from(rest)]));
const mutatedRecording = fc.tuple(fc.constantFrom(...recordingSeeds), fc.array(edit, { minLength: 1, maxLength: 6 }))
  .map(([seed, edits]) => mutate(seed, edits));
const mutatedVideo = fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => mutate(videoSeed, edits));

function timed<T>(run: () => T): T {
  const started = performance.now();
  const result = run();
  expect(performance.now() - started).toBeLessThan(CASE_BUDGET_MS);
  return result;
}

async function timedAsync<T>(run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  expect(performance.now() - started).toBeLessThan(CASE_BUDGET_MS);
  return result;
}

describe('fuzz', () => {
  it('splitRecordingPayload never throws and returns a body taken from the payload', () => {
    fc.assert(fc.property(fc.oneof(randomBytes, mutatedRecording), (payload) => {
      const split = timed(() => splitRecordingPayload(payload));
      expect(split.body.length).toBeLessThanOrEqual(payload.length);
      expect(split.segmentId === null).toBe(split.headerError !== undefined);
    }), { numRuns: RUNS * 2 });
  });

  it('decodeSegmentBody always resolves with a consistent result', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(randomBytes, mutatedRecording), async (payload) => {
      const decoded = await timedAsync(() => decodeSegmentBody(splitRecordingPayload(payload).body, 1024 * 1024));
      if (decoded.ok) {
        expect(decoded.count).toBe(decoded.events.length);
        expect(decoded.startMs === null).toBe(decoded.count === 0);
      } else {
        expect(decoded.error.length).toBeGreaterThan(0);
      }
    }), { numRuns: RUNS * 2 });
  });

  it('decodeReplayVideo either decodes or throws a plain Error explaining replay_video', () => {
    fc.assert(fc.property(fc.oneof(randomBytes, mutatedVideo), (payload) => {
      timed(() => {
        try {
          decodeReplayVideo(payload);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).constructor).toBe(Error);
          expect((error as Error).message).toMatch(/^replay_video /);
        }
      });
    }), { numRuns: RUNS * 2 });
  });
});
