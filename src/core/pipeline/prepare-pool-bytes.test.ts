import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { PreparePool } from './prepare-pool';
import { dictionaryKey } from './dictionary-key';
import type { WorkerRequest } from './prepare-protocol';
import { CORPUS, requestInput, useBuiltPrepareWorker } from './test-prepare-worker';

// Bytes cross between the main thread and the prepare worker by structured clone, which copies a
// view's whole memory block: each must travel in a block of its own size (issue #8).

const WORKER = useBuiltPrepareWorker('prepare-worker-bytes.mjs');

const input = requestInput;
const ownBlock = (bytes: Uint8Array | null | undefined) => bytes?.buffer.byteLength === bytes?.byteLength;

async function readyPool(): Promise<PreparePool> {
  const pool = new PreparePool({ workerFile: WORKER, roots: () => ({ global: [], byProject: {} }) });
  for (let i = 0; i < 500 && !pool.workerReady; i++) await new Promise((r) => setTimeout(r, 10));
  expect(pool.workerReady).toBe(true);
  return pool;
}

describe('bytes between the threads', () => {
  it('come back from the worker each in a block of its own size', async () => {
    const pool = await readyPool();
    const first = readFileSync(path.join(CORPUS, 'envelope_angular.txt'));
    const taught = await pool.run(input(first));
    if (!taught.ok) throw new Error(taught.detail);
    pool.teach({ projectId: 1, key: dictionaryKey(taught.plan), id: 3, crc: crc32(first), bytes: first });
    const again = await pool.run(input(Buffer.from(first.toString().replace(/"event_id":"[0-9a-f]{32}"/g, `"event_id":"${'d'.repeat(32)}"`))));
    if (!again.ok || !again.plan.deflatedBody) throw new Error('not deflated');
    // zlib hands back a view into its 16 KB output chunk; ~100 bytes of it cross.
    expect(again.plan.deflatedBody.data.length).toBeLessThan(2_000);
    expect(ownBlock(again.plan.deflatedBody.data)).toBe(true);
    // A small stored payload (Node's Buffer pool) and attachment bytes alike.
    const legacy = await pool.run(input(Buffer.from('{"message":"legacy store","platform":"node"}'), 'store'));
    const stored = legacy.ok && legacy.plan.items[0]?.type === 'event' ? legacy.plan.items[0].storedPayload : null;
    expect(stored?.toString()).toContain('legacy store');
    expect(ownBlock(stored)).toBe(true);
    const withAttachment = await pool.run(input(readFileSync(path.join(CORPUS, 'attachments_envelope_with_text.txt'))));
    if (!withAttachment.ok) throw new Error(withAttachment.detail);
    const rows = withAttachment.plan.items.flatMap((item) => (item.type === 'rows' ? item.rows : []));
    const blobs = rows.flatMap((row) => Object.values(row).filter((v): v is Buffer => Buffer.isBuffer(v)));
    expect(blobs.length).toBeGreaterThan(0);
    expect(blobs.every(ownBlock)).toBe(true);
    await pool.close();
  });

  it('go to the worker in a block of their own size, not the 8 KB pool block a small body sits in', async () => {
    const pool = await readyPool();
    const posted = vi.spyOn((pool as unknown as { worker: Worker }).worker, 'postMessage');
    // What the ingest reads a small gzip body as: a view into a larger block.
    const body = Buffer.from(readFileSync(path.join(CORPUS, 'envelope_angular.txt')).subarray(0, 2_000));
    expect(body.buffer.byteLength).toBeGreaterThan(body.length);
    await pool.run(input(body));
    const job = posted.mock.calls.map(([message]) => message as WorkerRequest).find((message) => message.type === 'job');
    expect(job?.type === 'job' && job.input.body.equals(body)).toBe(true);
    expect(job?.type === 'job' && ownBlock(job.input.body)).toBe(true);
    await pool.close();
  });
});
