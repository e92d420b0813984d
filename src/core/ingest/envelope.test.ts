import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EnvelopeError, parseEnvelope, serializeEnvelope, type Envelope } from './envelope';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const spotlightDir = path.resolve(repoRoot, '../shared/corpus/protocol/spotlight');
const readFixture = (name: string): Buffer => readFileSync(path.join(spotlightDir, name));

type Expected = { items: [type: string, payloadBytes: number][] } | { error: string };

/**
 * Facts about the fixture files, read off the raw bytes (line lengths from `awk` in the C locale,
 * declared lengths from the item headers). The profile_chunk fixtures declare 1671 bytes but
 * hold a 1643-byte JSON line plus the final newline, so they are as malformed as the two .bin files.
 */
const EXPECTED: Record<string, Expected> = {
  'Capture.Message.in.a.transaction.txt': { items: [['event', 14900]] },
  'Capture.Message.txt': { items: [['event', 13450]] },
  'application_x_sentry_envelope-1701423930091.txt': { items: [['transaction', 44898], ['profile', 105731]] },
  'application_x_sentry_envelope-1706290053204.txt': { items: [['event', 5931], ['session', 312], ['attachment', 5836]] },
  'attachments_envelope_with_image.txt': { items: [['event', 2749], ['attachment', 66393]] },
  'attachments_envelope_with_text.txt': { items: [['event', 2748], ['attachment', 13]] },
  'continuous_profiling_profile_chunk_1.txt': { error: 'item 1 (type "profile_chunk", payload at byte 176) declares length 1671 but only 1644 bytes remain' },
  'envelope_angular.txt': { items: [['event', 2915]] },
  'envelope_astro_ssr_browser.txt': { items: [['transaction', 24614]] },
  'envelope_astro_ssr_node.txt': { items: [['transaction', 1645]] },
  'envelope_binary.bin': { items: [['attachment', 10], ['event', 41]] },
  'envelope_empty.txt': { items: [] },
  'envelope_empty_payload.txt': { items: [['attachment', 0], ['attachment', 0]] },
  'envelope_flutter_replay.bin': { error: 'item 1 (type "replay_video", payload at byte 911) declares length 19422 but only 18856 bytes remain' },
  'envelope_java.txt': { items: [['transaction', 3501]] },
  'envelope_java_formatted_message.txt': { items: [['event', 6002]] },
  'envelope_javascript.txt': { items: [['event', 128888]] },
  'envelope_no_len_w_eof.txt': { items: [['attachment', 10]] },
  'envelope_no_len_w_eof_empty_headers.txt': { items: [['session', 75]] },
  'envelope_no_len_w_new_line.txt': { items: [['attachment', 10]] },
  'envelope_php.txt': { items: [['transaction', 3037]] },
  'envelope_php_error.txt': { items: [['event', 2691]] },
  'envelope_php_metrics.txt': { items: [['statsd', 70]] },
  'envelope_php_wordpress.txt': { items: [['event', 17730]] },
  'envelope_python.txt': { items: [['transaction', 42853]] },
  'envelope_with_ansi_logs.txt': { items: [['log', 1086]] },
  'envelope_with_image.txt': { items: [['event', 2749], ['attachment', 66393]] },
  'envelope_with_nextjs_ansi_escapes.txt': { items: [['event', 33951]] },
  'envelope_with_only_span.txt': { items: [['span', 853]] },
  'envelope_with_screenshot.bin': { error: 'item 2 (type "attachment", payload at byte 12928) declares length 48833 but only 47000 bytes remain' },
  'enveplope_browser_js_profile.bin': { items: [['transaction', 271542], ['profile', 99200]] },
  'large_sentry_transaction_application_x_sentry_envelope-1701423917432.txt': { items: [['transaction', 52137]] },
  'log_envelope.txt': { items: [['log', 3597]] },
  'profile_chunk_1.txt': { error: 'item 1 (type "profile_chunk", payload at byte 176) declares length 1671 but only 1644 bytes remain' },
};

const JSON_ITEM_TYPES = new Set(['event', 'transaction', 'session', 'profile', 'profile_chunk', 'log', 'span']);

