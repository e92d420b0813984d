/**
 * Stats are kept as long as events: the hourly `outcome_counts` a real @sentry/node burst fills
 * (accepted errors, and the queue overflow its client report tells) are pruned by retention once
 * their hour is older than `maxAgeDays`, and the Stats API says how long counts are kept and from
 * which hour it counts.
 * @see https://docs.sentry.io/product/stats/
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutcomeStats } from '../src/shared/api-stats';
import type { DB } from '../src/core/store/db';
import { pruneBatch, type RetentionLimits } from '../src/core/store/retention';
import { startTestLookout, type TestLookout } from './helpers/lookout';
import { runSdkApp } from './helpers/sdk-app';

const BURST_APP = fileURLToPath(new URL('./fixtures/app/burst.mjs', import.meta.url));
const DAY = 86_400_000;
const HOUR = 3_600_000;
const limits: RetentionLimits = { maxEvents: 1_000_000, maxAgeDays: 30, maxBytes: 2 * 1024 ** 3 };

let lookout: TestLookout;
let db: DB;
beforeAll(async () => { lookout = await startTestLookout({ retention: { maxAgeDays: 30 }, onDatabase: (d) => { db = d; } }); });
afterAll(async () => { await lookout.stopAndClean(); });

const countRows = () => db.prepare('SELECT COUNT(*) FROM outcome_counts').pluck().get() as number;
/** Runs retention to its end at `now`, as the app's timer does batch after batch. */
function pruneAll(now: number): void {
  while (pruneBatch(db, limits, now, 50) > 0) { /* next batch */ }
}

describe('Stats under retention', () => {
  it('prunes the hourly counts with the events once older than maxAgeDays, and says what is kept', async () => {
    const startedAt = Date.now();
    const run = await runSdkApp(process.execPath, [BURST_APP, lookout.dsn, '300', '10']);
    expect(run.exitCode, run.stderr).toBe(0);
    const stats = await lookout.api<OutcomeStats>('stats?hours=720');
    const dropped = stats.outcomes.find((o) => o.outcome === 'client_discard' && o.reason === 'queue_overflow')?.quantity ?? 0;
    const accepted = stats.outcomes.find((o) => o.outcome === 'accepted' && o.category === 'error')?.quantity ?? 0;
    expect(dropped).toBeGreaterThan(0);
    expect(accepted + dropped).toBe(300);
    expect(stats.keptDays).toBe(30);
    expect(stats.oldestHourMs).toBe(startedAt - (startedAt % HOUR));
    const rows = countRows();
    expect(rows).toBeGreaterThanOrEqual(2);

    // 29 days on, the hour is within the 30 kept: nothing goes.
    pruneAll(startedAt + 29 * DAY);
    expect(countRows()).toBe(rows);
    // Once the whole hour is older than 30 days, its rows go with the events (the next hour's too:
    // the burst may have crossed into it).
    pruneAll(startedAt - (startedAt % HOUR) + 2 * HOUR + 30 * DAY);
    expect(countRows()).toBe(0);
    const after = await lookout.api<OutcomeStats>('stats?hours=2160');
    expect(after.outcomes).toEqual([]);
    expect(after.oldestHourMs).toBeNull();
  });
});
