import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload, rememberGzip } from './codec';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = (name: string) => readFileSync(path.resolve(repoRoot, '../shared/corpus/protocol/spotlight', name));

describe('stored payload codec', () => {
  it('round-trips real SDK envelopes through brotli', () => {
    for (const name of ['envelope_javascript.txt', 'envelope_python.txt', 'envelope_php_error.txt']) {
      const body = corpus(name);
      const packed = encodePayload(body);
      expect(packed.codec).toBe('br');
      expect(packed.data.length).toBeLessThan(body.length / 2);
      expect(decodePayload(packed.data, packed.codec).equals(body)).toBe(true);
    }
  });

  it('keeps the gzip bytes a client sent for the body they inflate to', () => {
    const sent = zlib.gzipSync(corpus('envelope_python.txt'));
    const body = zlib.gunzipSync(sent);
    rememberGzip(body, sent);
    const packed = encodePayload(body);
    expect(packed).toEqual({ data: sent, codec: 'gzip' });
    expect(decodePayload(packed.data, packed.codec).equals(body)).toBe(true);
    // Only that buffer: an equal copy (say an attachment cut from it) is compressed as usual.
    expect(encodePayload(Buffer.from(body)).codec).toBe('br');
  });

  it('compresses again when the client gzip barely compresses', () => {
    const sent = zlib.gzipSync(corpus('envelope_javascript.txt'), { level: 0 });
    const body = zlib.gunzipSync(sent);
    rememberGzip(body, sent);
    const packed = encodePayload(body);
    expect(packed.codec).toBe('br');
    expect(decodePayload(packed.data, packed.codec).equals(body)).toBe(true);
  });

  it('stores tiny and incompressible payloads raw', () => {
    expect(encodePayload(Buffer.from('{"type":"event"}'))).toEqual({ data: Buffer.from('{"type":"event"}'), codec: 'raw' });
    const noise = randomBytes(4096);
    const packed = encodePayload(noise);
    expect(packed.codec).toBe('raw');
    expect(decodePayload(packed.data, packed.codec).equals(noise)).toBe(true);
    expect(decodePayload(null, null).length).toBe(0);
  });
});
