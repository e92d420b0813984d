import { GroupWriter } from './writer';

/**
 * The group writer with a pause: while `hold`'s work runs (a compaction's VACUUM on another
 * connection, which holds the write lock), jobs submitted wait in order and go on afterwards,
 * so no write meets a locked file (each would block the thread for `busy_timeout` and fail) and
 * no request is acknowledged before it is stored.
 */
export class HeldWriter extends GroupWriter {
  private gate: Promise<void> | null = null;

  override submit<T>(run: () => T, opts: { leavesPending?: boolean } = {}): Promise<T> {
    // Chained in submission order; they reach the writer in that order when the gate opens.
    return this.gate ? this.gate.then(() => super.submit(run, opts)) : super.submit(run, opts);
  }

  /** Runs `work` once the writer has committed what was queued, with every later job held until it ends. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    if (this.gate) throw new Error('the writer is already held');
    let open = () => undefined as void;
    this.gate = new Promise<void>((resolve) => { open = resolve; });
    try {
      // What was queued before the gate commits first (an empty job, past the gate, waits for it).
      await super.submit(() => undefined);
      return await work();
    } finally {
      this.gate = null;
      open();
    }
  }
}
