/**
 * Failing cron monitors open issues as Sentry's do, against check-ins the real @sentry/node client
 * sends to a real Lookout on a SQLite file: an `error` check-in opens the monitor environment's
 * issue, an `ok` one resolves it, the next failure regresses it; a missed tick and a run past
 * `max_runtime` are judged by the scheduler's clock (moved, never waited for), once each, also
 * across a restart.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/logic/incidents.py
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeClient, Scope, defaultStackParser, makeNodeTransport } from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEntry, CronMonitorDetail, EventDetail, EventSummary, IssueDetail, IssueSummary, Page } from '../src/shared/api-types';
import { cronFailureEvidence } from '../src/shared/api-cron-issues';
import { startTestLookout, type TestLookout } from './helpers/lookout';
import type { DB } from '../src/core/store/db';
import { regroupAll } from '../src/core/store/regroup';

type MonitorConfig = NonNullable<Parameters<NodeClient['captureCheckIn']>[1]>;

const dataDir = mkdtempSync(join(tmpdir(), 'lookout-cron-issues-'));
let lookout: TestLookout;
/** The judge's clock: the real one unless a test moves it. */
let clockMs: number | null = null;
let db: DB;
const start = () => startTestLookout({ dataDir, cronClock: () => clockMs ?? Date.now(), onDatabase: (d) => { db = d; } });

function cronClient(dsn: string, environment = 'production') {
  const client = new NodeClient({ dsn, environment, release: 'jobs@3.0.0', transport: makeNodeTransport, stackParser: defaultStackParser,
    integrations: [], sendClientReports: false });
  client.init();
  const scope = new Scope();
  scope.setClient(client);
  return {
    /** A run opened, or one closed at once (a check-in id of its own, as a job without an `in_progress` sends). */
    checkIn: (slug: string, status: 'ok' | 'error' | 'in_progress', config?: MonitorConfig) => client.captureCheckIn(status === 'in_progress'
      ? { monitorSlug: slug, status } : { monitorSlug: slug, status, checkInId: randomUUID().replace(/-/g, ''), duration: 0.2 }, config, scope),
    /** Sends what is queued, then lets the monitors be judged. */
    async settle() {
      if (!(await client.flush(10_000))) throw new Error('check-ins not flushed');
      await lookout.judgeCrons();
    },
  };
}

beforeAll(async () => { lookout = await start(); });
afterAll(async () => { await lookout.close(); rmSync(dataDir, { recursive: true, force: true }); });

const issuesOf = async (slug: string) => (await lookout.api<Page<IssueSummary>>(`issues?query=${encodeURIComponent(`issue.category:cron ${slug}`)}&status=all`)).items;
const issue = (id: number) => lookout.api<IssueDetail>(`issues/${id}`);
const eventsOf = async (id: number) => (await lookout.api<Page<EventSummary>>(`issues/${id}/events?limit=50`)).items;
const evidenceOf = async (eventId: string) => cronFailureEvidence((await lookout.api<EventDetail>(`events/${eventId}`)).payload as object);

