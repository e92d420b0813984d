// Worker-thread entry (built as its own file next to the CLI and Electron main bundles): reads and
// aggregates one large profile request off the thread that answers ingest, and serialises the
// answer here too, handing back bytes (transferred, not copied).
import { parentPort, workerData } from 'node:worker_threads';
import type { DB } from '../store/db';
import { profileAnswer } from './profile-answer';
import type { ProfileWorkerJob, ProfileWorkerReply } from './profile-job';
import { readStoredProfileItems } from './stored-payloads';

/** Opens the store read-only; or why not when the driver cannot load here, e.g. an Electron build it was not given. */
async function openStore(store: NonNullable<ProfileWorkerJob['store']>): Promise<DB | string> {
  try {
    // The driver loads its native addon in the constructor, so both steps can fail for that.
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(store.file, { readonly: true, fileMustExist: true, ...(store.nativeBinding ? { nativeBinding: store.nativeBinding } : {}) });
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (err) {
    return (err as Error).message;
  }
}

async function run(job: ProfileWorkerJob): Promise<ProfileWorkerReply> {
  let read = { payloads: (job.payloads ?? []).map((p) => ({ data: Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength), label: p.label })),
    problems: job.readProblems ?? [] };
  if (job.store) {
    const db = await openStore(job.store);
    if (typeof db === 'string') return { ok: false, storeUnavailable: true, message: `the profile worker cannot open the store: ${db}` };
    try { read = readStoredProfileItems(db, job.items); } finally { db.close(); }
  }
  const answer = await profileAnswer(read.payloads, read.problems, job.opts, job.frame);
  return { ok: true, json: answer.json, threadCount: answer.threadCount, unreadable: answer.unreadable };
}

run(workerData as ProfileWorkerJob).then((reply) => {
  // A large Buffer owns its ArrayBuffer: hand it over instead of copying 10+ MB.
  const whole = reply.ok && reply.json.byteOffset === 0 && reply.json.byteLength === reply.json.buffer.byteLength;
  parentPort?.postMessage(reply, whole && reply.ok ? [reply.json.buffer as ArrayBuffer] : []);
}, (err: unknown) => {
  parentPort?.postMessage({ ok: false, message: `the profile worker failed: ${(err as Error).message}` } satisfies ProfileWorkerReply);
});
