import { performance } from 'node:perf_hooks';
import type { DB } from './db';
import { cacheVersion } from './cache-versions';
import { overCountOrSize, pruneStep, type RetentionLimits, type RetentionReason } from './retention';
import { checkpointAndTruncate, returnFreePages } from './retention-vacuum';
import type { RetentionRun } from '../../shared/api-storage';

/** Ingest commits between two checks of the event count and size (a row and three pragmas: ~µs). */
const CHECK_EVERY_COMMITS = 32;
/** After a commit, the count and size are checked once more this much later (the tail of a burst). */
const TAIL_CHECK_MS = 300;
/** How long one pruning step may hold the writer (it runs inside an ingest group commit). */
const STEP_TARGET_MS = 25;
const MIN_BATCH = 50;
const MAX_BATCH = 5_000;
/** How far under a limit a run that found the store over it goes. */
const HEADROOM = 0.01;
/** Runs kept for Settings. */
const RUNS_KEPT = 10;
/** After a run that freed this much, the WAL is checkpointed and cut to nothing (it kept its largest size). */
const TRUNCATE_AFTER_BYTES = 16 * 1024 * 1024;

export interface RetentionLoopOptions {
  db: DB;
  /** The writer's submit: each step runs as one of its jobs, between ingest commits. */
  submit: <T>(run: () => T) => Promise<T>;
  limits: () => RetentionLimits;
  log: (line: string) => void;
  /** How often the age limit (and everything else) is checked, in ms (default 60 s). */
  intervalMs?: number;
}

export interface RetentionLoop {
  /** Called after each ingest commit: every few commits the count and size are checked, and a run starts when one is over. */
  noteCommit(): void;
  /** Runs now (or once more after the run under way). */
  runNow(trigger: RetentionRun['trigger']): Promise<void>;
  /** The last runs that deleted something, newest first. */
  recentRuns(): RetentionRun[];
  readonly running: boolean;
  close(): void;
}

const LIMIT_TEXT: Record<RetentionReason, (l: RetentionLimits) => string> = {
  events: (l) => `to stay under ${l.maxEvents.toLocaleString('en-US')} events`,
  size: (l) => `to stay under ${(l.maxBytes / 1024 / 1024).toLocaleString('en-US', { maximumFractionDigits: 0 })} MiB`,
  age: (l) => `older than ${l.maxAgeDays} day${l.maxAgeDays === 1 ? '' : 's'}`,
};

/** The log line of a run: "retention: deleted 10,500 events (oldest from 2026-10-27) to stay under 120,000 events". */
export function describeRun(run: Omit<RetentionRun, 'summary'>, limits: RetentionLimits): string {
  const oldest = run.oldestReceived !== null ? ` (oldest from ${new Date(run.oldestReceived).toISOString().slice(0, 10)})` : '';
  const what = run.deletedEvents > 0 ? `${run.deletedEvents.toLocaleString('en-US')} events` : `${run.deletedEnvelopes.toLocaleString('en-US')} requests`;
  return `retention: deleted ${what}${oldest} ${LIMIT_TEXT[run.reason](limits)}`;
}

/**
 * Keeps the store within its retention limits while ingest goes on: a run starts as soon as the
 * event count or size is over (read every few ingest commits), when a limit changes, and on a
 * timer (the age limit). A run deletes in steps sized to hold the writer about 25 ms each, one
 * writer job per step, so ingest commits go on between them and a looping app cannot outgrow
 * the limits; then it returns the freed pages to the disk and logs one line.
 */
