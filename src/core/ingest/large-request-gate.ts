/**
 * Lets one large request at a time through decoding, preparing and committing. A large event
 * costs about seven times its decoded size in memory on its way to the store (the body, its copy
 * for the prepare worker, the parsed object, the cut copy, the compressed body): one 190 MB event
 * peaked at 1.4 GB of RSS, twelve at once at 6.8 GB. In turn they peak at one's cost and finish
 * as soon, since each is CPU-bound anyway. Small requests (what SDKs send) never wait here.
 */
export class LargeRequestGate {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  /** Requests waiting for their turn (for tests and diagnostics). */
  get queued(): number { return this.waiting.length; }

  /** Resolves, in arrival order, once this request may go on; call the release it gives exactly once. */
  async acquire(): Promise<() => void> {
    if (this.held) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.held = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.held = false;
    };
  }
}
