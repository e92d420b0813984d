/**
 * The Crons read API against check-ins sent by the real @sentry/node SDK (withMonitor and
 * captureCheckIn) to a real Lookout on a SQLite file.
 * @see https://develop.sentry.dev/sdk/telemetry/check-ins/
 */
import { randomUUID } from 'node:crypto';
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CronMonitorDetail, CronMonitorOverview } from '../src/shared/api-types';
import type { DB } from '../src/core/store/db';
import { cronQueries } from '../src/core/api/cron-queries';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;
let db: DB;
let staging: Sentry.NodeClient;
const CRONTAB = { schedule: { type: 'crontab' as const, value: '*/5 * * * *' }, checkinMargin: 2, maxRuntime: 10, timezone: 'Europe/Berlin' };

beforeAll(async () => {
  lookout = await startTestLookout({ onDatabase: (d) => { db = d; } });
  Sentry.init({ dsn: lookout.dsn, defaultIntegrations: false, release: 'jobs@1.2.3', environment: 'production' });
  staging = new Sentry.NodeClient({ dsn: lookout.dsn, environment: 'staging', transport: Sentry.makeNodeTransport,
    stackParser: Sentry.defaultStackParser, integrations: [] });
  staging.init();
});
afterAll(async () => { await staging.close(2000); await Sentry.close(2000); await lookout.stopAndClean(); });

const overview = () => lookout.api<CronMonitorOverview[]>('crons');
/** The list as one entry per monitor environment (its shape before monitors grouped their environments). */
const flat = (list: CronMonitorOverview[]) => list.flatMap((m) => m.environments.map((e) => ({ projectId: m.projectId, slug: m.slug, config: m.config, ...e })));
const monitors = async () => flat(await overview());
const monitor = (slug: string, extra = '') => lookout.api<CronMonitorDetail>(`crons/monitor?project=1&slug=${slug}${extra}`);