describe('cron monitor issues', () => {
  it('opens an issue on an error check-in, resolves it on an ok one and regresses it on the next failure', async () => {
    const job = cronClient(lookout.dsn);
    job.checkIn('billing-sync', 'ok', { schedule: { type: 'crontab', value: '0 * * * *' } });
    job.checkIn('billing-sync', 'error');
    await job.settle();
    const [opened, ...others] = await issuesOf('billing-sync');
    expect(others).toEqual([]);
    expect(opened).toMatchObject({ title: 'Monitor failure: billing-sync', issueCategory: 'cron', issueType: 'monitor_check_in_failure',
      status: 'unresolved', count: 1, level: 'error', environments: ['production'] });
    const [event] = await eventsOf(opened!.id);
    expect(await evidenceOf(event!.eventId)).toMatchObject({ slug: 'billing-sync', environment: 'production', failure: 'error',
      failureReason: 'An error check-in was detected', expectedTime: null });
    // The last ok check-in came before the failure.
    expect(Date.parse((await evidenceOf(event!.eventId))!.lastSuccessfulCheckIn)).toBeLessThanOrEqual(event!.timestamp);
    // Judged again: nothing is filed twice.
    await lookout.judgeCrons();
    expect((await issue(opened!.id)).count).toBe(1);

    job.checkIn('billing-sync', 'ok');
    await job.settle();
    expect((await issue(opened!.id)).status).toBe('resolved');
    const activity = await lookout.api<ActivityEntry[]>(`issues/${opened!.id}/activity`);
    expect(activity[0]).toMatchObject({ kind: 'resolved', data: { reason: 'monitor_ok' } });

    job.checkIn('billing-sync', 'error');
    await job.settle();
    expect(await issue(opened!.id)).toMatchObject({ status: 'unresolved', regressed: true, count: 2 });
    expect((await lookout.api<ActivityEntry[]>(`issues/${opened!.id}/activity`))[0]?.kind).toBe('regressed');
    // Still one issue for the monitor environment (Sentry's consistent fingerprint); another environment has its own.
    const staging = cronClient(lookout.dsn, 'staging');
    staging.checkIn('billing-sync', 'error');
    await staging.settle();
    expect((await issuesOf('billing-sync')).map((i) => [i.culprit, i.count]).sort()).toEqual([['production', 2], ['staging', 1]]);
    // `lookout regroup` keeps a monitor's issue (its failures keep the monitor environment's hash).
    regroupAll(db);
    expect(await issue(opened!.id)).toMatchObject({ title: 'Monitor failure: billing-sync', count: 2, issueCategory: 'cron' });
    job.checkIn('billing-sync', 'error');
    await job.settle();
    expect((await issue(opened!.id)).count).toBe(3);
    // As a performance issue, a monitor failure is not merged ("Only error issues can be merged.").
    const ids = (await issuesOf('billing-sync')).map((i) => `id=${i.id}`).join('&');
    const merge = await fetch(`${lookout.url}/_lookout/api/issues?${ids}`,
      { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ merge: 1 }) });
    expect(merge.status).toBe(400);
    expect(await merge.text()).toContain('Only error issues can be merged.');
    expect((await issuesOf('billing-sync')).map((i) => i.count).sort()).toEqual([1, 3]);
  });

  it('opens an issue only once failure_issue_threshold check-ins in a row failed, filing each of them', async () => {
    const job = cronClient(lookout.dsn);
    const config: MonitorConfig = { schedule: { type: 'interval', value: 1, unit: 'hour' }, failureIssueThreshold: 2, recoveryThreshold: 2 };
    job.checkIn('two-strikes', 'error', config);
    await job.settle();
    expect(await issuesOf('two-strikes')).toEqual([]);
    job.checkIn('two-strikes', 'error');
    await job.settle();
    const [opened] = await issuesOf('two-strikes');
    expect(opened?.count).toBe(2);
    const events = await eventsOf(opened!.id);
    expect(await evidenceOf(events[0]!.eventId)).toMatchObject({ failureReason: '2 error check-ins detected' });
    // recovery_threshold 2: one ok check-in does not resolve it, the second does.
    job.checkIn('two-strikes', 'ok');
    await job.settle();
    expect((await issue(opened!.id)).status).toBe('unresolved');
    job.checkIn('two-strikes', 'ok');
    await job.settle();
    expect((await issue(opened!.id)).status).toBe('resolved');
  });

  it('files a missed tick and a run past max_runtime at the scheduler\'s clock, once each, across a restart', async () => {
    const job = cronClient(lookout.dsn);
    job.checkIn('hourly-report', 'ok', { schedule: { type: 'interval', value: 1, unit: 'hour' }, checkinMargin: 5 });
    job.checkIn('slow-import', 'in_progress', { schedule: { type: 'interval', value: 1, unit: 'day' }, maxRuntime: 2 });
    await job.settle();
    expect(await issuesOf('hourly-report')).toEqual([]);
    const last = (await lookout.api<CronMonitorDetail>('crons/monitor?project=1&slug=hourly-report')).lastCheckInMs;
    // Sentry counts the interval from the minute of the check-in; missed once the margin ran out.
    const tick = Math.floor(last / 60_000) * 60_000 + 60 * 60_000;
    clockMs = tick + 5 * 60_000 - 1;
    await lookout.judgeCrons();
    expect(await issuesOf('hourly-report')).toEqual([]);
    clockMs = tick + 5 * 60_000;
    await lookout.judgeCrons();
    const [missed] = await issuesOf('hourly-report');
    expect(missed).toMatchObject({ title: 'Monitor failure: hourly-report', count: 1 });
    const evidence = await evidenceOf((await eventsOf(missed!.id))[0]!.eventId);
    expect(evidence).toMatchObject({ failure: 'missed', failureReason: 'A missed check-in was detected' });
    expect(Date.parse(evidence!.expectedTime!)).toBe(tick);
    const [timedOut] = await issuesOf('slow-import');
    expect(await evidenceOf((await eventsOf(timedOut!.id))[0]!.eventId)).toMatchObject({ failure: 'timeout', failureReason: 'A timeout check-in was detected' });

    // A restart judges the same clock again: nothing is filed twice.
    await lookout.close();
    lookout = await start();
    await lookout.judgeCrons();
    expect((await issue(missed!.id)).count).toBe(1);
    expect((await issue(timedOut!.id)).count).toBe(1);
    // The next hour missed too: the incident's second failure.
    clockMs = tick + 65 * 60_000;
    await lookout.judgeCrons();
    expect((await issue(missed!.id)).count).toBe(2);
    clockMs = null;
  });

  it('tells an open UI of a new monitor issue, as of any other', async () => {
    const seen: string[] = [];
    const stop = lookout.onIssue((e) => { if (e.issue.issueCategory === 'cron') seen.push(`${e.change}:${e.issue.title}`); });
    const job = cronClient(lookout.dsn);
    job.checkIn('told', 'error');
    await job.settle();
    stop();
    expect(seen).toEqual(['created:Monitor failure: told']);
  });
});
