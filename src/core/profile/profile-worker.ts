// Worker-thread entry (built as its own file next to the CLI and Electron main bundles): aggregates
// one large profile request off the thread that answers ingest (a 35 MB chunk took ~1 s).
import { parentPort, workerData } from 'node:worker_threads';
import { profileFromPayloads, summarize } from './index';
import type { ProfileJob, ProfileJobReply } from './profile-job';

const job = workerData as ProfileJob;
let reply: ProfileJobReply;
try {
  const payloads = job.payloads.map((p) => ({ data: Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength), label: p.label }));
  const { aggregate, parsed } = profileFromPayloads(payloads, job.opts);
  reply = { ok: true, aggregate, parsed: parsed.map(summarize) };
} catch (err) {
  reply = { ok: false, message: (err as Error).message };
}
parentPort?.postMessage(reply);
