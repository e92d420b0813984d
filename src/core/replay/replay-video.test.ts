import { describe, expect, it } from 'vitest';
import { decodeSegmentBody } from './decode-segment';
import { readReplayEvent } from './replay-event';
import { decodeReplayVideo } from './replay-video';
import { splitRecordingPayload } from './recording-payload';
import { encodeBody, fixtureBytes, recordingPayload } from './test-fixtures';
import { cocoaStyleReplayVideo, encodeMsgpack } from './test-msgpack-encoder';

/** The rrweb events a mobile SDK records around one video segment: Meta + custom `video`. */
const MOBILE_EVENTS = [
  { type: 4, timestamp: 1_718_000_000_000, data: { href: '', height: 930, width: 390 } },
  {
    type: 5,
    timestamp: 1_718_000_000_000,
    data: { tag: 'video', payload: { segmentId: 2, size: 12, duration: 5000, encoding: 'h264', container: 'mp4', height: 930, width: 390, frameCount: 5, frameRateType: 'constant', frameRate: 1, left: 0, top: 0 } },
  },
];
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(12, 1)]);

function parts(): Record<string, Buffer> {
  return {
    replay_event: fixtureBytes('relay-replay-event.json'),
    replay_recording: recordingPayload(2, encodeBody(MOBILE_EVENTS, 'zlib')),
    replay_video: MP4,
  };
}

describe('decodeReplayVideo', () => {
  it('unpacks the Cocoa layout (fixmap, str8 keys, bin32 values) into event, recording and mp4', async () => {
    const decoded = decodeReplayVideo(cocoaStyleReplayVideo(parts()));
    expect(readReplayEvent(decoded.replayEvent)?.replayId).toBe('d2132d31b39445f1938d7e21b6bf0ec4');
    expect(decoded.video?.equals(MP4)).toBe(true);
    const split = splitRecordingPayload(decoded.recording ?? Buffer.alloc(0));
    expect(split.segmentId).toBe(2);
    const segment = await decodeSegmentBody(split.body);
    expect(segment).toMatchObject({ ok: true, count: 2, startMs: 1_718_000_000_000 });
  });

  it('accepts str values and a map-valued replay_event from other encoders', () => {
    const event = { replay_id: 'd2132d31b39445f1938d7e21b6bf0ec4', segment_id: 1 };
    const decoded = decodeReplayVideo(encodeMsgpack({ replay_event: event, replay_recording: '{"segment_id":1}\n[]' }));
    expect(readReplayEvent(decoded.replayEvent)?.segmentId).toBe(1);
    expect(decoded.recording?.toString()).toBe('{"segment_id":1}\n[]');
    expect(decoded.video).toBeNull();
  });

  it.each([
    ['not msgpack at all', Buffer.from('{"replay_event":{}}'), /not valid MessagePack/],
    ['a truncated payload', cocoaStyleReplayVideo(parts()).subarray(0, 200), /not valid MessagePack: msgpack: needs/],
    ['an array root', encodeMsgpack([1, 2]), /not a MessagePack map/],
    ['no replay_event', encodeMsgpack({ replay_video: MP4 }), /has no replay_event/],
    ['a replay_event that is not JSON', cocoaStyleReplayVideo({ ...parts(), replay_event: Buffer.from('{oops') }), /replay_event is not valid JSON/],
    ['a numeric replay_video', encodeMsgpack({ replay_event: {}, replay_video: 5 }), /replay_video is not binary data/],
  ])('throws a clear Error for %s', (_name, payload, message) => {
    expect(() => decodeReplayVideo(payload)).toThrow(message);
  });
});
