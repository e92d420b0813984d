import { describe, expect, it } from 'vitest';
import { splitRecordingPayload } from './recording-payload';
import { browserReplayItems, encodeBody, recordingPayload, relayRrwebEvents } from './test-fixtures';

describe('splitRecordingPayload', () => {
  it('splits the real browser payload into segment 0 and a zlib body', () => {
    const { recording } = browserReplayItems();
    const split = splitRecordingPayload(recording);
    expect(split.segmentId).toBe(0);
    expect(split.headerError).toBeUndefined();
    expect(split.body[0]).toBe(0x78);
    expect(split.body.length).toBe(recording.length - '{"segment_id":0}\n'.length);
  });

  it('splits at the first newline only, even when the compressed body holds more', () => {
    const body = encodeBody(relayRrwebEvents(), 'zlib');
    const withNewline = Buffer.concat([body, Buffer.from('\n\n')]);
    const split = splitRecordingPayload(recordingPayload(7, withNewline));
    expect(split.segmentId).toBe(7);
    expect(split.body.equals(withNewline)).toBe(true);
  });

  it('keeps the whole payload as body when there is no header line', () => {
    const body = encodeBody(relayRrwebEvents(), 'plain');
    const split = splitRecordingPayload(body);
    expect(split.segmentId).toBeNull();
    expect(split.headerError).toMatch(/no \{"segment_id":N\} header/);
    expect(split.body.equals(body)).toBe(true);
  });

  it.each([
    ['{"segment_id":-1}', /no valid segment_id/],
    ['{"segment_id":"3"}', /no valid segment_id/],
    ['{"segment_id":1.5}', /no valid segment_id/],
    ['{"other":1}', /no valid segment_id/],
    ['{segment_id:1}', /not JSON/],
  ])('reports a bad header %s and still returns the body', (headerLine, error) => {
    const split = splitRecordingPayload(Buffer.from(`${headerLine}\n[]`));
    expect(split.segmentId).toBeNull();
    expect(split.headerError).toMatch(error);
    expect(split.body.toString()).toBe('[]');
  });

  it('reports an empty payload', () => {
    expect(splitRecordingPayload(Buffer.alloc(0)).headerError).toBe('empty recording payload');
  });
});
