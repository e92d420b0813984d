// Worker-thread entry (built as its own file next to the CLI and Electron main bundles): runs
// prepareRequest for the main thread, which keeps only HTTP and the store's writes.
import { parentPort } from 'node:worker_threads';
import type { RootsSnapshot } from '../symbolicate/project-roots';
import { ingestSymbolicator } from './ingest-symbolicator';
import { prepareRequest } from './prepare-request';
import { decodedBodyOf, decodeFailureOf, ownBuffers, type WorkerReply, type WorkerRequest } from './prepare-protocol';
import { dictionaryKey } from './dictionary-key';
import { WorkerDictionaries } from './worker-dictionaries';
import { encodePayload } from '../store/codec';
import { LARGE_BODY } from './prepare-protocol';

let roots: RootsSnapshot = { global: [], byProject: {} };
const symbolicate = ingestSymbolicator(() => roots);
const dictionaries = new WorkerDictionaries();

function reply(message: WorkerReply, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

parentPort?.on('message', (message: WorkerRequest) => {
  if (message.type === 'roots') { roots = message.roots; return; }
  if (message.type === 'dictionary') {
    dictionaries.learn({ ...message.hint, bytes: Buffer.from(message.hint.bytes.buffer, message.hint.bytes.byteOffset, message.hint.bytes.byteLength) });
    return;
  }
  const sent = { ...message.input, body: Buffer.from(message.input.body.buffer, message.input.body.byteOffset, message.input.body.byteLength) };
  let input: typeof sent;
  try {
    input = { ...sent, body: decodedBodyOf(sent) };
  } catch (err) {
    const failure = decodeFailureOf(err);
    reply(failure ? { id: message.id, ...failure } : { id: message.id, error: err instanceof Error ? err.stack ?? err.message : String(err) });
    return;
  }
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
      if (outcome.ok) ownBuffers(outcome.plan);
      if (!sent.gzip) { reply({ id: message.id, outcome }); return; }
      // The inflated body goes back moved, not copied: its own exact-size buffer (zlib's output
      // may be a view into a larger one, or Node's shared pool, which must not be moved).
      const decodedBody = new Uint8Array(input.body);
      reply({ id: message.id, outcome, decodedBody }, [decodedBody.buffer]);
    },
    (err: unknown) => reply({ id: message.id, error: err instanceof Error ? err.stack ?? err.message : String(err) }),
  );
});
reply({ ready: true });
