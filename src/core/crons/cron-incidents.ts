/**
 * Judges every monitor environment's new check-ins, missed ticks and timed-out runs against
 * Sentry's incident rules (incident-judge.ts) and files the failures into the monitor
 * environment's issue, as Sentry's monitor consumer and clock tasks do. Runs as one writer job:
 * the issue rows, the failure rows and the judge's state (migration 025) commit together, and a
 * failure's row id is derived from what failed, so a restart or a second pass files nothing twice.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/clock_tasks/check_missed.py
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/clock_tasks/check_timeout.py
 */
import type { CronMonitorConfig } from '../../shared/api-crons';
import { missedTicks, timeoutAt } from '../api/cron-expected';
import { groupRuns, readMonitorConfig, type CheckInRow } from '../api/cron-runs';
import { encodePayload } from '../store/codec';
import type { DB } from '../store/db';
import { issueWriter, type IssueChange } from '../store/issue-writer';
import { activityRecorder } from '../store/issue-activity';
import { rowInserter } from '../store/insert-rows';
import {
  CRON_FAILURE_KIND, CRON_GROUPING, cronFailureEvent, cronFailureEventId, cronFailurePayload, cronIssueHash,
  type CronFailure, type MonitorEnvironmentKey,
} from './failure-event';
import {
  adoptRun, followRun, judgeFailure, judgeOk, parseJudgeState, thresholdsOf, type Filing, type JudgeState, type Thresholds,
} from './incident-judge';

/** Monitor environments judged per pass, and check-ins judged per environment per pass (the rest wait for the next). */
const MAX_ENVIRONMENTS = 500;
const ROWS_PER_PASS = 500;
/**
 * A monitor environment seen for the first time: its newest check-ins are judged (a store's older
 * monitors start judged, migration 025; this bounds the first pass of any other).
 */
const FIRST_JUDGED_ROWS = 50;
/** Missed ticks filed per gap; steps of the schedule taken per pass (older ticks of a long gap are passed over). */
const MISSED_FILED_PER_GAP = 10;
const MISSED_STEPS = 1000;
/** Check-ins judged before that are looked at, once per monitor environment, for runs still open (`adoptOpenRuns`). */
const ADOPT_SCAN_ROWS = 1000;

const SLUG = "ifnull(monitor_slug, '')";
const ENV = "ifnull(environment, '')";
const KEY = `project_id = @project AND ${SLUG} = @slug AND ${ENV} = @env`;

interface Row extends CheckInRow { envelope_id: number }

export interface JudgedIssues { changed: { issueId: number; change: IssueChange }[] }

