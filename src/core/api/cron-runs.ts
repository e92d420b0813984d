/**
 * Stored check-in rows → runs of a monitored job. An SDK opens a run with an `in_progress`
 * check-in and closes it with `ok` or `error` under the same `check_in_id` (Sentry updates the
 * check-in in place), so rows sharing an id are one run, shown with the last status sent.
 * @see https://develop.sentry.dev/sdk/telemetry/check-ins/
 */
import type { CronMonitorConfig, CronRun } from '../../shared/api-crons';
import { timeoutAt } from './cron-expected';

/** A `check_ins` row as the cron queries select it. */
export interface CheckInRow {
  id: number;
  check_in_id: string | null;
  status: string | null;
  duration: number | null;
  received: number;
  payload: string;
  /** The envelope's `sent_at` in the SDK's clock (migration 025); null for older rows or SDKs that send none. */
  sent_ms?: number | null;
}

/**
 * When the run ran in the SDK's own clock, the one its error events are stamped with: from its
 * `in_progress` check-in's `sent_at` (or the close's less the duration it measured) to the
 * close's `sent_at`; `endMs` null while open. Null when a check-in came without `sent_at`.
 */
export interface SdkWindow { startMs: number; endMs: number | null }

/** A run with the id of its newest row: runs are ordered and paged by it. */
export interface AnchoredRun { anchor: number; run: CronRun; sdkWindow: SdkWindow | null }

type Json = Record<string, unknown>;

function parse(payload: string): Json {
  try {
    const v: unknown = JSON.parse(payload);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Json : {};
  } catch { return {}; }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Json : {});

/** The key rows of one run share: the check-in id, or the row itself when the SDK sent none. */
export function runKey(row: Pick<CheckInRow, 'id' | 'check_in_id'>): string {
  // Stored ids are normalised already (migration 019); an id that is no UUID is compared the same way.
  return row.check_in_id ? `c:${row.check_in_id.replace(/-/g, '').toLowerCase()}` : `r:${row.id}`;
}

/**
 * `monitor_config` as sent (snake_case; minutes for the margin and the run time), or null when
 * the payload has none.
 * @see https://develop.sentry.dev/sdk/telemetry/check-ins/#monitor-upsert-support
 */
export function readMonitorConfig(payload: string): CronMonitorConfig | null {
  const raw = parse(payload).monitor_config;
  if (typeof raw !== 'object' || raw === null) return null;
  const c = raw as Json;
  const s = c.schedule;
  let schedule: CronMonitorConfig['schedule'] = null;
  if (s !== undefined && s !== null) {
    const so = obj(s);
    if (so.type === 'crontab' && str(so.value)) schedule = { type: 'crontab', value: String(so.value) };
    else if (so.type === 'interval' && num(so.value) !== null && str(so.unit)) schedule = { type: 'interval', value: num(so.value)!, unit: String(so.unit) };
    else schedule = { type: 'unknown', raw: s };
  }
  return {
    schedule, checkinMargin: num(c.checkin_margin), maxRuntime: num(c.max_runtime), timezone: str(c.timezone),
    failureIssueThreshold: num(c.failure_issue_threshold), recoveryThreshold: num(c.recovery_threshold),
  };
}

/**
 * One run from its rows (oldest first). Its status is that of the last closing check-in (`ok`,
 * `error`): a close is final, so an `in_progress` that arrives after it (requests race, an SDK
 * retries) does not reopen the run. A run still in progress past the config's `max_runtime`
 * (Sentry's 30 minutes when the config has none; see cron-expected.ts) is `timeout`; without any
 * config nothing says how long it may take, so it stays `in_progress`.
 * Anchored by its newest row: a page lists the runs active in its rows, each run once.
 */
export function toRun(rows: readonly CheckInRow[], config: CronMonitorConfig | null, now: number): AnchoredRun | null {
  const first = rows[0];
  const newest = rows.at(-1);
  if (!first || !newest) return null;
  const payloads = rows.map((r) => parse(r.payload));
  const opened = rows.find((r) => r.status === 'in_progress');
  const closed = rows.findLast((r) => r.status !== 'in_progress');
  const durationMs = closed?.duration != null ? closed.duration * 1000 : null;
  // The protocol has no timestamps: a run began when its `in_progress` arrived, or (closed without
  // one, or closed before it arrived) its duration before the close.
  const startedMs = opened && (!closed || opened.received <= closed.received)
    ? opened.received : Math.round((closed ?? newest).received - (durationMs ?? 0));
  const sent = closed?.status ?? newest.status ?? 'unknown';
  const deadline = closed ? null : timeoutAt(config, startedMs);
  const overdue = deadline !== null && now >= deadline;
  const sdkWindow = windowOf(opened && (!closed || opened.received <= closed.received) ? opened : undefined, closed, durationMs);
  const pick = (read: (p: Json) => string | null) => payloads.map(read).filter((v): v is string => v !== null).at(-1) ?? null;
  return {
    anchor: newest.id,
    sdkWindow,
    run: {
      checkInId: first.check_in_id,
      status: overdue ? 'timeout' : sent,
      sentStatus: overdue ? sent : null,
      startedMs,
      finishedMs: closed ? closed.received : null,
      durationMs: durationMs ?? (closed && opened ? Math.max(0, closed.received - opened.received) : null),
      release: pick((p) => str(p.release)),
      traceId: pick((p) => str(obj(obj(p.contexts).trace).trace_id)),
      itemCount: rows.length,
    },
  };
}

/** The run's window in the SDK's clock, when its check-ins carried `sent_at`. */
function windowOf(opened: CheckInRow | undefined, closed: CheckInRow | undefined, durationMs: number | null): SdkWindow | null {
  const closedAt = closed?.sent_ms ?? null;
  if (closed && closedAt === null) return null;
  const openedAt = opened?.sent_ms ?? null;
  if (openedAt !== null) return { startMs: openedAt, endMs: closedAt };
  return closedAt !== null ? { startMs: closedAt - (durationMs ?? 0), endMs: closedAt } : null;
}

/** Rows (any order) grouped into runs, the most recently active first. */
export function groupRuns(rows: readonly CheckInRow[], config: CronMonitorConfig | null, now: number): AnchoredRun[] {
  const byKey = new Map<string, CheckInRow[]>();
  for (const r of [...rows].sort((a, b) => a.id - b.id)) {
    const key = runKey(r);
    const list = byKey.get(key);
    if (list) list.push(r); else byKey.set(key, [r]);
  }
  const runs: AnchoredRun[] = [];
  for (const list of byKey.values()) {
    const run = toRun(list, config, now);
    if (run) runs.push(run);
  }
  return runs.sort((a, b) => b.anchor - a.anchor);
}
