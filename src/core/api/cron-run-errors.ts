/**
 * The errors of a monitor's runs: error events of a run's trace captured while it ran. Error
 * events name no check-in, so Lookout reads them as Sentry links them, through the run's trace
 * id (`contexts.trace` of the check-in), and also by time: `withMonitor` without `isolateTrace`
 * keeps the process's trace, so one trace holds every run of the process and every error captured
 * between them. A run's window is taken in the SDK's clock when its check-ins carried `sent_at`
 * (the clock its events are stamped with), so an error captured just before the job began is not
 * taken for the job's own.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/models.py (MonitorCheckIn.trace_id)
 * @see https://github.com/getsentry/sentry-javascript/blob/develop/packages/core/src/exports.ts (withMonitor, isolateTrace)
 */
import type { CronRunError } from '../../shared/api-crons';
import type { DB } from '../store/db';
import type { AnchoredRun } from './cron-runs';
import { traceIdForms } from './trace-id';

/**
 * Around a window in the SDK's clock: none before (the `in_progress` check-in is sent before the
 * job's first line runs), a few ms after, for the error `withMonitor` rethrows once it has closed
 * the run and its caller captures (the run's cause, often).
 */
const SDK_BEFORE_SLACK_MS = 0;
const SDK_AFTER_SLACK_MS = 20;
/**
 * Around a window in Lookout's clock (check-ins without `sent_at`): the check-in arrives a little
 * after the job began, and the close a little after it ended.
 */
const RECEIVED_BEFORE_SLACK_MS = 250;
const RECEIVED_AFTER_SLACK_MS = 1000;
/** Errors named per run (newest first); the rest are counted. */
export const ERRORS_LISTED_PER_RUN = 5;
/** Errors of one trace looked at, at most (a process-wide trace of a long-running worker holds many). */
const MAX_TRACE_ERRORS = 100_000;

interface Window { run: AnchoredRun; from: number; to: number; inside: (ts: number) => boolean }

/** Each run's window with its slack; a run still open ends where the next one began (or now). */
function windowsOf(runs: readonly AnchoredRun[], now: number): Window[] {
  return runs.map((r, i) => {
    const newer = i > 0 ? runs[i - 1] : undefined;
    const sdk = r.sdkWindow;
    if (sdk) {
      const end = sdk.endMs ?? newer?.sdkWindow?.startMs ?? now;
      return { run: r, from: sdk.startMs - SDK_BEFORE_SLACK_MS, to: end + SDK_AFTER_SLACK_MS, inside: (ts) => ts >= sdk.startMs && ts <= end };
    }
    const start = r.run.startedMs;
    const end = r.run.finishedMs ?? newer?.run.startedMs ?? now;
    return { run: r, from: start - RECEIVED_BEFORE_SLACK_MS, to: end + RECEIVED_AFTER_SLACK_MS, inside: (ts) => ts >= start && ts <= end };
  });
}

/** Reads the errors of runs (newest first): per run, its newest few and how many it has (`errorCount`). */
export function runErrorReader(db: DB) {
  // Named: without statistics the planner took events_kind and read every error event stored.
  const inTrace = db.prepare(`SELECT id, timestamp FROM events INDEXED BY events_trace
    WHERE trace_id IN (@t0, @t1) AND kind = 'event' AND timestamp BETWEEN @from AND @to LIMIT ${MAX_TRACE_ERRORS}`);
  const details = db.prepare(`SELECT id, event_id, issue_id, title, level, timestamp FROM events WHERE id IN (SELECT value FROM json_each(?))`);

  return (runs: readonly AnchoredRun[], now: number): { errors: CronRunError[]; counts: Map<AnchoredRun, number>; sharedTrace: boolean } => {
    const byTrace = new Map<string, Window[]>();
    for (const w of windowsOf(runs, now)) {
      const trace = w.run.run.traceId;
      if (!trace) continue;
      const list = byTrace.get(trace);
      if (list) list.push(w); else byTrace.set(trace, [w]);
    }
    const counts = new Map<AnchoredRun, number>();
    const listed: { run: AnchoredRun; id: number; ts: number }[] = [];
    for (const [traceId, windows] of byTrace) {
      const forms = traceIdForms(traceId);
      if (!forms) continue;
      const from = Math.min(...windows.map((w) => w.from));
      const to = Math.max(...windows.map((w) => w.to));
      const rows = inTrace.all({ t0: forms[0], t1: forms[1], from, to }) as { id: number; timestamp: number }[];
      const perRun = new Map<Window, { id: number; ts: number }[]>();
      for (const e of rows) {
        // A run it fell in, else one whose slack takes it.
        const w = windows.find((x) => x.inside(e.timestamp)) ?? windows.find((x) => e.timestamp >= x.from && e.timestamp <= x.to);
        if (!w) continue;
        const list = perRun.get(w);
        if (list) list.push({ id: e.id, ts: e.timestamp }); else perRun.set(w, [{ id: e.id, ts: e.timestamp }]);
      }
      for (const [w, list] of perRun) {
        counts.set(w.run, list.length);
        // The newest first: the error that failed the job is usually the last it captured.
        list.sort((a, b) => b.ts - a.ts || b.id - a.id);
        for (const e of list.slice(0, ERRORS_LISTED_PER_RUN)) listed.push({ run: w.run, ...e });
      }
    }
    const rows = listed.length === 0 ? [] : details.all(JSON.stringify(listed.map((l) => l.id))) as
      { id: number; event_id: string; issue_id: number | null; title: string; level: string | null; timestamp: number }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const errors = listed.flatMap((l): CronRunError[] => {
      const row = byId.get(l.id);
      return row ? [{ eventId: row.event_id, issueId: row.issue_id, title: row.title, level: row.level, timestamp: row.timestamp, checkInId: l.run.run.checkInId }] : [];
    });
    return { errors, counts, sharedTrace: [...byTrace.values()].some((l) => l.length > 1) };
  };
}
