/**
 * When monitors are judged without a request: right after check-ins are stored (an `error`
 * opens or joins an incident, an `ok` resolves it) and on a timer, since a missed tick or a run
 * past `max_runtime` is a failure nobody sends (Sentry's clock ticks each minute). One pass at a
 * time, each a writer job; passes asked for while one runs are folded into one more.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/clock_dispatch.py
 */
import type { IssueChange } from '../store/issue-writer';
import type { JudgedIssues } from './cron-incidents';

/** Half of Sentry's minute tick: a missed check-in shows as an issue within this of its margin running out. */
export const CRON_JUDGE_INTERVAL_MS = 30_000;

export interface CronSchedulerOptions {
  /** Runs `judge` in a writer job. */
  submit: (run: () => JudgedIssues) => Promise<JudgedIssues>;
  judge: (now: number) => JudgedIssues;
  /** The time monitors are judged at (tests move it instead of waiting). */
  clock?: () => number;
  intervalMs?: number;
  onChanged: (changed: { issueId: number; change: IssueChange }[]) => void;
  log: (line: string) => void;
}

export interface CronScheduler {
  /** Asks for a pass soon (new check-ins). */
  poke(): void;
  /** A pass that starts after any under way; resolves with what it changed. */
  judgeNow(): Promise<JudgedIssues>;
  stop(): void;
}

export function startCronScheduler(opts: CronSchedulerOptions): CronScheduler {
  const clock = opts.clock ?? Date.now;
  let running: Promise<JudgedIssues> | null = null;
  let again = false;
  let stopped = false;

  const pass = async (): Promise<JudgedIssues> => {
    const result = await opts.submit(() => opts.judge(clock()));
    if (result.changed.length > 0) opts.onChanged(result.changed);
    return result;
  };
  const run = (): Promise<JudgedIssues> => {
    const p = (running ?? Promise.resolve(null)).catch(() => null).then(() => pass());
    const current = p.finally(() => {
      if (running !== current) return;
      running = null;
      if (again && !stopped) { again = false; void run().catch(report); }
    });
    running = current;
    return current;
  };
  const report = (err: unknown) => { if (!stopped) opts.log(`crons: judging monitors failed: ${(err as Error).message}`); };

  const timer = setInterval(() => { if (!running) void run().catch(report); }, opts.intervalMs ?? CRON_JUDGE_INTERVAL_MS);
  timer.unref();
  // Once at start: what came due while Lookout was not running.
  void run().catch(report);

  return {
    poke() {
      if (stopped) return;
      if (running) again = true; else void run().catch(report);
    },
    judgeNow: () => run(),
    stop() { stopped = true; clearInterval(timer); },
  };
}
