/**
 * Unpacks a mobile `replay_video` item: a MessagePack map of `replay_event` (JSON bytes),
 * `replay_recording` (a recording payload with its `{"segment_id":N}` header) and
 * `replay_video` (an mp4 segment). The Cocoa and Android SDKs write the values as bin.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#replay-video
 */
import { decodeMsgpack, type MsgpackValue } from './msgpack';

export interface ReplayVideoParts {
  /** The parsed replay event JSON (hand it to readReplayEvent). */
  replayEvent: unknown;
  /** Feed to splitRecordingPayload / decodeSegmentBody. */
  recording: Buffer | null;
  /** The mp4 bytes. */
  video: Buffer | null;
}

/** @throws Error with a message naming what is wrong with the payload. */
export function decodeReplayVideo(payload: Buffer): ReplayVideoParts {
  let root: MsgpackValue;
  try {
    root = decodeMsgpack(payload, { maxDepth: 64 });
  } catch (error) {
    throw new Error(`replay_video payload is not valid MessagePack: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root) || Buffer.isBuffer(root)) {
    throw new Error('replay_video payload is not a MessagePack map');
  }
  const event = root.replay_event;
  if (event === undefined) throw new Error('replay_video payload has no replay_event');
  return {
    replayEvent: parseEvent(event),
    recording: bytes(root.replay_recording, 'replay_recording'),
    video: bytes(root.replay_video, 'replay_video'),
  };
}

function parseEvent(value: MsgpackValue): unknown {
  if (!Buffer.isBuffer(value) && typeof value !== 'string') {
    // Already structured (an SDK that packs the event as a map rather than JSON bytes).
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
    throw new Error('replay_video replay_event is neither JSON bytes nor a map');
  }
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : value;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`replay_video replay_event is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function bytes(value: MsgpackValue | undefined, field: string): Buffer | null {
  if (value === undefined || value === null) return null;
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  throw new Error(`replay_video ${field} is not binary data`);
}
