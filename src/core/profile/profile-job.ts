import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProfileProblem } from '../../shared/api-profile';
import type { DB } from '../store/db';
import { profileAnswer, type AnswerFrame, type ProfileJobOptions, type ProfileJson } from './profile-answer';
import { readStoredProfileItems, type StoredProfileItem } from './stored-payloads';

export type { AnswerFrame, ProfileJobOptions, ProfileJson };

/** A profile request this large (decompressed on the main thread) held ingest for tens of ms: the size the worker tests exceed. */
export const PROFILE_WORKER_BYTES = 1 << 20;

/**
 * What the worker is given: the store to read the items from itself (its own read-only
 * connection; WAL lets it read beside the writer), or their bytes already read.
 */
export interface ProfileWorkerJob {
  store?: { file: string; nativeBinding?: string };
  items: StoredProfileItem[];
  payloads?: { data: Uint8Array; label: string }[];
  readProblems?: ProfileProblem[];
  opts: ProfileJobOptions;
  frame: AnswerFrame;
}
export type ProfileWorkerReply = { ok: true; json: Uint8Array; threadCount: number; unreadable: boolean }
  | { ok: false; message: string; storeUnavailable?: boolean };

/** The profile worker stopped or threw: the answer says so instead of a profile. */
export class ProfileWorkerError extends Error {
  constructor(message: string, readonly storeUnavailable = false) {
    super(message);
    this.name = 'ProfileWorkerError';
  }
}

/** The built profile-worker.js beside the prepare worker (out/cli, out/main); undefined from source (tests). */
export function profileWorkerBeside(prepareWorkerFile: string | undefined): string | undefined {
  if (!prepareWorkerFile) return undefined;
  const file = join(dirname(prepareWorkerFile), 'profile-worker.js');
  return existsSync(file) ? file : undefined;
}

/** Runs one job on a short-lived worker thread (its start, ~30 ms, is small beside the work). */
export async function runOnProfileWorker(workerFile: string, job: ProfileWorkerJob): Promise<ProfileJson> {
  const reply = await new Promise<ProfileWorkerReply>((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: job });
    worker.once('message', (m: ProfileWorkerReply) => { resolve(m); void worker.terminate(); });
    worker.once('error', (err) => reject(new ProfileWorkerError(`the profile worker failed: ${err.message}`)));
    worker.once('exit', (code) => { if (code !== 0) reject(new ProfileWorkerError(`the profile worker stopped (exit code ${code})`)); });
  });
  if (!reply.ok) throw new ProfileWorkerError(reply.message, reply.storeUnavailable);
  const json = Buffer.from(reply.json.buffer, reply.json.byteOffset, reply.json.byteLength);
  return { json, threadCount: reply.threadCount, unreadable: reply.unreadable };
}

export interface ProfileJobContext { db: DB; workerFile?: string; nativeBinding?: string }

/**
 * Reads, source-maps and aggregates stored profile items into the read API's answer, on the
 * worker when there is one (built apps), which reads the store itself: decompressing a 29 MB
 * chunk's request here held ingest ~100 ms, and source-mapping a JS profile parses maps and reads
 * bundles (2,000 frames of a 5 MB map took 0.5–1.5 s), which a Node profile's files do with no
 * folder set. Where the worker cannot open the store (no loadable driver) it is handed the bytes.
 */
export async function runProfileJob(ctx: ProfileJobContext, items: StoredProfileItem[], opts: ProfileJobOptions, frame: AnswerFrame): Promise<ProfileJson> {
  const onWorker = ctx.workerFile !== undefined;
  if (onWorker && !ctx.db.memory) {
    try {
      return await runOnProfileWorker(ctx.workerFile!, { store: { file: ctx.db.name, nativeBinding: ctx.nativeBinding }, items, opts, frame });
    } catch (err) {
      if (!(err instanceof ProfileWorkerError && err.storeUnavailable)) throw err;
    }
  }
  const { payloads, problems } = readStoredProfileItems(ctx.db, items);
  if (!onWorker) return profileAnswer(payloads, problems, opts, frame);
  return runOnProfileWorker(ctx.workerFile!, { items, payloads, readProblems: problems, opts, frame });
}
