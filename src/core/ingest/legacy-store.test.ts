import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseEnvelope } from './envelope';
import { decodeStoreBody, MAX_INFLATED_STORE_BODY } from './legacy-store';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = readFileSync(path.resolve(repoRoot, '../shared/corpus/protocol/spotlight/envelope_php_error.txt'));
/** A real PHP SDK error event, as it would arrive alone on /store/. */
const eventJson = parseEnvelope(fixture).items[0]?.payload ?? Buffer.alloc(0);
const event: unknown = JSON.parse(eventJson.toString('utf8'));

/** raven-node 2.x: base64 of the zlib-deflated JSON. */
const ravenBody = (json: Buffer): Buffer => Buffer.from(zlib.deflateSync(json).toString('base64'));

describe('decodeStoreBody', () => {
  it('reads plain JSON, leading whitespace allowed', () => {
    expect(decodeStoreBody(eventJson)).toEqual(event);
    expect(decodeStoreBody(Buffer.concat([Buffer.from(' \r\n'), eventJson]))).toEqual(event);
  });

  it("reads raven's base64 of zlib-deflated JSON, with or without line breaks", () => {
    expect(decodeStoreBody(ravenBody(eventJson))).toEqual(event);
    const wrapped = ravenBody(eventJson).toString().replace(/(.{76})/g, '$1\r\n');
    expect(decodeStoreBody(Buffer.from(wrapped))).toEqual(event);
  });

  it('reads base64 of plain JSON, and raw zlib or gzip bytes', () => {
    expect(decodeStoreBody(Buffer.from(eventJson.toString('base64')))).toEqual(event);
    expect(decodeStoreBody(zlib.deflateSync(eventJson))).toEqual(event);
    expect(decodeStoreBody(Buffer.from(zlib.gzipSync(eventJson).toString('base64')))).toEqual(event);
  });

  it("accepts Python's NaN and Infinity, as sentry-python sends them", () => {
    const python = Buffer.from('{"message":"ratio","extra":{"ratio":NaN,"max":Infinity}}');
    expect(decodeStoreBody(python)).toEqual({ message: 'ratio', extra: { ratio: null, max: null } });
    expect(decodeStoreBody(ravenBody(python))).toEqual({ message: 'ratio', extra: { ratio: null, max: null } });
  });

  it('says what is wrong with bodies it cannot read', () => {
    const corrupt = zlib.deflateSync(eventJson);
    corrupt.fill(0xaa, 10, 40);
    const cases: [Buffer, string][] = [
      [Buffer.alloc(0), 'store body is empty'],
      [Buffer.from(' \n'), 'store body is empty'],
      [Buffer.from('{"message": '), 'store body is not valid JSON'],
      [Buffer.from('hello, world!'), 'store body is neither JSON nor base64 of compressed JSON'],
      [Buffer.from('aGVsbG8='), 'store body is base64 but holds neither zlib-compressed nor plain JSON'],
      [Buffer.from(corrupt.toString('base64')), 'store body is not valid zlib data'],
      [ravenBody(Buffer.from('not json')), 'decompressed store body is not valid JSON'],
    ];
    for (const [body, message] of cases) {
      expect(() => decodeStoreBody(body)).toThrow(message);
    }
  });

  it('refuses a body that inflates past the cap', async () => {
    const bomb = await deflateOfZeros(MAX_INFLATED_STORE_BODY + 1024 * 1024);
    expect(() => decodeStoreBody(Buffer.from(bomb.toString('base64')))).toThrow(
      `store body inflates to more than ${MAX_INFLATED_STORE_BODY} bytes`,
    );
  });
});

async function deflateOfZeros(size: number): Promise<Buffer> {
  const zeros = Buffer.alloc(1024 * 1024);
  let produced = 0;
  const source = new Readable({
    read() {
      if (produced >= size) return void this.push(null);
      produced += zeros.length;
      this.push(zeros);
    },
  });
  const chunks: Buffer[] = [];
  for await (const chunk of source.pipe(zlib.createDeflate({ level: 9, strategy: zlib.constants.Z_RLE }))) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
