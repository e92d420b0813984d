import { Worker } from 'node:worker_threads';
import type { RootsSnapshot } from '../symbolicate/project-roots';
import { ingestSymbolicator } from './ingest-symbolicator';
import { decodedBodyOf, errorOfFailure, LARGE_BODY, reviveBuffers, type PoolInput, type PoolOutcome, type WorkerReply,
  type WorkerRequest } from './prepare-protocol';
import { prepareRequest } from './prepare-request';
import type { Symbolicator } from './prepare-event';
import type { DictionaryHint } from '../store/body-dictionary-encode';

/** Jobs the worker may hold before the main thread prepares requests itself. */
const MAX_QUEUED = 32;
const RETEACH_MS = 5000;

interface Job { input: PoolInput; resolve: (o: PoolOutcome) => void; reject: (e: unknown) => void }

export interface PreparePoolOptions {
  /** The built prepare-worker.js; without it every request is prepared on the main thread. */
  workerFile?: string;
  roots: () => RootsSnapshot;
  log?: (line: string) => void;
}

/**
 * Prepares requests (parse, normalise, symbolicate, group) on a worker thread, so the main
 * thread's time goes to HTTP and the store's writes. When the worker is busy, not started yet,
 * or gone, the main thread does the job itself: a request is never refused or lost for it.
 */
export class PreparePool {
  private worker: Worker | null = null;
  private ready = false;
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;
  private sentRoots: RootsSnapshot | null = null;
  private readonly inline: Symbolicator;
  private readonly taught = new Map<number, number>();

  constructor(private readonly opts: PreparePoolOptions) {
    this.inline = ingestSymbolicator(opts.roots);
    if (opts.workerFile) this.start(opts.workerFile);
  }

  /** How many requests are on the worker now (for tests and diagnostics). */
  get onWorker(): number { return this.jobs.size; }
  get workerReady(): boolean { return this.ready; }

  /**
   * Once the worker is up it prepares every request, a lone one too: preparing that one here
   * saved ~0.1 ms at the median but held the event loop (and its GC) for every other request.
   * At 500 requests/s p99 acknowledgement measured 7.4 ms against 9.7 ms (medians of 7 runs
   * each, store on tmpfs). Past the queue limit the main thread does it, for a small body.
   * A large body goes to the worker too, though it costs a copy each way: prepared here, a 10 MB
   * event held the event loop (every other request, the app's read API) for ~440 ms.
   */
  run(input: PoolInput): Promise<PoolOutcome> {
    const worker = this.worker;
    // A large body goes to the worker even past the limit: the ingest lets one through at a
    // time (LargeRequestGate), and prepared here it would hold the event loop for seconds.
    if (!worker || !this.ready || (this.jobs.size >= MAX_QUEUED && input.body.length <= LARGE_BODY)) {
      return this.prepareHere(input);
    }
    const roots = this.opts.roots();
    if (roots !== this.sentRoots) this.post(worker, { type: 'roots', roots });
    this.sentRoots = roots;
    const id = this.nextId++;
    // A view into a larger ArrayBuffer would be cloned whole: send exactly the body's bytes, in a
    // block of their own (Buffer.from would put a small body in Node's 8 KB pool, cloned whole too).
    const body = input.body.byteOffset === 0 && input.body.byteLength === input.body.buffer.byteLength ? input.body
      : Buffer.from(new Uint8Array(input.body).buffer);
    return new Promise<PoolOutcome>((resolve, reject) => {
      this.jobs.set(id, { input, resolve, reject });
      this.post(worker, { type: 'job', id, input: { ...input, body } });
    });
  }

  /**
   * Tells the worker a body dictionary the writer had to use without its help. Again after a
   * while, in case the worker has since dropped it from its cache.
   */
  teach(hint: DictionaryHint): void {
    const now = Date.now();
    if (!this.worker || !this.ready || now - (this.taught.get(hint.id) ?? -Infinity) < RETEACH_MS) return;
    if (this.taught.size >= 100_000) this.taught.clear();
    this.taught.set(hint.id, now);
    this.post(this.worker, { type: 'dictionary', hint });
  }

  private post(worker: Worker, message: WorkerRequest): void {
    worker.postMessage(message);
  }

  private start(file: string): void {
    let worker: Worker;
    try {
      worker = new Worker(file);
    } catch (err) {
      this.opts.log?.(`prepare worker could not start (${(err as Error).message}); preparing on the main thread`);
      return;
    }
    this.worker = worker;
    worker.unref();
    worker.on('message', (m: WorkerReply) => this.receive(m));
    worker.on('error', (err) => this.fail(`prepare worker failed: ${err.message}`));
    worker.on('exit', (code) => { if (this.worker === worker) this.fail(`prepare worker exited (${code})`); });
  }

  private receive(m: WorkerReply): void {
    if ('ready' in m) { this.ready = true; return; }
    const job = this.jobs.get(m.id);
    if (!job) return;
    this.jobs.delete(m.id);
    if ('error' in m) job.reject(new Error(m.error));
    else if (!('outcome' in m)) job.reject(errorOfFailure(m));
    else {
      const outcome: PoolOutcome = m.outcome.ok ? { ...m.outcome, plan: reviveBuffers(m.outcome.plan) } : m.outcome;
      if (m.decodedBody) outcome.decodedBody = Buffer.from(m.decodedBody.buffer, m.decodedBody.byteOffset, m.decodedBody.byteLength);
      job.resolve(outcome);
    }
  }

  /** What the worker does, on this thread: the same inflate, then the same prepare. */
  private async prepareHere(input: PoolInput): Promise<PoolOutcome> {
    const body = decodedBodyOf(input);
    const outcome: PoolOutcome = await prepareRequest(body === input.body ? input : { ...input, body }, this.inline);
    if (input.gzip) outcome.decodedBody = body;
    return outcome;
  }

  /** The worker is gone: what it held is prepared here instead, and so is everything after. */
  private fail(reason: string | null): void {
    if (reason) this.opts.log?.(`${reason}; preparing on the main thread`);
    this.worker = null;
    this.ready = false;
    const jobs = [...this.jobs.values()];
    this.jobs.clear();
    for (const job of jobs) this.prepareHere(job.input).then(job.resolve, job.reject);
  }

  /** Stops the worker; whatever it still held is prepared here, so no caller is left waiting. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.fail(this.jobs.size > 0 ? 'prepare worker stopped with requests in hand' : null);
    await worker.terminate();
  }
}