function parseError(body: Buffer): EnvelopeError {
  try {
    parseEnvelope(body);
  } catch (err) {
    if (err instanceof EnvelopeError) return err;
    throw err;
  }
  throw new Error('expected parseEnvelope to throw');
}

const env = (text: string): Envelope => parseEnvelope(Buffer.from(text, 'latin1'));

describe('parseEnvelope on the Spotlight SDK fixtures', () => {
  it('has an expectation for every fixture file', () => {
    expect(readdirSync(spotlightDir).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(file, () => {
      const body = readFixture(file);
      if ('error' in expected) {
        expect(parseError(body).message).toBe(expected.error);
        return;
      }
      const envelope = parseEnvelope(body);
      expect(envelope.items.map((item) => [item.headers.type, item.payload.length])).toEqual(expected.items);
      for (const item of envelope.items) {
        // Item boundaries are right only if every JSON payload parses on its own.
        if (JSON_ITEM_TYPES.has(item.headers.type)) expect(typeof JSON.parse(item.payload.toString('utf8'))).toBe('object');
      }
    });
  }

  it('keeps the BOM and CRLF of the binary attachment byte for byte', () => {
    const envelope = parseEnvelope(readFixture('envelope_binary.bin'));
    expect(envelope.headers.event_id).toBe('9ec79c33ec9942ab8353589fcb2e04dc');
    expect(envelope.items[0]?.payload).toEqual(Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('Hello\r\n')]));
    expect(envelope.items[0]?.headers).toEqual({ type: 'attachment', length: 10, content_type: 'text/plain', filename: 'hello.txt' });
  });

  it('reads the JPEG attachment that runs to the end of the file without a newline', () => {
    const envelope = parseEnvelope(readFixture('attachments_envelope_with_image.txt'));
    const jpeg = envelope.items[1]?.payload;
    expect(jpeg?.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(jpeg?.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  });

  it('keeps item header fields it does not know', () => {
    const [item] = parseEnvelope(readFixture('log_envelope.txt')).items;
    expect(item?.headers.item_count).toBe(7);
    expect(item?.headers.content_type).toBe('application/vnd.sentry.items.log+json');
  });
});

describe('parseEnvelope on hand-made envelopes', () => {
  it('keeps a \\r before the newline as payload, with and without length', () => {
    expect(env('{}\n{"type":"attachment"}\nab\r\n').items[0]?.payload.toString('latin1')).toBe('ab\r');
    expect(env('{}\n{"type":"attachment","length":4}\nab\r\n\n').items[0]?.payload.toString('latin1')).toBe('ab\r\n');
  });

  it('runs an item without length to the end of the body', () => {
    const envelope = env('{"event_id":"abc"}\n{"type":"event"}\n{"message":"hi"}');
    expect(envelope.items).toHaveLength(1);
    expect(JSON.parse(envelope.items[0]?.payload.toString() ?? '')).toEqual({ message: 'hi' });
  });

  it('accepts header-only envelopes, with or without a final newline', () => {
    expect(env('{}')).toEqual({ headers: {}, items: [] });
    expect(env('{"dsn":"http://k@localhost/1"}\n')).toEqual({ headers: { dsn: 'http://k@localhost/1' }, items: [] });
  });

  it('accepts an item header at the very end as an empty payload', () => {
    const envelope = env('{}\n{"type":"client_report"}');
    expect(envelope.items.map((i) => [i.headers.type, i.payload.length])).toEqual([['client_report', 0]]);
  });

  it('skips one empty line at the end but rejects empty lines between items', () => {
    expect(env('{}\n{"type":"a","length":1}\nx\n\n').items).toHaveLength(1);
    expect(() => env('{}\n{"type":"a","length":1}\nx\n\n{"type":"b"}\ny')).toThrow(
      'item 2: empty line at byte 29 where an item header was expected',
    );
  });

  it('keeps every byte value in a length-delimited payload, newlines included', () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const body = Buffer.concat([Buffer.from(`{}\n{"type":"attachment","length":256}\n`), bytes, Buffer.from('\n')]);
    expect(parseEnvelope(body).items[0]?.payload).toEqual(bytes);
  });

  it('keeps unknown item types', () => {
    expect(env('{}\n{"type":"future_thing","x":1}\n{}').items[0]?.headers).toEqual({ type: 'future_thing', x: 1 });
  });

  it('treats "length": null as no length', () => {
    const [item] = env('{}\n{"type":"event","length":null}\n{"a":1}\n').items;
    expect(item?.headers).toEqual({ type: 'event' });
    expect(item?.payload.toString()).toBe('{"a":1}');
  });

  it('names what is wrong and where', () => {
    const cases: [string, string][] = [
      ['', 'empty request body'],
      ['[]\n', 'envelope header at byte 0 must be a JSON object'],
      ['{"a":\n', 'envelope header at byte 0 is not valid JSON'],
      ['{}\nnot json\n', 'item 1 header at byte 3 is not valid JSON'],
      ['{}\n"event"\n', 'item 1 header at byte 3 must be a JSON object'],
      ['{}\n{"length":2}\nab', 'item 1 header at byte 3 has no string "type"'],
      ['{}\n{"type":7}\nab', 'item 1 header at byte 3 has no string "type"'],
      ['{}\n{"type":"a","length":-1}\n', 'item 1 header at byte 3 has an invalid "length": -1'],
      ['{}\n{"type":"a","length":"2"}\nab', 'item 1 header at byte 3 has an invalid "length": "2"'],
      ['{}\n{"type":"a","length":1.5}\nab', 'item 1 header at byte 3 has an invalid "length": 1.5'],
      ['{}\n{"type":"a","length":1}\nab', 'item 1 (type "a"): expected a newline or the end of the body after its 1-byte payload, at byte 28'],
      ['{}\n{"type":"a"}\nx\n{"type":"b","length":9}\nabc', 'item 2 (type "b", payload at byte 42) declares length 9 but only 3 bytes remain'],
    ];
    for (const [text, message] of cases) expect(parseError(Buffer.from(text)).message).toContain(message);
  });
});

describe('serializeEnvelope', () => {
  it('round-trips hand-made items, writing length for each', () => {
    const original: Envelope = {
      headers: { event_id: '9ec79c33ec9942ab8353589fcb2e04dc', sent_at: '2024-01-01T00:00:00Z' },
      items: [
        { headers: { type: 'event' }, payload: Buffer.from('{"message":"a\\nb"}') },
        { headers: { type: 'attachment', filename: 'x.bin', length: 999 }, payload: Buffer.from([0x0a, 0x0d, 0x00, 0x0a]) },
        { headers: { type: 'attachment' }, payload: Buffer.alloc(0) },
      ],
    };
    const parsed = parseEnvelope(serializeEnvelope(original));
    expect(parsed.headers).toEqual(original.headers);
    expect(parsed.items.map((i) => i.headers)).toEqual([
      { type: 'event', length: 18 },
      { type: 'attachment', filename: 'x.bin', length: 4 },
      { type: 'attachment', length: 0 },
    ]);
    expect(parsed.items.map((i) => i.payload)).toEqual(original.items.map((i) => i.payload));
  });

  it('round-trips every parseable fixture', () => {
    for (const [file, expected] of Object.entries(EXPECTED)) {
      if ('error' in expected) continue;
      const first = parseEnvelope(readFixture(file));
      const again = parseEnvelope(serializeEnvelope(first));
      expect(again.headers).toEqual(first.headers);
      expect(again.items.map((i) => ({ ...i.headers, length: undefined }))).toEqual(
        first.items.map((i) => ({ ...i.headers, length: undefined })),
      );
      // Buffer.equals: a deep toEqual over ~400 KB of payload bytes takes seconds.
      expect(again.items.map((item, i) => item.payload.equals(first.items[i]?.payload ?? Buffer.alloc(0)))).toEqual(
        first.items.map(() => true),
      );
      expect(again.items.every((i) => i.headers.length === i.payload.length)).toBe(true);
    }
  });
});
