import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePayload, deflateWithDictionary, dictCodec, dictionaryIdOf, encodePayload, keptGzipSize, rememberGzip } from './codec';

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
    expect(keptGzipSize(body)).toBe(sent.length);
    expect(keptGzipSize(Buffer.from(body))).toBeNull();
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

  it('inflates a body deflated against a dictionary with that dictionary, fetched by the id in its codec', () => {
    const dictionary = corpus('envelope_php_error.txt');
    const body = corpus('envelope_php.txt');
    const packed = deflateWithDictionary(body, dictionary);
    expect(packed.length).toBeLessThan(encodePayload(body).data.length);
    const asked: number[] = [];
    const lookup = (id: number) => { asked.push(id); return dictionary; };
    expect(decodePayload(packed, dictCodec(7), lookup).equals(body)).toBe(true);
    // An empty body stands for the dictionary itself; the caller gets its own copy.
    const whole = decodePayload(Buffer.alloc(0), dictCodec(7), lookup);
    expect(whole.equals(dictionary)).toBe(true);
    whole[0] = 0;
    expect(dictionary[0]).not.toBe(0);
    expect(asked).toEqual([7, 7]);
    expect(dictionaryIdOf('dict:7')).toBe(7);
    expect(dictionaryIdOf('br')).toBeNull();
  });

  it('refuses a dictionary codec it cannot resolve instead of returning the bytes as they are', () => {
    const packed = deflateWithDictionary(corpus('envelope_php.txt'), corpus('envelope_php_error.txt'));
    expect(() => decodePayload(packed, 'dict:7')).toThrow('stored against dictionary 7; read it with decodeBody');
    expect(() => decodePayload(packed, 'dict:x7', () => packed)).toThrow('unknown body codec dict:x7');
  });
});
