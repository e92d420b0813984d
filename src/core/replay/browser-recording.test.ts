/**
 * Decodes the replay envelope that real @sentry/browser 11 + replayIntegration sent from headless
 * Chromium (test/fixtures/replay/make-recording.mjs re-creates it).
 */
import { describe, expect, it } from 'vitest';
import { decodeSegmentBody } from './decode-segment';
import { normalizeRrwebEvents } from './rrweb-normalize';
import { splitRecordingPayload } from './recording-payload';
import { browserReplayItems } from './test-fixtures';

describe('real browser replay recording', () => {
  it('is a zlib segment 0 with a FullSnapshot and a sane duration after normalisation', async () => {
    const split = splitRecordingPayload(browserReplayItems().recording);
    expect(split.segmentId).toBe(0);
    expect(split.body[0]).toBe(0x78); // fflate Zlib from the replay worker
    const decoded = await decodeSegmentBody(split.body);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.dropped).toBe(0);
    const types = new Set(decoded.events.map((e) => e.type));
    expect(types.has(2)).toBe(true);
    expect(types.has(4)).toBe(true);

    expect(decoded.endMs! - decoded.startMs!).toBeGreaterThan(0);
    expect(decoded.endMs! - decoded.startMs!).toBeLessThan(10 * 60 * 1000);
    const events = normalizeRrwebEvents(decoded.events);
    expect(events.at(-1)!.timestamp - events[0]!.timestamp).toBe(decoded.endMs! - decoded.startMs!);
  });
});
