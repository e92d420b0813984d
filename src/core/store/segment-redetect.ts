/**
 * Streamed segments detected again from the store, off the request that brought their last part:
 * a segment is read once no new part of it came for `quietMs` (its parts come in bursts: the SDK
 * flushes a trace's spans 500 ms after a segment ends, or after 5 s), and at most `maxWaitMs` after
 * it was first asked for, so a segment that keeps growing is still read. Sentry's span buffer waits
 * 10 s of quiet after the root (`spans.buffer.root-timeout`) before it detects anything; here the
 * common segment, whole with its root, was detected at ingest already (`segment-writer.ts`).
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/spans/buffer.py
 */
import type { IssueChange } from './issue-writer';
import type { SegmentKey } from './segment-assemble';

type Assigned = { issueId: number; change: IssueChange };

export class SegmentRedetections {
  private readonly waiting = new Map<string, { key: SegmentKey; first: number; timer: NodeJS.Timeout }>();

  /** `run`: a writer job that detects one segment and files its problems; `onIssues`: the issues it counted in. */
  constructor(private readonly run: (key: SegmentKey) => Promise<Assigned[]>, private readonly onIssues: (assigned: Assigned[]) => void,
    private readonly quietMs = 1000, private readonly maxWaitMs = 10_000) {}

  schedule(keys: readonly SegmentKey[]): void {
    const now = Date.now();
    for (const key of keys) {
      const id = `${key.projectId}:${key.traceId}:${key.segmentId}`;
      const before = this.waiting.get(id);
      if (before) clearTimeout(before.timer);
      const first = before?.first ?? now;
      const delay = Math.max(0, Math.min(this.quietMs, first + this.maxWaitMs - now));
      const timer = setTimeout(() => this.fire(id), delay);
      timer.unref();
      this.waiting.set(id, { key, first, timer });
    }
  }

  private fire(id: string): void {
    const entry = this.waiting.get(id);
    if (!entry) return;
    this.waiting.delete(id);
    // A failed job (the store closing, a full disk) leaves the segment as it was filed at ingest.
    this.run(entry.key).then((assigned) => { if (assigned.length > 0) this.onIssues(assigned); }, () => undefined);
  }

  /** Forgets what waits: the store is closing. */
  close(): void {
    for (const { timer } of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
  }
}
