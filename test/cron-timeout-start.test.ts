/**
 * A run a store holds in progress from before the judge followed runs (an older Lookout's store:
 * migration 025 starts its monitors judged up to their newest check-in, following no run) times out
 * when Lookout starts once its `max_runtime` has passed, as Sentry's `check_timeout` times out any
 * check-in still in progress past its deadline: a real @sentry/node client opens the run, Lookout
 * stops, and a fresh start on the same SQLite file judges it.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/clock_tasks/check_timeout.py
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeClient, Scope, defaultStackParser, makeNodeTransport } from '@sentry/node';
import { afterAll, describe, expect, it } from 'vitest';
import type { CronMonitorDetail, EventDetail, EventSummary, IssueSummary, Page } from '../src/shared/api-types';
import { cronFailureEvidence } from '../src/shared/api-cron-issues';
import { startTestLookout, type TestLookout } from './helpers/lookout';

const dataDir = mkdtempSync(join(tmpdir(), 'lookout-cron-start-'));
let clockMs: number | null = null;
let lookout: TestLookout | null = null;
const start = async () => (lookout = await startTestLookout({ dataDir, cronClock: () => clockMs ?? Date.now() }));
afterAll(async () => { await lookout?.close(); rmSync(dataDir, { recursive: true, force: true }); });

const issuesOf = async (l: TestLookout, slug: string) =>
  (await l.api<Page<IssueSummary>>(`issues?query=${encodeURIComponent(`issue.category:cron ${slug}`)}&status=all`)).items;

describe('a run left in progress by an older Lookout', () => {
  it('times out at the next start once its max_runtime has passed, once', async () => {
    const first = await start();
    const client = new NodeClient({ dsn: first.dsn, environment: 'production', release: 'jobs@1.0.0', transport: makeNodeTransport,
      stackParser: defaultStackParser, integrations: [], sendClientReports: false });
    client.init();
    const scope = new Scope();
    scope.setClient(client);
    client.captureCheckIn({ monitorSlug: 'stuck-import', status: 'in_progress' },
      { schedule: { type: 'interval', value: 1, unit: 'day' }, maxRuntime: 2 }, scope);
    expect(await client.flush(10_000)).toBe(true);
    const opened = await first.api<CronMonitorDetail>('crons/monitor?project=1&slug=stuck-import');
    expect(opened.runs.map((r) => r.status)).toEqual(['in_progress']);
    const startedMs = opened.runs[0]!.startedMs;
    await first.close();
    lookout = null;

    // The judge's state as an older Lookout's store has it after migration 025: judged up to the
    // newest check-in, with the time the schedule counts from, and no run followed.
    const db = new Database(join(dataDir, 'lookout.db'));
    db.prepare(`UPDATE cron_monitor_states SET state = json_object('lastCheckInMs', ?, 'lastEnvelopeId',
      (SELECT MAX(envelope_id) FROM check_ins)) WHERE slug = 'stuck-import'`).run(startedMs);
    expect(db.prepare("SELECT judged_id = (SELECT MAX(id) FROM check_ins) FROM cron_monitor_states WHERE slug = 'stuck-import'").pluck().get()).toBe(1);
    db.close();

    // Started again three minutes later (by the judge's clock): the run is past its 2 minutes.
    clockMs = startedMs + 3 * 60_000;
    const again = await start();
    await again.judgeCrons();
    const [timedOut, ...others] = await issuesOf(again, 'stuck-import');
    expect(others).toEqual([]);
    expect(timedOut).toMatchObject({ title: 'Monitor failure: stuck-import', count: 1, status: 'unresolved' });
    const [event] = (await again.api<Page<EventSummary>>(`issues/${timedOut!.id}/events`)).items;
    const evidence = cronFailureEvidence((await again.api<EventDetail>(`events/${event!.eventId}`)).payload as object);
    expect(evidence).toMatchObject({ failure: 'timeout', failureReason: 'A timeout check-in was detected', environment: 'production' });

    // Another start: nothing filed twice.
    await again.close();
    const third = await start();
    await third.judgeCrons();
    expect((await issuesOf(third, 'stuck-import')).map((i) => i.count)).toEqual([1]);
    clockMs = null;
  });
});
