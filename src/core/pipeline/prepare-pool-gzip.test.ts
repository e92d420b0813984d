import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PreparePool } from './prepare-pool';
import { prepareRequest, type RequestInput, type RequestOutcome } from './prepare-request';
import { ingestSymbolicator } from './ingest-symbolicator';
import { BodyNeedsStreaming, type PoolInput, type PoolOutcome } from './prepare-protocol';
import type { RootsSnapshot } from '../symbolicate/project-roots';
import { BodyError, gunzipSmall, SYNC_GUNZIP_MAX_OUT } from '../ingest/decompress';
import { CORPUS, useBuiltPrepareWorker } from './test-prepare-worker';

// Its own file: the other prepare-pool suite builds the worker at the same time.
const WORKER = useBuiltPrepareWorker('prepare-worker-gzip.mjs');
const NO_ROOTS: RootsSnapshot = { global: [], byProject: {} };
const MAX = 10 * 1024 * 1024;

const plainInput = (body: Buffer): RequestInput => ({
  route: 'envelope', body, contentType: 'application/x-sentry-envelope', received: 1_700_000_000_000, urlProjectId: '1', remoteAddr: '10.0.0.1',
});
const gzipInput = (gz: Buffer, maxBytes = MAX): PoolInput => ({ ...plainInput(gz), gzip: { maxBytes } });
/** Outcomes compared as data: Buffers by content. */
const asData = (o: RequestOutcome) => JSON.parse(JSON.stringify(o)) as unknown;

async function startedPool(): Promise<PreparePool> {
  const pool = new PreparePool({ workerFile: WORKER, roots: () => NO_ROOTS });
  for (let i = 0; i < 500 && !pool.workerReady; i++) await new Promise((r) => setTimeout(r, 10));
  expect(pool.workerReady).toBe(true);
  return pool;
}

/** The decoded body handed back, and the plan with it left out. */
function split(outcome: PoolOutcome): { body: Buffer | undefined; rest: unknown } {
  const { decodedBody, ...rest } = outcome;
  return { body: decodedBody, rest: asData(rest) };
}

const corpus = () => readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).map((f) => [f, readFileSync(path.join(CORPUS, f))] as const);

describe('gzip bodies inflated where they are prepared', () => {
  it('give the plan of the plain body and that body back: on the worker, with none, and when the worker stops holding them', async () => {
    const worker = await startedPool();
    const none = new PreparePool({ roots: () => NO_ROOTS });
    const stopping = await startedPool();
    const files = corpus();
    expect(files.length).toBeGreaterThan(20);
    for (const [file, plain] of files) {
      const gz = gzipSync(plain);
      const onWorker = worker.run(gzipInput(gz));
      expect(worker.onWorker, file).toBe(1);
      const held = stopping.run(gzipInput(gz));
      expect(stopping.onWorker, file).toBe(1);
      const inline = asData(await prepareRequest(plainInput(plain), ingestSymbolicator(() => NO_ROOTS)));
      for (const outcome of [await onWorker, await none.run(gzipInput(gz))]) {
        const { body, rest } = split(outcome);
        expect(Buffer.isBuffer(body) && body.equals(plain), file).toBe(true);
        expect(rest, file).toEqual(inline);
      }
      if (file === files[files.length - 1]![0]) {
        await stopping.close(); // the job it held is prepared on this thread
        const { body, rest } = split(await held);
        expect(body?.equals(plain) && rest).toEqual(inline);
      } else {
        await held;
      }
    }
    // A plain body comes back without a decoded copy.
    expect((await worker.run(plainInput(files[0]![1]))).decodedBody).toBeUndefined();
    await worker.close();
  });

  it('fail as the ingest failed them itself: corrupt 400, over the cap 413, past the one-call limit streamed', async () => {
    const worker = await startedPool();
    const none = new PreparePool({ roots: () => NO_ROOTS });
    const plain = readFileSync(path.join(CORPUS, 'envelope_angular.txt'));
    const corrupt = Buffer.from(gzipSync(plain));
    corrupt.fill(0x41, 20, 60);
    const expected = (() => { try { gunzipSmall(corrupt, MAX); } catch (err) { return err as BodyError; } return null; })();
    expect(expected?.status).toBe(400);
    // Two members, the last declaring a small size: together they inflate past the one-call limit.
    const lying = Buffer.concat([gzipSync(Buffer.alloc(SYNC_GUNZIP_MAX_OUT + 10, 0x20)), gzipSync(Buffer.from('\n'))]);
    for (const pool of [worker, none]) {
      const bad = await pool.run(gzipInput(corrupt)).catch((err: unknown) => err);
      expect(bad instanceof BodyError && [bad.status, bad.message]).toEqual([400, expected?.message]);
      const big = await pool.run(gzipInput(gzipSync(plain), 1000)).catch((err: unknown) => err);
      expect(big instanceof BodyError && big.status).toBe(413);
      expect(await pool.run(gzipInput(lying)).catch((err: unknown) => err)).toBeInstanceOf(BodyNeedsStreaming);
    }
    // The worker is still there for the next body.
    expect(split(await worker.run(gzipInput(gzipSync(plain)))).body?.equals(plain)).toBe(true);
    expect(worker.workerReady).toBe(true);
    await worker.close();
  });
});