export function startRetentionLoop(opts: RetentionLoopOptions): RetentionLoop {
  const { db, submit, limits, log } = opts;
  const runs: RetentionRun[] = [];
  let current: Promise<void> | null = null;
  let again: RetentionRun['trigger'] | null = null;
  let commits = 0;
  let closed = false;
  let batch = 500;
  let settingsSeen = cacheVersion(db, 'settings');

  async function run(trigger: RetentionRun['trigger']): Promise<void> {
    const started = Date.now();
    const total = { envelopes: 0, events: 0, longestStepMs: 0, oldest: null as number | null, reason: 'age' as RetentionReason };
    // A store over its count or size goes down to 1 % under it, so an app in a loop brings a run (and a
    // log line) per 1 % of the limit, not one per few commits. Under both limits, a run deletes by age only.
    const headroom = overCountOrSize(db, limits()) ? HEADROOM : 0;
    for (;;) {
      if (closed) return;
      const full = limits();
      const l = { ...full, maxEvents: full.maxEvents - Math.floor(full.maxEvents * headroom), maxBytes: full.maxBytes - Math.floor(full.maxBytes * headroom) };
      const step = await submit(() => {
        const t0 = performance.now();
        const done = pruneStep(db, l, Date.now(), batch);
        return { ...done, ms: performance.now() - t0 };
      }).catch(() => null);
      if (!step) break;
      total.longestStepMs = Math.max(total.longestStepMs, step.ms);
      if (step.envelopes > 0) {
        total.envelopes += step.envelopes;
        total.events += step.events;
        total.oldest ??= step.oldestReceived;
        total.reason = step.reason;
        // Sized so a step holds the writer about STEP_TARGET_MS on this store.
        batch = Math.round(Math.min(MAX_BATCH, Math.max(MIN_BATCH, batch * Math.min(2, STEP_TARGET_MS / Math.max(1, step.ms)))));
      }
      if (step.envelopes + step.other === 0) break;
    }
    if (total.envelopes === 0 || closed) return;
    const freed = await returnFreePages(db, submit);
    if (closed) return;
    if (freed >= TRUNCATE_AFTER_BYTES) checkpointAndTruncate(db);
    const done = { at: Date.now(), trigger, reason: total.reason, deletedEvents: total.events,
      deletedEnvelopes: total.envelopes, oldestReceived: total.oldest, tookMs: Date.now() - started,
      longestStepMs: Math.round(total.longestStepMs * 10) / 10, freedBytes: freed };
    const entry: RetentionRun = { ...done, summary: describeRun(done, limits()) };
    runs.unshift(entry);
    runs.length = Math.min(runs.length, RUNS_KEPT);
    log(entry.summary);
  }

  function runNow(trigger: RetentionRun['trigger']): Promise<void> {
    if (current) { again ??= trigger; return current; }
    // A failed run (the store closing under it) is tried again by the next trigger.
    current = run(trigger).catch(() => undefined).finally(() => {
      current = null;
      const next = again;
      again = null;
      if (next && !closed) void runNow(next);
    });
    return current;
  }

  // A saved limit takes effect at once, not at the next tick (the settings' cache version moves on each save).
  const settingsWatch = setInterval(() => {
    const version = cacheVersion(db, 'settings');
    if (version !== settingsSeen) { settingsSeen = version; void runNow('settings'); }
  }, 500);
  settingsWatch.unref();
  const timer = setInterval(() => { void runNow('timer'); }, opts.intervalMs ?? 60_000);
  timer.unref();
  void runNow('start');
  let tail: NodeJS.Timeout | null = null;
  // Between transactions (the writer's are synchronous), so this reads committed counts.
  const check = () => { if (!current && !closed && overCountOrSize(db, limits())) void runNow('ingest'); };

  return {
    noteCommit() {
      if (closed) return;
      // The last commits of a burst are checked too, shortly after it ends.
      tail ??= setTimeout(() => { tail = null; commits = 0; check(); }, TAIL_CHECK_MS);
      tail.unref();
      if (++commits < CHECK_EVERY_COMMITS || current) return;
      commits = 0;
      check();
    },
    runNow,
    recentRuns: () => runs.slice(),
    get running() { return current !== null; },
    close() {
      closed = true;
      clearInterval(timer);
      clearInterval(settingsWatch);
      if (tail) clearTimeout(tail);
    },
  };
}
