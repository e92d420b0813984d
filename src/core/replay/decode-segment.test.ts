import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeSegmentBody } from './decode-segment';
import { splitRecordingPayload } from './recording-payload';
import { encodeBody, recordingPayload, relayRrwebEvents, type BodyEncoding } from './test-fixtures';

describe('decodeSegmentBody', () => {
  it.each<BodyEncoding>(['plain', 'zlib', 'gzip'])('decodes relay rrweb events sent %s behind the segment header', async (encoding) => {
    const events = relayRrwebEvents();
    const split = splitRecordingPayload(recordingPayload(3, encodeBody(events, encoding)));
    expect(split.segmentId).toBe(3);
    const decoded = await decodeSegmentBody(split.body);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.events).toEqual(events);
    expect(decoded.count).toBe(events.length);
    expect(decoded.dropped).toBe(0);
    // The range is in ms although the performanceSpans in the fixture are in seconds.
    const first = events[0]?.timestamp ?? Number.NaN;
    expect(decoded.startMs).toBeCloseTo(first * 1000, 3);
    expect(decoded.endMs).toBe(events[2]?.timestamp);
  });

  it('accepts leading whitespace before a plain JSON array', async () => {
    const decoded = await decodeSegmentBody(Buffer.concat([Buffer.from(' \n'), encodeBody(relayRrwebEvents(), 'plain')]));
    expect(decoded.ok).toBe(true);
  });

  it.each<BodyEncoding>(['zlib', 'gzip'])('returns ok:false for a truncated %s body, without throwing', async (encoding) => {
    const body = encodeBody(relayRrwebEvents(), encoding);
    const decoded = await decodeSegmentBody(body.subarray(0, Math.floor(body.length / 2)));
    expect(decoded).toEqual({ ok: false, error: expect.stringMatching(/truncated|unexpected end/i) });
  });

  it('returns ok:false for corrupt zlib data', async () => {
    const body = Buffer.from(encodeBody(relayRrwebEvents(), 'zlib'));
    for (let i = 4; i < body.length - 4; i += 3) body[i] = (body[i] ?? 0) ^ 0x5a;
    const decoded = await decodeSegmentBody(body);
    expect(decoded.ok).toBe(false);
  });

  it('stops a decompression bomb at the default 100 MiB cap', async () => {
    const bomb = deflateSync(Buffer.alloc(101 * 1024 * 1024, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(200 * 1024);
    const decoded = await decodeSegmentBody(bomb);
    expect(decoded).toEqual({ ok: false, error: expect.stringContaining('more than 104857600 bytes') });
  });

  it('applies a smaller cap to gzip and to plain bodies', async () => {
    const json = encodeBody(relayRrwebEvents(), 'plain');
    const cap = json.length - 1;
    expect((await decodeSegmentBody(gzipSync(json), cap)).ok).toBe(false);
    expect((await decodeSegmentBody(json, cap)).ok).toBe(false);
    expect((await decodeSegmentBody(json, json.length)).ok).toBe(true);
  });

  it.each([
    ['empty', Buffer.alloc(0), /empty/],
    ['unknown encoding', Buffer.from('PK\u0003\u0004'), /unknown segment encoding \(first byte 0x50\)/],
    ['invalid JSON', Buffer.from('[{"type":'), /not valid JSON/],
    ['JSON that is not an array', deflateSync(Buffer.from('{"type":2}')), /not an array/],
  ])('returns ok:false for %s', async (_name, body, error) => {
    const decoded = await decodeSegmentBody(body);
    expect(decoded).toEqual({ ok: false, error: expect.stringMatching(error) });
  });

  it('drops entries that are not rrweb events and counts them', async () => {
    const events = relayRrwebEvents();
    const body = encodeBody([null, 7, { type: 'x', timestamp: 1 }, { type: 3 }, ...events, []], 'plain');
    const decoded = await decodeSegmentBody(body);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.count).toBe(events.length);
    expect(decoded.dropped).toBe(5);
  });

  it('reports an empty array as zero events with no time range', async () => {
    expect(await decodeSegmentBody(Buffer.from('[]'))).toEqual({ ok: true, events: [], count: 0, startMs: null, endMs: null, dropped: 0 });
  });
});
