/**
 * A monitor failure as its issue takes it: Sentry sends an issue occurrence of type
 * `monitor_check_in_failure` (category `cron`) for each failed check-in of an incident, titled
 * "Monitor failure: <monitor>", fingerprinted by the monitor environment (so every incident of it
 * is one issue, which an ok check-in resolves and the next failure regresses), with the failure
 * reason, the environment and the last successful check-in as evidence and the monitor in
 * `contexts.monitor`. Lookout stores the event it would make as the row's own payload.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/logic/incident_occurrence.py
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/grouptype.py
 * @see https://github.com/getsentry/sentry/pull/99721 (one fingerprint per monitor environment)
 */
import { createHash } from 'node:crypto';
import type { CronMonitorConfig } from '../../shared/api-crons';
import type { CronFailureKind } from '../../shared/api-cron-issues';
import type { PreparedEvent } from '../pipeline/types';

/** `events.kind` of a monitor failure's row: counted by its issue only, never listed as an error. */
export const CRON_FAILURE_KIND = 'cron';
/** `events.grouping_config` of those rows (the fingerprint is the monitor environment's, not grouped from the event). */
export const CRON_GROUPING = 'monitor-incident';
/** Sentry's group type slug, kept in the issue's metadata as performance issues keep theirs (`issue.type:`). */
export const CRON_ISSUE_TYPE = 'monitor_check_in_failure';

/** One failed check-in: an `error` the SDK sent, a run left in progress too long, or a tick with no check-in. */
export interface CronFailure {
  kind: CronFailureKind;
  /** What makes it one failure and not another (the check-in row, the run, the tick): its row's id comes from it. */
  key: string;
  /** When it happened: the check-in's arrival, the run's deadline, or the tick's margin running out. */
  atMs: number;
  /** The schedule's tick it was expected at (missed), or the run's start (timeout). */
  expectedMs: number | null;
  checkInId: string | null;
  traceId: string | null;
  release: string | null;
  /** The stored request the row hangs on (the check-in's, or the last one before a missed tick): retention takes them together. */
  envelopeId: number;
}

export interface MonitorEnvironmentKey { projectId: number; slug: string; environment: string }

const hex = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 32);

/** The issue's one hash: the monitor environment's (Sentry's consistent fingerprint). */
export function cronIssueHash(m: MonitorEnvironmentKey): string {
  return hex(`monitor-environment:${m.slug}:${m.environment}`);
}

/** The row's event id: stable, so judging the same failure again (a restart) finds it stored. */
export function cronFailureEventId(m: MonitorEnvironmentKey, f: Pick<CronFailure, 'kind' | 'key'>): string {
  return hex(`monitor-failure:${m.projectId}:${m.slug}:${m.environment}:${f.kind}:${f.key}`);
}

/** Sentry's failure reason for the failed check-ins an occurrence reports (`get_failure_reason`). */
export function failureReason(kinds: readonly CronFailureKind[]): string {
  const counts = new Map<CronFailureKind, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  const entries = [...counts];
  if (kinds.length === 1) return { error: 'An error check-in was detected', missed: 'A missed check-in was detected', timeout: 'A timeout check-in was detected' }[kinds[0]!];
  const parts = entries.map(([k, n]) => `${n} ${k}`);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}` : parts[0] ?? '';
  return `${list} check-ins detected`;
}

export interface FailureContext {
  monitor: MonitorEnvironmentKey;
  config: CronMonitorConfig | null;
  /** The failures this occurrence stands for (its own, or those that reached the threshold with it). */
  reasonKinds: CronFailureKind[];
  lastOkMs: number | null;
  incident: number;
}

/** The event stored for a failure: what Sentry's occurrence event carries, with the failure's facts in `contexts.monitor`. */
export function cronFailurePayload(f: CronFailure, c: FailureContext): Record<string, unknown> {
  const { monitor } = c;
  return {
    event_id: cronFailureEventId(monitor, f),
    timestamp: f.atMs / 1000,
    platform: 'other',
    level: 'error',
    environment: monitor.environment,
    ...(f.release ? { release: f.release } : {}),
    message: `Monitor failure: ${monitor.slug}`,
    fingerprint: [cronIssueHash(monitor)],
    tags: { 'monitor.slug': monitor.slug, 'monitor.incident': String(c.incident) },
    contexts: {
      monitor: {
        slug: monitor.slug, name: monitor.slug, config: c.config, status: 'error',
        failure: f.kind, failure_reason: failureReason(c.reasonKinds), check_in_id: f.checkInId,
        expected_time: f.expectedMs === null ? null : new Date(f.expectedMs).toISOString(),
        last_successful_check_in: c.lastOkMs === null ? 'Never' : new Date(c.lastOkMs).toISOString(),
      },
      ...(f.traceId ? { trace: { trace_id: f.traceId, span_id: null } } : {}),
    },
  };
}

/** The failure as the issue writer files it: level error, the monitor environment's one hash, Sentry's title. */
export function cronFailureEvent(f: CronFailure, c: FailureContext, payload: Buffer): PreparedEvent {
  const { monitor } = c;
  return {
    type: 'event', itemIndex: 0, kind: 'event', eventId: cronFailureEventId(monitor, f), storedPayload: payload, timestamp: f.atMs,
    title: { title: `Monitor failure: ${monitor.slug}`, culprit: monitor.environment, type: 'cron',
      metadata: { message: 'Your monitor has reached its failure threshold.', issueType: CRON_ISSUE_TYPE } },
    level: 'error', userKey: null, userFields: [], traceId: f.traceId, replayId: null, truncated: false,
    facts: { platform: 'other', release: f.release, environment: monitor.environment, sdk: null, message: `${monitor.slug} ${f.kind}` },
    tags: [['environment', monitor.environment], ['monitor.slug', monitor.slug], ['monitor.incident', String(c.incident)],
      ...(f.release ? [['release', f.release] as [string, string]] : [])],
    grouping: { config: CRON_GROUPING, hashes: [cronIssueHash(monitor)] },
  };
}

/** A stored failure row as `lookout regroup` files it again: into the issue of the hash it was stored with. */
export function storedCronFailureEvent(row: { event_id: string; timestamp: number; title: string; culprit: string | null; level: string | null;
  release: string | null; environment?: string | null; hashes: string | null }): PreparedEvent {
  let hashes: string[] = [];
  try { hashes = (JSON.parse(row.hashes ?? '[]') as unknown[]).filter((h): h is string => typeof h === 'string'); } catch { /* none */ }
  const environment = row.environment ?? row.culprit;
  return {
    type: 'event', itemIndex: 0, kind: 'event', eventId: row.event_id, storedPayload: null, timestamp: row.timestamp,
    title: { title: row.title, culprit: row.culprit, type: 'cron', metadata: { message: 'Your monitor has reached its failure threshold.', issueType: CRON_ISSUE_TYPE } },
    level: row.level ?? 'error', userKey: null, userFields: [], traceId: null, replayId: null, truncated: false,
    facts: { platform: 'other', release: row.release, environment, sdk: null, message: row.title },
    tags: [...(environment ? [['environment', environment] as [string, string]] : []), ...(row.release ? [['release', row.release] as [string, string]] : [])],
    grouping: { config: CRON_GROUPING, hashes },
  };
}
