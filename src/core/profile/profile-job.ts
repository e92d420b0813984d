import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProfileAggregate } from '../../shared/api-profile';
import type { AggregateOptions } from './aggregate';
import { profileFromPayloads, summarize, type ProfileFilter, type ProfileSummary } from './index';

/** Payloads over this many bytes in all are aggregated on a worker thread: the main thread answers ingest. */
export const PROFILE_WORKER_BYTES = 1 << 20;

export type ProfileJobOptions = AggregateOptions & { maxSamples?: number; filter?: ProfileFilter };
export interface ProfileJob { payloads: { data: Uint8Array; label: string }[]; opts: ProfileJobOptions }
export type ProfileJobReply = { ok: true; aggregate: ProfileAggregate; parsed: ProfileSummary[] } | { ok: false; message: string };

/** The built profile-worker.js beside the prepare worker (out/cli, out/main); undefined from source (tests). */
export function profileWorkerBeside(prepareWorkerFile: string | undefined): string | undefined {
  if (!prepareWorkerFile) return undefined;
  const file = join(dirname(prepareWorkerFile), 'profile-worker.js');
  return existsSync(file) ? file : undefined;
}

/**
 * Aggregates profile payloads: on a short-lived worker thread when they are large and the worker
 * is built (its start, ~30 ms, is small beside the work), else here.
 */
export async function runProfileJob(job: ProfileJob, workerFile: string | undefined): Promise<{ aggregate: ProfileAggregate; parsed: ProfileSummary[] }> {
  const bytes = job.payloads.reduce((n, p) => n + p.data.byteLength, 0);
  if (!workerFile || bytes <= PROFILE_WORKER_BYTES) {
    const asBuffer = (d: Uint8Array) => (Buffer.isBuffer(d) ? d : Buffer.from(d.buffer, d.byteOffset, d.byteLength));
    const { aggregate, parsed } = profileFromPayloads(job.payloads.map((p) => ({ data: asBuffer(p.data), label: p.label })), job.opts);
    return { aggregate, parsed: parsed.map(summarize) };
  }
  const reply = await new Promise<ProfileJobReply>((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: job });
    worker.once('message', (m: ProfileJobReply) => { resolve(m); void worker.terminate(); });
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`the profile worker stopped (exit code ${code})`)); });
  });
  if (!reply.ok) throw new Error(reply.message);
  return { aggregate: reply.aggregate, parsed: reply.parsed };
}
