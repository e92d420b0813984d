// Worker-thread entry (built as its own file next to the CLI and Electron main bundles): runs
// prepareRequest for the main thread, which keeps only HTTP and the store's writes.
import { parentPort } from 'node:worker_threads';
import type { RootsSnapshot } from '../symbolicate/project-roots';
import { ingestSymbolicator } from './ingest-symbolicator';
import { prepareRequest } from './prepare-request';
import type { WorkerReply, WorkerRequest } from './prepare-protocol';
import { dictionaryKey } from './dictionary-key';
import { WorkerDictionaries } from './worker-dictionaries';
import { encodePayload } from '../store/codec';
import { LARGE_BODY } from './prepare-protocol';

let roots: RootsSnapshot = { global: [], byProject: {} };
const symbolicate = ingestSymbolicator(() => roots);
const dictionaries = new WorkerDictionaries();

function reply(message: WorkerReply): void {
  parentPort?.postMessage(message);
}

parentPort?.on('message', (message: WorkerRequest) => {
  if (message.type === 'roots') { roots = message.roots; return; }
  if (message.type === 'dictionary') {
    dictionaries.learn({ ...message.hint, bytes: Buffer.from(message.hint.bytes.buffer, message.hint.bytes.byteOffset, message.hint.bytes.byteLength) });
    return;
  }
  const input = { ...message.input, body: Buffer.from(message.input.body.buffer, message.input.body.byteOffset, message.input.body.byteLength) };
  prepareRequest(input, symbolicate).then(
    (outcome) => {
      // The body deflated here against its shape's dictionary, so the writer need not (a fifth of its time).
      const deflated = outcome.ok ? dictionaries.deflate(outcome.projectId, dictionaryKey(outcome.plan), input.body) : null;
      if (outcome.ok && deflated) outcome.plan.deflatedBody = deflated;
      // A large body is compressed here too, not in the writer's transaction on the main thread.
      if (outcome.ok && input.body.length >= LARGE_BODY) {
        const packed = encodePayload(input.body);
        outcome.plan.packedBody = packed.codec === 'raw' ? { codec: 'raw', data: null } : packed;
      }
      reply({ id: message.id, outcome });
    },
    (err: unknown) => reply({ id: message.id, error: err instanceof Error ? err.stack ?? err.message : String(err) }),
  );
});
reply({ ready: true });
