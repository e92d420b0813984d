/**
 * Sentry's incident rules for one monitor environment, without the store: a failed check-in
 * opens an incident once the last `failure_issue_threshold` check-ins (default 1) hold no ok one,
 * and every failure of an open incident is an occurrence of its issue; an ok check-in resolves
 * the incident once the last `recovery_threshold` check-ins (default 1) are all ok.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/logic/incidents.py
 */
import type { CronFailureKind } from '../../shared/api-cron-issues';
import type { CronFailure } from './failure-event';

/** Sentry's validators take thresholds up to 720. */
const MAX_THRESHOLD = 720;
/** Runs followed until they close or time out; a job that opens more at once is followed for its newest. */
const OPEN_RUNS_FOLLOWED = 50;

/** What the judge knows of a monitor environment, kept between evaluations (migration 025). */
export interface JudgeState {
  /** Incidents opened so far; the open one's number while `open`. */
  incident: number;
  open: boolean;
  /** Outcomes of the latest check-ins, oldest first, as many as a threshold looks at. */
  recent: ('ok' | 'failure')[];
  /** Failures since the last ok check-in while no incident is open: the threshold files them all. */
  pending: CronFailure[];
  lastOkMs: number | null;
  /** Ticks up to here were judged (missed or not). */
  ticksJudgedMs: number;
  /** When the newest judged check-in arrived, and its request: the schedule expects the next tick after it. */
  lastCheckInMs: number | null;
  lastEnvelopeId: number | null;
  /** Runs opened (`in_progress`, by check-in id and the row that opened them) and neither closed nor timed out yet. */
  openRuns: { checkInId: string; rowId: number }[];
  /**
   * The runs already open among the check-ins judged before (a store from before migration 025, or
   * older than what a first pass reads) were looked for once (cron-incidents.ts `adoptOpenRuns`).
   */
  openRunsAdopted?: boolean;
}

export const newJudgeState = (): JudgeState => ({
  incident: 0, open: false, recent: [], pending: [], lastOkMs: null, ticksJudgedMs: 0, lastCheckInMs: null, lastEnvelopeId: null, openRuns: [],
});

/** A failure to file, with the kinds its "Failure reason" reports (all that reached the threshold, for the first). */
export interface Filing { failure: CronFailure; reasonKinds: CronFailureKind[]; incident: number }

export interface Thresholds { failure: number; recovery: number }

const bounded = (n: number | null | undefined) => Math.min(MAX_THRESHOLD, Math.max(1, Math.floor(n || 1)));

/** Sentry treats a missing or zero threshold as 1. */
export function thresholdsOf(config: { failureIssueThreshold: number | null; recoveryThreshold: number | null } | null): Thresholds {
  return { failure: bounded(config?.failureIssueThreshold), recovery: bounded(config?.recoveryThreshold) };
}

function remember(state: JudgeState, outcome: 'ok' | 'failure', t: Thresholds): void {
  state.recent.push(outcome);
  const keep = Math.max(t.failure, t.recovery);
  if (state.recent.length > keep) state.recent.splice(0, state.recent.length - keep);
}

/** A failed check-in: the failures to file now (none while under the threshold). */
export function judgeFailure(state: JudgeState, failure: CronFailure, t: Thresholds): Filing[] {
  remember(state, 'failure', t);
  if (state.open) return [{ failure, reasonKinds: [failure.kind], incident: state.incident }];
  state.pending.push(failure);
  if (state.pending.length > t.failure) state.pending.splice(0, state.pending.length - t.failure);
  // N failures in a row, as the threshold is documented. (Sentry's code also fires when fewer than N
  // check-ins exist at all, which it counts as unintended: getsentry/sentry#123661.)
  if (state.pending.length < t.failure) return [];
  state.open = true;
  state.incident++;
  const reasonKinds = state.pending.map((f) => f.kind);
  const filings = state.pending.map((f) => ({ failure: f, reasonKinds, incident: state.incident }));
  state.pending = [];
  return filings;
}

/** An ok check-in: true when it resolves the open incident. */
export function judgeOk(state: JudgeState, atMs: number, t: Thresholds): boolean {
  remember(state, 'ok', t);
  state.pending = [];
  state.lastOkMs = atMs;
  if (!state.open) return false;
  const last = state.recent.slice(-t.recovery);
  if (last.some((o) => o !== 'ok')) return false;
  state.open = false;
  return true;
}

/** A check-in of a run: an `in_progress` one opens it (followed for a timeout), any other closes it. */
export function followRun(state: JudgeState, checkInId: string | null, status: string | null, rowId: number): void {
  if (checkInId === null) return;
  const at = state.openRuns.findIndex((r) => r.checkInId === checkInId);
  if (status !== 'in_progress') {
    if (at >= 0) state.openRuns.splice(at, 1);
    return;
  }
  if (at >= 0) return;
  state.openRuns.push({ checkInId, rowId });
  if (state.openRuns.length > OPEN_RUNS_FOLLOWED) state.openRuns.shift();
}

/**
 * A run found open among check-ins judged before the judge followed runs: followed from now on,
 * behind the runs followed already (it is older), unless as many are followed as are kept.
 */
export function adoptRun(state: JudgeState, checkInId: string, rowId: number): boolean {
  if (state.openRuns.length >= OPEN_RUNS_FOLLOWED || state.openRuns.some((r) => r.checkInId === checkInId)) return false;
  state.openRuns.unshift({ checkInId, rowId });
  return true;
}

/** The stored state, or a new one when it is missing or unreadable. */
export function parseJudgeState(text: string | undefined): JudgeState {
  if (!text) return newJudgeState();
  try {
    const v = JSON.parse(text) as Partial<JudgeState>;
    return { ...newJudgeState(), ...v };
  } catch { return newJudgeState(); }
}