export function cronIncidents(db: DB) {
  const nextProject = db.prepare('SELECT project_id FROM check_ins WHERE project_id > ? ORDER BY project_id LIMIT 1').pluck();
  const nextSlug = db.prepare(`SELECT ${SLUG} FROM check_ins WHERE project_id = ? AND ${SLUG} > ? ORDER BY ${SLUG} LIMIT 1`).pluck();
  const nextEnv = db.prepare(`SELECT ${ENV} FROM check_ins WHERE project_id = ? AND ${SLUG} = ? AND ${ENV} > ? ORDER BY ${ENV} LIMIT 1`).pluck();
  const cols = 'id, envelope_id, check_in_id, status, duration, received, payload, sent_ms';
  const newRows = db.prepare(`SELECT ${cols} FROM check_ins WHERE ${KEY} AND id > @after ORDER BY id LIMIT ${ROWS_PER_PASS}`);
  const newestRows = db.prepare(`SELECT ${cols} FROM check_ins WHERE ${KEY} ORDER BY id DESC LIMIT @limit`);
  const rowById = db.prepare(`SELECT ${cols} FROM check_ins WHERE id = ?`);
  // A run's first `in_progress` row opened it (an SDK may send more than one).
  const openedBefore = db.prepare(`SELECT MIN(id) AS id, check_in_id FROM (SELECT id, check_in_id, status FROM check_ins WHERE ${KEY}
    AND id <= @upTo ORDER BY id DESC LIMIT ${ADOPT_SCAN_ROWS}) WHERE status = 'in_progress' AND check_in_id IS NOT NULL
    GROUP BY check_in_id ORDER BY id DESC`);
  const closesRun = db.prepare(`SELECT 1 FROM check_ins INDEXED BY check_ins_run WHERE check_in_id = @checkIn AND ${KEY}
    AND status IS NOT 'in_progress' LIMIT 1`).pluck();
  const configRow = db.prepare(`SELECT id, payload FROM check_ins INDEXED BY check_ins_config WHERE ${KEY} AND has_config = 1
    ORDER BY id DESC LIMIT 1`);
  const loadState = db.prepare('SELECT judged_id, state FROM cron_monitor_states WHERE project_id = ? AND slug = ? AND environment = ?');
  const saveState = db.prepare(`INSERT INTO cron_monitor_states (project_id, slug, environment, judged_id, state) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (project_id, slug, environment) DO UPDATE SET judged_id = excluded.judged_id, state = excluded.state`);
  const stored = db.prepare('SELECT 1 FROM events WHERE project_id = ? AND event_id = ?').pluck();
  const issueOfHash = db.prepare('SELECT issue_id FROM issue_hashes WHERE project_id = ? AND hash = ?').pluck();
  const resolve = db.prepare(`UPDATE issues SET status = 'resolved', regressed = 0, ignore_until_count = NULL, resolved_release = NULL
    WHERE id = ? AND status <> 'resolved'`);
  const issues = issueWriter(db);
  const insert = rowInserter(db);
  const record = activityRecorder(db);

  function environments(): MonitorEnvironmentKey[] {
    const keys: MonitorEnvironmentKey[] = [];
    for (let p = nextProject.get(-1) as number | undefined; p !== undefined && keys.length < MAX_ENVIRONMENTS; p = nextProject.get(p) as number | undefined) {
      for (let s = nextSlug.get(p, 0) as string | undefined; s !== undefined && keys.length < MAX_ENVIRONMENTS; s = nextSlug.get(p, s) as string | undefined) {
        for (let e = nextEnv.get(p, s, 0) as string | undefined; e !== undefined && keys.length < MAX_ENVIRONMENTS; e = nextEnv.get(p, s, e) as string | undefined) {
          keys.push({ projectId: p, slug: s, environment: e });
        }
      }
    }
    return keys;
  }

  /** The monitor's config: the newest sent from any of its environments (Sentry keeps one per monitor). */
  function configOf(m: MonitorEnvironmentKey, envs: readonly MonitorEnvironmentKey[]): CronMonitorConfig | null {
    let newest: { id: number; payload: string } | undefined;
    for (const e of envs) {
      if (e.projectId !== m.projectId || e.slug !== m.slug) continue;
      const row = configRow.get({ project: e.projectId, slug: e.slug, env: e.environment }) as { id: number; payload: string } | undefined;
      if (row && (!newest || row.id > newest.id)) newest = row;
    }
    return newest ? readMonitorConfig(newest.payload) : null;
  }

  /** Files `filings` (each once) into the monitor environment's issue. */
  function file(m: MonitorEnvironmentKey, config: CronMonitorConfig | null, state: JudgeState, filings: Filing[], out: JudgedIssues): void {
    for (const { failure, reasonKinds, incident } of filings) {
      const eventId = cronFailureEventId(m, failure);
      if (stored.get(m.projectId, eventId) !== undefined) continue;
      const context = { monitor: m, config, reasonKinds, lastOkMs: state.lastOkMs, incident };
      const payload = Buffer.from(JSON.stringify(cronFailurePayload(failure, context)));
      const ev = cronFailureEvent(failure, context, payload);
      const { issueId, change } = issues.assign(m.projectId, ev);
      const packed = encodePayload(payload);
      insert('events', {
        project_id: m.projectId, event_id: eventId, kind: CRON_FAILURE_KIND, envelope_id: failure.envelopeId, item_index: 0, issue_id: issueId,
        timestamp: failure.atMs, received: failure.atMs, level: 'error', platform: 'other', release: failure.release, environment: m.environment,
        title: ev.title.title, culprit: ev.title.culprit, trace_id: failure.traceId, grouping_config: CRON_GROUPING,
        hashes: JSON.stringify([cronIssueHash(m)]), payload: packed.data, payload_codec: packed.codec,
      });
      out.changed.push({ issueId, change });
    }
  }

  /** The ticks missed between the last check-in and `untilMs` not judged before. */
  function judgeMissed(m: MonitorEnvironmentKey, config: CronMonitorConfig | null, state: JudgeState, t: Thresholds, untilMs: number, out: JudgedIssues) {
    if (state.lastCheckInMs === null || state.lastEnvelopeId === null || !config?.schedule) return;
    const from = Math.max(state.lastCheckInMs, state.ticksJudgedMs);
    const { ticks, marginMs } = missedTicks(config, from, untilMs, MISSED_STEPS);
    const last = ticks.at(-1);
    if (last === undefined) return;
    state.ticksJudgedMs = last;
    // A gap this long (Lookout was not running) is passed over; the next pass files its newest ticks.
    if (ticks.length === MISSED_STEPS) return;
    for (const tick of ticks.slice(-MISSED_FILED_PER_GAP)) {
      const failure: CronFailure = { kind: 'missed', key: `tick:${tick}`, atMs: tick + marginMs, expectedMs: tick, checkInId: null,
        traceId: null, release: null, envelopeId: state.lastEnvelopeId };
      file(m, config, state, judgeFailure(state, failure, t), out);
    }
  }

  /**
   * Runs opened among check-ins judged before the judge followed runs, and never closed: those a
   * store from before migration 025 holds (it started judged up to its newest check-in) and those
   * older than a new monitor environment's first pass reads. Followed from now on, so one past its
   * `max_runtime` times out in this pass, as Sentry's `check_timeout` times out any check-in still
   * in progress past its deadline. Done once per monitor environment (the state remembers it); a run
   * whose timeout was filed already (its row id is derived from the run) is left.
   * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/clock_tasks/check_timeout.py
   */
  function adoptOpenRuns(m: MonitorEnvironmentKey, state: JudgeState, upTo: number): void {
    state.openRunsAdopted = true;
    const key = { project: m.projectId, slug: m.slug, env: m.environment };
    // Newest first, each put before the runs followed already: the oldest ends up first, and when
    // more are open than are followed, the newest are.
    for (const row of openedBefore.all({ ...key, upTo }) as { id: number; check_in_id: string }[]) {
      if (closesRun.get({ ...key, checkIn: row.check_in_id }) !== undefined) continue;
      if (stored.get(m.projectId, cronFailureEventId(m, { kind: 'timeout', key: `run:${row.check_in_id}` })) !== undefined) continue;
      adoptRun(state, row.check_in_id, row.id);
    }
  }

  /** Runs left in progress past `max_runtime`: each times out once, and is followed no more. */
  function judgeTimeouts(m: MonitorEnvironmentKey, config: CronMonitorConfig | null, state: JudgeState, t: Thresholds, now: number, out: JudgedIssues) {
    if (!config) return;
    for (const open of [...state.openRuns]) {
      const row = rowById.get(open.rowId) as Row | undefined;
      const run = row && groupRuns([row], config, now)[0]?.run;
      const deadline = run ? timeoutAt(config, run.startedMs) : null;
      if (row && run && deadline !== null && run.status !== 'timeout') continue;
      state.openRuns.splice(state.openRuns.indexOf(open), 1);
      // Gone (retention) or without a deadline: nothing to judge.
      if (!row || !run || deadline === null) continue;
      const failure: CronFailure = { kind: 'timeout', key: `run:${open.checkInId}`, atMs: deadline, expectedMs: run.startedMs,
        checkInId: run.checkInId, traceId: run.traceId, release: run.release, envelopeId: row.envelope_id };
      file(m, config, state, judgeFailure(state, failure, t), out);
    }
  }

  /** An ok check-in that ends the incident resolves its issue, as Sentry's status change does. */
  function resolveIssue(m: MonitorEnvironmentKey, row: Row, out: JudgedIssues): void {
    const issueId = issueOfHash.get(m.projectId, cronIssueHash(m)) as number | undefined;
    if (issueId === undefined || resolve.run(issueId).changes === 0) return;
    record(issueId, 'resolved', { reason: 'monitor_ok', checkInId: row.check_in_id }, row.received);
    out.changed.push({ issueId, change: 'updated' });
  }

  function judgeEnvironment(m: MonitorEnvironmentKey, config: CronMonitorConfig | null, now: number, out: JudgedIssues): void {
    const key = { project: m.projectId, slug: m.slug, env: m.environment };
    const saved = loadState.get(m.projectId, m.slug, m.environment) as { judged_id: number; state: string } | undefined;
    const state = parseJudgeState(saved?.state);
    let judgedId = saved?.judged_id ?? ((newestRows.all({ ...key, limit: FIRST_JUDGED_ROWS }) as Row[]).at(-1)?.id ?? 1) - 1;
    const t = thresholdsOf(config);
    if (!state.openRunsAdopted) adoptOpenRuns(m, state, judgedId);
    const rows = newRows.all({ ...key, after: judgedId }) as Row[];
    for (const row of rows) {
      judgeMissed(m, config, state, t, row.received, out);
      if (row.status === 'error') {
        const run = groupRuns([row], config, now)[0]?.run;
        const failure: CronFailure = { kind: 'error', key: `row:${row.id}`, atMs: row.received, expectedMs: null, checkInId: row.check_in_id,
          traceId: run?.traceId ?? null, release: run?.release ?? null, envelopeId: row.envelope_id };
        file(m, config, state, judgeFailure(state, failure, t), out);
      } else if (row.status === 'ok' && judgeOk(state, row.received, t)) {
        resolveIssue(m, row, out);
      }
      followRun(state, row.check_in_id, row.status, row.id);
      // Every check-in (in progress too) makes the schedule expect the tick after it.
      state.lastCheckInMs = row.received;
      state.lastEnvelopeId = row.envelope_id;
      judgedId = row.id;
    }
    if (rows.length < ROWS_PER_PASS) {
      judgeMissed(m, config, state, t, now, out);
      judgeTimeouts(m, config, state, t, now, out);
    }
    // Most passes change nothing: the row is written only when they did.
    const text = JSON.stringify(state);
    if (!saved || saved.judged_id !== judgedId || saved.state !== text) saveState.run(m.projectId, m.slug, m.environment, judgedId, text);
  }

  /** One pass over every monitor environment at `now`; run it in a writer job. */
  return function judge(now: number): JudgedIssues {
    const out: JudgedIssues = { changed: [] };
    const envs = environments();
    const configs = new Map<string, CronMonitorConfig | null>();
    for (const m of envs) {
      const slugKey = JSON.stringify([m.projectId, m.slug]);
      if (!configs.has(slugKey)) configs.set(slugKey, configOf(m, envs));
      judgeEnvironment(m, configs.get(slugKey) ?? null, now, out);
    }
    return out;
  };
}
