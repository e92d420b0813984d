import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { crc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PreparePool } from './prepare-pool';
import { prepareRequest, type RequestOutcome } from './prepare-request';
import { ingestSymbolicator } from './ingest-symbolicator';
import { dictionaryKey } from './dictionary-key';
import type { RootsSnapshot } from '../symbolicate/project-roots';
import { LARGE_BODY } from './prepare-protocol';
import { decodePayload } from '../store/codec';
import { CORPUS, requestInput, useBuiltPrepareWorker } from './test-prepare-worker';

const WORKER = useBuiltPrepareWorker('prepare-worker.mjs');
const NO_ROOTS: RootsSnapshot = { global: [], byProject: {} };

const input = requestInput;

/** Outcomes compared as data: Buffers by content. */
const asData = (o: RequestOutcome) => JSON.parse(JSON.stringify(o)) as unknown;

async function ready(pool: PreparePool): Promise<void> {
  for (let i = 0; i < 500 && !pool.workerReady; i++) await new Promise((r) => setTimeout(r, 10));
  expect(pool.workerReady).toBe(true);
}

describe('prepare worker', () => {
  it('prepares every corpus envelope exactly as the main thread does', async () => {
    const pool = new PreparePool({ workerFile: WORKER, roots: () => NO_ROOTS });
    await ready(pool);
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThan(20);
    let onWorker = 0;
    for (const file of files) {
      const body = readFileSync(path.join(CORPUS, file));
      const viaPool = pool.run(input(body));
      if (pool.onWorker > 0) onWorker++;
      const inline = await prepareRequest(input(body), ingestSymbolicator(() => NO_ROOTS));
      expect(asData(await viaPool), file).toEqual(asData(inline));
    }
    expect(onWorker).toBe(files.length);
    await pool.close();
  });

  it('hands back bytes as Buffers the store can bind', async () => {
    const pool = new PreparePool({ workerFile: WORKER, roots: () => NO_ROOTS });
    await ready(pool);
    const body = readFileSync(path.join(CORPUS, 'attachments_envelope_with_text.txt'));
    const outcome = await pool.run(input(body));
    if (!outcome.ok) throw new Error(outcome.detail);
    const attachment = outcome.plan.items.find((i) => i.type === 'rows' && i.table === 'attachments');
    expect(attachment?.type === 'rows' && Buffer.isBuffer(attachment.rows[0]?.data)).toBe(true);
    const legacy = await pool.run(input(Buffer.from('{"message":"legacy store","platform":"node"}'), 'store'));
    if (!legacy.ok) throw new Error(legacy.detail);
    const stored = legacy.plan.items[0]?.type === 'event' ? legacy.plan.items[0].storedPayload : null;
    expect(Buffer.isBuffer(stored) && JSON.parse(stored.toString()).message).toBe('legacy store');
    await pool.close();
  });

  it('symbolicates with the source roots the main thread configured, and sees them change', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lookout-roots-'));
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src/cart.js'), 'line one\nthrow new Error("empty cart");\nline three\n');
    let roots: RootsSnapshot = NO_ROOTS;
    const pool = new PreparePool({ workerFile: WORKER, roots: () => roots });
    await ready(pool);
    const event = { event_id: 'a'.repeat(32), platform: 'node',
      exception: { values: [{ type: 'Error', value: 'empty cart', stacktrace: { frames: [{ filename: 'src/cart.js', lineno: 2, in_app: true }] } }] } };
    const body = Buffer.from(`{}\n{"type":"event"}\n${JSON.stringify(event)}`);
    const contextOf = (o: RequestOutcome) => {
      if (!o.ok || o.plan.items[0]?.type !== 'event') throw new Error('no event');
      const stored = o.plan.items[0].storedPayload;
      return stored ? (JSON.parse(stored.toString()) as typeof event & { exception: { values: { stacktrace: { frames: { context_line?: string }[] } }[] } })
        .exception.values[0]?.stacktrace.frames[0]?.context_line : undefined;
    };
    expect(contextOf(await pool.run(input(body)))).toBeUndefined();
    roots = { global: [], byProject: { 1: [dir] } };
    expect(contextOf(await pool.run(input(body)))).toBe('throw new Error("empty cart");');
    await pool.close();
  });

  it('deflates bodies against a dictionary the writer taught it, byte-exact', async () => {
    const pool = new PreparePool({ workerFile: WORKER, roots: () => NO_ROOTS });
    await ready(pool);
    const first = readFileSync(path.join(CORPUS, 'envelope_angular.txt'));
    const again = Buffer.from(first.toString().replace(/"event_id":"[0-9a-f]{32}"/g, `"event_id":"${'b'.repeat(32)}"`));
    const taught = await pool.run(input(first));
    if (!taught.ok) throw new Error(taught.detail);
    expect(taught.plan.deflatedBody).toBeUndefined(); // nothing taught yet
    pool.teach({ projectId: 1, key: dictionaryKey(taught.plan), id: 7, crc: crc32(first), bytes: first });
    const outcome = await pool.run(input(again));
    if (!outcome.ok || !outcome.plan.deflatedBody) throw new Error('not deflated');
    const { dictId, crc, data } = outcome.plan.deflatedBody;
    expect([dictId, crc, Buffer.isBuffer(data)]).toEqual([7, crc32(first), true]);
    expect(inflateRawSync(data, { dictionary: first }).equals(again)).toBe(true);
    expect(data.length * 8).toBeLessThan(again.length);
    await pool.close();
  });

  it('prepares a large body on the worker too, and hands it back packed as the store keeps it', async () => {
    const pool = new PreparePool({ workerFile: WORKER, roots: () => NO_ROOTS });
    await ready(pool);
    const id = 'a'.repeat(32);
    const event = JSON.stringify({ event_id: id, message: 'big', extra: { rows: Array.from({ length: 40_000 }, (_, i) => ({ i, name: `row ${i}` })) } });
    const json = Buffer.from(`{"event_id":"${id}"}\n{"type":"event"}\n${event}`);
    const noise = randomBytes(LARGE_BODY);
    const attachment = Buffer.concat([Buffer.from(`{"event_id":"${id}"}\n{"type":"attachment","length":${noise.length},"filename":"dump.bin"}\n`), noise]);
    const small = readFileSync(path.join(CORPUS, 'envelope_angular.txt'));
    expect(json.length).toBeGreaterThan(LARGE_BODY);
    const outcomes = [json, attachment, small].map((body) => pool.run(input(body)));
    expect(pool.onWorker).toBe(3);
    const [big, binary, usual] = await Promise.all(outcomes);
    if (!big?.ok || !binary?.ok || !usual?.ok) throw new Error('not prepared');
    const packed = big.plan.packedBody;
    expect(packed?.codec).toBe('br');
    expect(decodePayload(packed?.data ?? null, 'br').equals(json)).toBe(true);
    expect(binary.plan.packedBody).toEqual({ codec: 'raw', data: null });
    expect(usual.plan.packedBody).toBeUndefined();
    // Otherwise the same plan as the main thread makes.
    const inline = await prepareRequest(input(json), ingestSymbolicator(() => NO_ROOTS));
    expect(asData({ ...big, plan: { ...big.plan, packedBody: undefined } })).toEqual(asData(inline));
    await pool.close();
  });

  it('hands a lone request to the worker once it is ready, and prepares a small body past the queue limit on the main thread', async () => {
    const pool = new PreparePool({ workerFile: WORKER, roots: () => NO_ROOTS });
    const body = readFileSync(path.join(CORPUS, 'envelope_angular.txt'));
    const early = await pool.run(input(body)); // before the worker is ready: prepared here
    await ready(pool);
    const lone = pool.run(input(body));
    expect(pool.onWorker).toBe(1);
    expect(asData(await lone)).toEqual(asData(early));
    const flood = Array.from({ length: 40 }, () => pool.run(input(body)));
    expect(pool.onWorker).toBe(32);
    const id = 'c'.repeat(32);
    const large = pool.run(input(Buffer.from(`{"event_id":"${id}"}\n{"type":"event"}\n{"message":"${'x'.repeat(LARGE_BODY)}"}`)));
    expect(pool.onWorker).toBe(33);
    expect((await Promise.all(flood)).every((o) => o.ok)).toBe(true);
    expect((await large).ok).toBe(true);
    await pool.close();
  });

  it('finishes what the worker held when it stops, on the main thread', async () => {
    const pool = new PreparePool({ workerFile: WORKER, roots: () => NO_ROOTS });
    await ready(pool);
    const body = readFileSync(path.join(CORPUS, 'envelope_angular.txt'));
    const pending = [pool.run(input(body)), pool.run(input(body)), pool.run(input(body))];
    expect(pool.onWorker).toBe(3);
    await pool.close();
    const outcomes = await Promise.all(pending);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect((await pool.run(input(body))).ok).toBe(true); // and later requests too
  });
});
