/**
 * A mobile-style `replay_video` envelope around a real H.264 mp4 that Chromium's MediaRecorder
 * records from an animated canvas (no mp4 fixture or ffmpeg needed).
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#replay-video
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { serializeEnvelope } from '../../../src/core/ingest/envelope';
import { cocoaStyleReplayVideo } from '../../../src/core/replay/test-msgpack-encoder';

const RELAY_REPLAY_EVENT = new URL('../../../test/fixtures/replay/relay-replay-event.json', import.meta.url);
const CANVAS_RECORDER = new URL('./canvas-recorder.js', import.meta.url);

/** Records `frames` canvas frames as mp4 in a blank page; resolves with the bytes and the clip length. */
export async function recordCanvasMp4(page: Page, frames: number): Promise<{ mp4: Buffer; durationMs: number }> {
  await page.addScriptTag({ path: fileURLToPath(CANVAS_RECORDER) });
  const result = (await page.evaluate(`window.recordCanvasMp4(${Math.floor(frames)})`)) as { bytes: number[]; durationMs: number };
  return { mp4: Buffer.from(result.bytes), durationMs: result.durationMs };
}

/** One `replay_video` item for segment 0, as the Cocoa SDK lays it out. */
export function replayVideoEnvelope(replayId: string, mp4: Buffer, durationMs: number, startMs: number): Buffer {
  const event = JSON.parse(readFileSync(RELAY_REPLAY_EVENT, 'utf8')) as Record<string, unknown>;
  const replayEvent = {
    ...event, replay_id: replayId, event_id: replayId, segment_id: 0, error_ids: [], trace_ids: [],
    replay_start_timestamp: startMs / 1000, timestamp: (startMs + durationMs) / 1000, platform: 'cocoa',
  };
  const rrweb = [
    { type: 4, timestamp: startMs, data: { href: '', width: 320, height: 240 } },
    { type: 5, timestamp: startMs, data: { tag: 'video', payload: { segmentId: 0, size: mp4.length, duration: durationMs, encoding: 'h264', container: 'mp4', width: 320, height: 240, frameRate: 30, left: 0, top: 0 } } },
    { type: 5, timestamp: startMs + Math.round(durationMs / 2), data: { tag: 'breadcrumb', payload: { timestamp: (startMs + durationMs / 2) / 1000, type: 'default', category: 'ui.tap', message: 'UIButton(pay)' } } },
  ];
  const payload = cocoaStyleReplayVideo({
    replay_event: Buffer.from(JSON.stringify(replayEvent)),
    replay_recording: Buffer.concat([Buffer.from('{"segment_id":0}\n'), deflateSync(Buffer.from(JSON.stringify(rrweb)))]),
    replay_video: mp4,
  });
  return serializeEnvelope({ headers: { event_id: replayId, sent_at: new Date().toISOString() }, items: [{ headers: { type: 'replay_video' }, payload }] });
}
