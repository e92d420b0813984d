// Worker-thread entry (built as its own file next to the CLI and Electron main bundles): runs
// prepareRequest for the main thread, which keeps only HTTP and the store's writes.
import { parentPort } from 'node:worker_threads';
import type { RootsSnapshot } from '../symbolicate/project-roots';
import { ingestSymbolicator } from './ingest-symbolicator';
import { prepareRequest } from './prepare-request';
import type { WorkerReply, WorkerRequest } from './prepare-protocol';

let roots: RootsSnapshot = { global: [], byProject: {} };
const symbolicate = ingestSymbolicator(() => roots);

function reply(message: WorkerReply): void {
  parentPort?.postMessage(message);
}

parentPort?.on('message', (message: WorkerRequest) => {
  if (message.type === 'roots') { roots = message.roots; return; }
  const input = { ...message.input, body: Buffer.from(message.input.body.buffer, message.input.body.byteOffset, message.input.body.byteLength) };
  prepareRequest(input, symbolicate).then(
    (outcome) => reply({ id: message.id, outcome }),
    (err: unknown) => reply({ id: message.id, error: err instanceof Error ? err.stack ?? err.message : String(err) }),
  );
});
reply({ ready: true });
