import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemSummary, Page } from '../src/shared/api-types';
import type { OutcomeStats } from '../src/shared/api-stats';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';
import { runSdkApp } from './helpers/sdk-app';

const BURST_APP = fileURLToPath(new URL('./fixtures/app/burst.mjs', import.meta.url));

let lookout: TestLookout;
beforeAll(async () => { lookout = await startTestLookout(); });
afterAll(async () => { await lookout.stopAndClean(); });

const quantity = (stats: OutcomeStats, outcome: string, category: string, reason = '') =>
  stats.outcomes.find((o) => o.outcome === outcome && o.category === category && o.reason === reason)?.quantity ?? 0;

describe('what the SDK dropped, as Sentry\'s Stats', () => {
  it('counts a real @sentry/node burst: the events stored as accepted, its queue overflow as the client report says', async () => {
    const dsn = lookout.dsn.replace(/\/1$/, '/7');
    const run = await runSdkApp(process.execPath, [BURST_APP, dsn, '1000', '10']);
    expect(run.exitCode, run.stderr).toBe(0);
    // The SDK sends its report at `beforeExit`, once its queue has drained: the app ending means all were answered.
    const items = (await lookout.api<Page<ItemSummary>>('items?limit=1000')).items.filter((i) => i.projectId === 7);
    const events = items.filter((i) => i.kind === 'event').length;
    const reports = items.filter((i) => i.kind === 'client_report');
    expect(reports).toHaveLength(1);
    expect(events).toBeGreaterThan(0);

    const stats = await lookout.api<OutcomeStats>('stats?hours=24&project=7');
    const dropped = quantity(stats, 'client_discard', 'error', 'queue_overflow');
    expect(quantity(stats, 'accepted', 'error')).toBe(events);
    expect(dropped).toBeGreaterThan(900);
    // Every capture is either stored or counted as dropped.
    expect(events + dropped).toBe(1000);
    expect(reports[0]!.title).toBe(`client report: ${dropped} discarded`);
    expect(stats.project).toBe(7);
    expect(stats.until - stats.since).toBeLessThanOrEqual(24 * 3600_000);

    // Another project's window does not see them; all projects do.
    expect((await lookout.api<OutcomeStats>('stats?hours=24&project=8')).outcomes).toEqual([]);
    expect(quantity(await lookout.api<OutcomeStats>('stats'), 'client_discard', 'error', 'queue_overflow')).toBe(dropped);
  });

  it("counts Lookout's own rejections by status and reason, and refuses a bad window", async () => {
    const bad = await post(`${lookout.url}/api/9/envelope/?sentry_key=k`, 'not an envelope');
    expect(bad.status).toBeGreaterThanOrEqual(400);
    const stats = await lookout.api<OutcomeStats>('stats?hours=1');
    expect(stats.rejected.reduce((n, r) => n + r.count, 0)).toBeGreaterThanOrEqual(1);
    expect(stats.rejected[0]).toMatchObject({ status: bad.status });
    await expect(lookout.api('stats?hours=soon')).rejects.toThrow(/400/);
    await expect(lookout.api('stats?project=x')).rejects.toThrow(/400/);
  });

  it('forgets the counts with "Delete all data"', async () => {
    await lookout.api('data', { method: 'DELETE' });
    const stats = await lookout.api<OutcomeStats>('stats?hours=24');
    expect(stats.outcomes).toEqual([]);
  });
});
