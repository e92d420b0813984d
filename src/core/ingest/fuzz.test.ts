import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BodyError, decodeBuffer } from './decompress';
import { EnvelopeError, parseEnvelope } from './envelope';
import { decodeStoreBody } from './legacy-store';
import { parseJsonLenient } from './lenient-json';
import { parseMultipart } from './multipart';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const spotlightDir = path.resolve(repoRoot, '../shared/corpus/protocol/spotlight');
const corpus = readdirSync(spotlightDir)
  .sort()
  .map((name) => ({ name, bytes: readFileSync(path.join(spotlightDir, name)) }));

const MAX_CASE_MS = 1000;
const ENCODINGS = ['gzip', 'deflate', 'br', 'identity', 'gzip, deflate'];

/** Byte sequences that hit the parser's edges when spliced into a body. */
const NASTY = ['\n', '\r\n', '{}', '{"type":"attachment","length":99999999}\n', '{"type":"x","length":-1}', '"length":0', '\n\n']
  .map((text) => Buffer.from(text));

type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.oneof(fc.uint8Array({ maxLength: 16 }), fc.constantFrom(...NASTY)),
  }),
);

function mutate(original: Buffer, mutations: Mutation[]): Buffer {
  let bytes = Buffer.from(original);
  for (const m of mutations) {
    const at = m.at % (bytes.length + 1);
    if (m.kind === 'flip' && at < bytes.length) bytes[at] = m.value;
    else if (m.kind === 'truncate') bytes = bytes.subarray(0, at);
    else if (m.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
  }
  return bytes;
}

/**
 * Runs `run`; it may succeed or throw one of `allowed` (exact class) with a message, and must
 * settle within the time limit (a promise that never settles fails here instead of hanging).
 */
async function expectOnlyClean(run: () => unknown, allowed: readonly (new (...args: never[]) => Error)[]): Promise<void> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), MAX_CASE_MS)));
  try {
    const outcome = await Promise.race([Promise.resolve().then(run), timedOut]);
    expect(outcome).not.toBe('timed out');
  } catch (err) {
    expect(allowed.some((cls) => (err as object).constructor === cls), String(err)).toBe(true);
    expect((err as Error).message.length).toBeGreaterThan(0);
  } finally {
    clearTimeout(timer);
  }
  expect(performance.now() - started).toBeLessThan(MAX_CASE_MS);
}

describe('fuzzing the ingest decoders', () => {
  it('parseEnvelope throws only EnvelopeError on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), (bytes) =>
        expectOnlyClean(() => parseEnvelope(Buffer.from(bytes)), [EnvelopeError]),
      ),
      { numRuns: 2000 },
    );
  });

  it('parseEnvelope throws only EnvelopeError on mutations of every corpus file', async () => {
    for (const file of corpus) {
      await fc.assert(
        fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (mutations) =>
          expectOnlyClean(() => parseEnvelope(mutate(file.bytes, mutations)), [EnvelopeError]),
        ),
        { numRuns: 100 },
      );
    }
  });

  it('decodeBuffer throws only BodyError on random and mutated compressed bodies', async () => {
    const compressed = corpus.flatMap((f) => [zlib.gzipSync(f.bytes), zlib.deflateSync(f.bytes), zlib.brotliCompressSync(f.bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } })]);
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 1024 }).map((b) => Buffer.from(b)),
      fc.tuple(fc.constantFrom(...compressed), fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([b, m]) => mutate(b, m)),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom(...ENCODINGS), fc.integer({ min: 1, max: 500_000 }), (bytes, encoding, cap) =>
        expectOnlyClean(() => decodeBuffer(bytes, encoding, cap), [BodyError]),
      ),
      { numRuns: 1500 },
    );
  });

  it('decodeStoreBody throws only plain Errors on random, base64 and mutated raven bodies', async () => {
    const events = corpus
      .flatMap((f) => {
        try {
          return parseEnvelope(f.bytes).items.filter((i) => i.headers.type === 'event').map((i) => i.payload);
        } catch {
          return [];
        }
      })
      .slice(0, 5);
    const ravenBodies = events.map((e) => Buffer.from(zlib.deflateSync(e).toString('base64')));
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 1024 }).map((b) => Buffer.from(b)),
      fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(Buffer.from(b).toString('base64'))),
      fc.tuple(fc.constantFrom(...ravenBodies, ...events), fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([b, m]) =>
        mutate(b, m),
      ),
    );
    await fc.assert(fc.asyncProperty(body, (bytes) => expectOnlyClean(() => decodeStoreBody(bytes), [Error])), { numRuns: 2000 });
  });

  it('parseMultipart throws only plain Errors on random bodies and content types', async () => {
    const valid = Buffer.from('--b\r\nContent-Disposition: form-data; name="upload_file_minidump"; filename="a.dmp"\r\n\r\nMDMP\r\n--b--\r\n');
    const contentType = fc.oneof(fc.string({ maxLength: 60 }), fc.constant('multipart/form-data; boundary=b'));
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)),
      fc.array(mutationArb, { minLength: 1, maxLength: 3 }).map((m) => mutate(valid, m)),
    );
    await fc.assert(
      fc.asyncProperty(body, contentType, (bytes, type) => expectOnlyClean(() => parseMultipart(bytes, type), [Error])),
      { numRuns: 2000 },
    );
  });

  it('parseJsonLenient either parses or throws SyntaxError, and agrees with JSON.parse on valid JSON', () => {
    const token = fc.constantFrom('NaN', 'Infinity', '-Infinity', '"NaN"', '"\\"Infinity"', '1', 'null');
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json(),
      fc.tuple(fc.json(), token, fc.nat()).map(([json, t, at]) => json.slice(0, at % (json.length + 1)) + t + json.slice(at % (json.length + 1))),
    );
    fc.assert(
      fc.property(text, (input) => {
        let strict: unknown;
        let strictOk = true;
        try {
          strict = JSON.parse(input);
        } catch {
          strictOk = false;
        }
        try {
          const lenient = parseJsonLenient(input);
          if (strictOk) expect(lenient).toEqual(strict);
        } catch (err) {
          expect(err).toBeInstanceOf(SyntaxError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