describe('Crons', () => {
  it('shows a withMonitor run that succeeded as one ok run with its duration and config', async () => {
    await Sentry.withMonitor('nightly-report', async () => { await new Promise((r) => setTimeout(r, 30)); }, CRONTAB);
    await Sentry.flush(3000);
    const m = (await monitors()).find((x) => x.slug === 'nightly-report');
    expect(m).toMatchObject({ projectId: 1, environment: 'production', missedSinceMs: null });
    expect(m!.recent).toHaveLength(1);
    const run = m!.recent[0]!;
    // The in_progress and the ok check-in (two stored items) are one run.
    expect(run).toMatchObject({ status: 'ok', sentStatus: null, itemCount: 2, release: 'jobs@1.2.3' });
    expect(run.durationMs).toBeGreaterThanOrEqual(25);
    expect(run.finishedMs).toBeGreaterThanOrEqual(run.startedMs);
    expect(run.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(m!.config).toEqual({ schedule: { type: 'crontab', value: '*/5 * * * *' }, checkinMargin: 2, maxRuntime: 10,
      timezone: 'Europe/Berlin', failureIssueThreshold: null, recoveryThreshold: null });
  });

  it('shows a job that threw as an error run, with the error captured inside it', async () => {
    let thrown: unknown;
    try {
      Sentry.withMonitor('import-users', () => {
        Sentry.captureException(new Error('row 7 has no email'));
        throw new Error('import failed');
      }, { schedule: { type: 'interval', value: 10, unit: 'minute' }, isolateTrace: true });
    } catch (err) { thrown = err; }
    expect(thrown).toBeInstanceOf(Error);
    await Sentry.flush(3000);
    const d = await monitor('import-users', '&environment=production');
    expect(d.runs).toHaveLength(1);
    expect(d.runs[0]).toMatchObject({ status: 'error', itemCount: 2 });
    expect(d.config?.schedule).toEqual({ type: 'interval', value: 10, unit: 'minute' });
    // Error events carry no monitor or check-in id: they are found through the run's trace.
    expect(d.errors.map((e) => [e.title, e.checkInId])).toEqual([['Error: row 7 has no email', d.runs[0]!.checkInId]]);
    expect(d.errors[0]!.issueId).toBeGreaterThan(0);
    expect(d.sharedTrace).toBe(false);
  });

  it('pairs an in_progress check-in with its closing one by check_in_id', async () => {
    const id = Sentry.captureCheckIn({ monitorSlug: 'hand-made', status: 'in_progress' });
    await Sentry.flush(3000);
    let d = await monitor('hand-made', '&environment=production');
    expect(d.runs.map((r) => [r.status, r.finishedMs])).toEqual([['in_progress', null]]);
    Sentry.captureCheckIn({ monitorSlug: 'hand-made', status: 'ok', checkInId: id, duration: 1.5 });
    await Sentry.flush(3000);
    d = await monitor('hand-made', '&environment=production');
    expect(d.runs).toHaveLength(1);
    expect(d.runs[0]).toMatchObject({ checkInId: id, status: 'ok', durationMs: 1500, itemCount: 2 });
  });

  it('keeps the environments of one slug apart', async () => {
    await Sentry.withMonitor('sync', () => undefined);
    staging.captureCheckIn({ monitorSlug: 'sync', status: 'ok', duration: 0.2 });
    staging.captureCheckIn({ monitorSlug: 'sync', status: 'error', duration: 0.1 });
    await Sentry.flush(3000);
    await staging.flush(3000);
    const sync = (await monitors()).filter((m) => m.slug === 'sync');
    expect(sync.map((m) => [m.environment, m.recent.map((r) => r.status)]).sort()).toEqual([
      ['production', ['ok']], ['staging', ['error', 'ok']],
    ]);
    const d = await monitor('sync', '&environment=staging');
    expect(d.runs.map((r) => r.status)).toEqual(['error', 'ok']);
  });

  it('files a check-in sent without an environment under production, as Sentry does', async () => {
    await Sentry.withMonitor('no-env', () => undefined);
    await Sentry.flush(3000);
    // A check-in item as the protocol defines it, from a client that sets no environment (and one that sends an empty one).
    for (const extra of [{}, { environment: '' }]) {
      const checkIn = { check_in_id: randomUUID().replace(/-/g, ''), monitor_slug: 'no-env', status: 'error', duration: 0.5, ...extra };
      const res = await post(`${lookout.url}/api/1/envelope/?sentry_key=k`, `{}\n{"type":"check_in"}\n${JSON.stringify(checkIn)}\n`);
      expect(res.status).toBe(200);
    }
    const rows = (await monitors()).filter((m) => m.slug === 'no-env');
    expect(rows.map((m) => [m.environment, m.recent.map((r) => r.status)])).toEqual([['production', ['error', 'error', 'ok']]]);
    const d = await monitor('no-env', '&environment=production');
    expect(d.environments.map((e) => e.environment)).toEqual(['production']);
  });

  it('gives each environment its own status and next check-in under the config any of them sent (Sentry\'s monitor environments)', async () => {
    staging.captureCheckIn({ monitorSlug: 'env-split', status: 'error', duration: 0.3 });
    await staging.flush(3000);
    await Sentry.withMonitor('env-split', () => undefined, { ...CRONTAB, timezone: 'UTC' });
    await Sentry.flush(3000);
    const nextTick = (ms: number) => (Math.floor(ms / 300_000) + 1) * 300_000;
    const d = await monitor('env-split', '&environment=staging');
    // Staging never sent a config: the monitor's, upserted from production, is its own too.
    expect(d.config?.schedule).toEqual({ type: 'crontab', value: '*/5 * * * *' });
    expect(d.nextCheckInMs).toBe(nextTick(d.lastCheckInMs));
    expect(d.environments.map((e) => [e.environment, e.latest?.status])).toEqual([['production', 'ok'], ['staging', 'error']]);
    for (const e of d.environments) expect(e.nextCheckInMs).toBe(nextTick(e.lastCheckInMs));
    const rows = (await monitors()).filter((m) => m.slug === 'env-split');
    expect(rows.map((m) => [m.environment, m.nextCheckInMs === nextTick(m.lastCheckInMs)]).sort()).toEqual([['production', true], ['staging', true]]);
  });

  it('lists a monitor once, with each environment it checked in from beneath it and the config they share', async () => {
    staging.captureCheckIn({ monitorSlug: 'grouped', status: 'error', duration: 0.2 });
    await staging.flush(3000);
    await Sentry.withMonitor('grouped', () => undefined, { ...CRONTAB, timezone: 'UTC' });
    await Sentry.flush(3000);
    const grouped = (await overview()).filter((m) => m.slug === 'grouped');
    expect(grouped).toHaveLength(1);
    const m = grouped[0]!;
    expect(m.config?.schedule).toEqual({ type: 'crontab', value: '*/5 * * * *' });
    // The most recently checked-in environment first (the page orders them by status).
    expect(m.environments.map((e) => [e.environment, e.recent.map((r) => r.status)])).toEqual([['production', ['ok']], ['staging', ['error']]]);
    expect(m.lastCheckInMs).toBe(Math.max(...m.environments.map((e) => e.lastCheckInMs)));
    expect(m.environments.every((e) => e.missedGaps.length === 0)).toBe(true);
  });

  it('marks the ticks a schedule missed between two check-ins, counted, in the list and on the monitor page', async () => {
    const every5 = { ...CRONTAB, timezone: 'UTC', checkinMargin: 1 };
    await Sentry.withMonitor('gappy', () => undefined, every5);
    await Sentry.flush(3000);
    // The first run as if it ran 27 minutes ago: the */5 ticks after it, up to the one whose margin
    // had not run out when the next run checked in, were missed.
    const moved = db.prepare("UPDATE check_ins SET received = received - 27 * 60000 WHERE monitor_slug = 'gappy'").run();
    expect(moved.changes).toBe(2);
    const first = (await monitor('gappy', '&environment=production')).lastCheckInMs;
    await Sentry.withMonitor('gappy', () => undefined, every5);
    await Sentry.flush(3000);
    const second = (await monitor('gappy', '&environment=production')).lastCheckInMs;
    const firstTick = (Math.floor(first / 300_000) + 1) * 300_000;
    let count = 0;
    for (let tick = firstTick; tick + 60_000 <= second; tick += 300_000) count++;
    expect(count).toBeGreaterThanOrEqual(4);
    const env = (await overview()).find((m) => m.slug === 'gappy')!.environments[0]!;
    expect(env.missedGaps).toEqual([{ expectedMs: firstTick, count }]);
    expect((await monitor('gappy', '&environment=production')).missedGaps).toEqual([{ expectedMs: firstTick, count }]);
  });

  it('answers a monitor asked without an environment with the environment that checked in last', async () => {
    await Sentry.withMonitor('env-fallback', () => undefined);
    await Sentry.flush(3000);
    expect((await monitor('env-fallback')).environment).toBe('production');
    staging.captureCheckIn({ monitorSlug: 'env-fallback', status: 'error', duration: 0.2 });
    await staging.flush(3000);
    const d = await monitor('env-fallback');
    expect(d.environment).toBe('staging');
    expect(d.runs.map((r) => r.status)).toEqual(['error']);
    expect(d.environments.map((e) => e.environment)).toEqual(['production', 'staging']);
    // An environment asked for by name is that one, and one that never checked in is none.
    expect((await monitor('env-fallback', '&environment=production')).runs.map((r) => r.status)).toEqual(['ok']);
    const res = await fetch(`${lookout.url}/_lookout/api/crons/monitor?project=1&slug=env-fallback&environment=qa`);
    expect(res.status).toBe(404);
  });

  it('calls a run left in progress past max_runtime timed out, and a late interval missed', async () => {
    Sentry.captureCheckIn({ monitorSlug: 'stuck', status: 'in_progress' },
      { schedule: { type: 'interval', value: 1, unit: 'hour' }, maxRuntime: 5, checkinMargin: 3 });
    await Sentry.flush(3000);
    const queries = cronQueries(db);
    const started = (await monitor('stuck', '&environment=production')).runs[0]!.startedMs;
    const at = (ms: number) => flat(queries.list({ project: 1 }, started + ms)).find((m) => m.slug === 'stuck')!;
    expect(at(4 * 60_000).recent[0]).toMatchObject({ status: 'in_progress', sentStatus: null });
    expect(at(6 * 60_000).recent[0]).toMatchObject({ status: 'timeout', sentStatus: 'in_progress' });
    // Sentry counts the interval from the minute of the check-in; missed is dated at the expected tick.
    const expected = Math.floor(started / 60_000) * 60_000 + 60 * 60_000;
    expect(at(62 * 60_000)).toMatchObject({ missedSinceMs: null, nextCheckInMs: expected, nextCheckInLatestMs: expected + 3 * 60_000 });
    expect(at(64 * 60_000)).toMatchObject({ missedSinceMs: expected, nextCheckInMs: expected + 60 * 60_000 });
    // Without a config nothing says how long a run may take: it stays in progress.
    const bare = flat(queries.list({}, started + 86_400_000)).find((m) => m.slug === 'hand-made');
    expect(bare?.recent[0]?.status).toBe('ok');
  });

  it('pages a monitor with many runs once each, newest first, through the indexes', async () => {
    // Flushed in tens: the SDK's transport buffers at most 64 envelopes and drops the rest.
    for (let i = 0; i < 60; i++) {
      Sentry.withMonitor('minutely', () => undefined);
      if (i % 10 === 9) await Sentry.flush(3000);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const d: CronMonitorDetail = await monitor('minutely', `&environment=production&limit=25${cursor ? `&before=${cursor}` : ''}`);
      seen.push(...d.runs.map((r) => `${r.checkInId}:${r.status}:${r.itemCount}`));
      cursor = d.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    expect(seen.every((s) => s.endsWith(':ok:2'))).toBe(true);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan("SELECT payload FROM check_ins WHERE project_id = 1 AND ifnull(monitor_slug, '') = 'x' AND ifnull(environment, '') = '' AND id < 9 ORDER BY id DESC LIMIT 5"))
      .toBe('SEARCH check_ins USING INDEX check_ins_monitor (project_id=? AND <expr>=? AND <expr>=? AND rowid<?)');
    expect(plan("SELECT ifnull(monitor_slug, '') FROM check_ins WHERE project_id = 1 AND ifnull(monitor_slug, '') > 0 ORDER BY ifnull(monitor_slug, '') LIMIT 1"))
      .toBe('SEARCH check_ins USING COVERING INDEX check_ins_monitor (project_id=? AND <expr>>?)');
    expect(plan("SELECT payload FROM check_ins INDEXED BY check_ins_run WHERE check_in_id IN (SELECT value FROM json_each('[]')) AND project_id = 1"))
      .toMatch(/^SEARCH check_ins USING INDEX check_ins_run \(check_in_id=\?\)/);
  });

  it('shows the newest of runs that overlap (a job started 40 times before any finished), each once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      ids.push(Sentry.captureCheckIn({ monitorSlug: 'parallel', status: 'in_progress' }));
      if (i % 10 === 9) await Sentry.flush(3000);
    }
    for (const [i, checkInId] of ids.entries()) {
      Sentry.captureCheckIn({ monitorSlug: 'parallel', status: 'ok', checkInId, duration: 2 });
      if (i % 10 === 9) await Sentry.flush(3000);
    }
    const m = (await monitors()).find((x) => x.slug === 'parallel');
    expect(m?.recent).toHaveLength(24);
    expect(m?.recent.every((r) => r.status === 'ok' && r.itemCount === 2)).toBe(true);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const d: CronMonitorDetail = await monitor('parallel', `&environment=production&limit=10${cursor ? `&before=${cursor}` : ''}`);
      if (pages === 0) expect(d.runs).toHaveLength(10);
      seen.push(...d.runs.map((r) => r.checkInId!));
      cursor = d.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(seen).size).toBe(40);
    expect(seen).toHaveLength(40);
    // A run's errors are found by the trace index, not by reading every error event.
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT event_id FROM events INDEXED BY events_trace
      WHERE trace_id IN ('a', 'b') AND kind = 'event' AND timestamp BETWEEN 0 AND 1 ORDER BY timestamp LIMIT 500`).all() as { detail: string }[]);
    expect(plan.map((r) => r.detail).join('; ')).toMatch(/^SEARCH events USING INDEX events_trace \(trace_id=\?\)/);
  });

  it('judges a crontab in its time zone: the next */5 tick after the last check-in, missed past checkin_margin', async () => {
    await Sentry.withMonitor('berlin-5min', () => undefined, CRONTAB);
    await Sentry.flush(3000);
    const last = (await monitor('berlin-5min', '&environment=production')).lastCheckInMs;
    const tick = (Math.floor(last / 300_000) + 1) * 300_000; // Berlin is a whole number of hours off UTC
    const at = (now: number) => flat(cronQueries(db).list({ project: 1 }, now)).find((m) => m.slug === 'berlin-5min')!;
    expect(at(tick + 2 * 60_000 - 1)).toMatchObject({ missedSinceMs: null, nextCheckInMs: tick, nextCheckInLatestMs: tick + 2 * 60_000 });
    expect(at(tick + 2 * 60_000)).toMatchObject({ missedSinceMs: tick, nextCheckInMs: tick + 300_000 });
    // The API says the same with the real clock: expected next, nothing missed yet.
    expect((await monitors()).find((m) => m.slug === 'berlin-5min')).toMatchObject({ missedSinceMs: null, nextCheckInMs: tick });
  });

  it('pairs a close whose check_in_id has dashes and capitals with an in_progress on an earlier page', async () => {
    const id = Sentry.captureCheckIn({ monitorSlug: 'dashed', status: 'in_progress' });
    await Sentry.flush(3000);
    for (let i = 0; i < 30; i++) {
      Sentry.withMonitor('dashed', () => undefined);
      if (i % 10 === 9) await Sentry.flush(3000);
    }
    const dashed = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`.toUpperCase();
    Sentry.captureCheckIn({ monitorSlug: 'dashed', status: 'error', checkInId: dashed, duration: 9 });
    await Sentry.flush(3000);
    const d = await monitor('dashed', '&environment=production&limit=5');
    expect(d.runs[0]).toMatchObject({ checkInId: id, status: 'error', itemCount: 2, finishedMs: expect.any(Number) as number });
    // Started when its in_progress arrived, before the 30 runs that followed.
    expect(d.runs[0]!.startedMs).toBeLessThanOrEqual(d.runs[1]!.startedMs);
  });

  it('names a check-in item\'s monitor in the Stream\'s items, so the row links to its page', async () => {
    staging.captureCheckIn({ monitorSlug: 'linked', status: 'ok', duration: 0.1 });
    await staging.flush(3000);
    const page = await lookout.api<{ items: { kind: string; title: string; monitor?: unknown }[] }>('items?limit=5');
    const item = page.items.find((i) => i.kind === 'check_in' && i.title.startsWith('check-in linked'));
    expect(item?.monitor).toEqual({ slug: 'linked', environment: 'staging' });
    expect(page.items.filter((i) => i.kind !== 'check_in').every((i) => i.monitor === undefined)).toBe(true);
  });
});
