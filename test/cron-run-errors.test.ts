/**
 * A run's errors on a monitor's page are its own: `Sentry.withMonitor` without `isolateTrace`
 * keeps the process's trace, so errors captured before the job (and in other runs) share the
 * run's trace id; only those captured while it ran, by the SDK's own clock, are the run's. Real
 * @sentry/node SDK, real Lookout on a SQLite file.
 * @see https://develop.sentry.dev/sdk/telemetry/check-ins/
 */
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CronMonitorDetail } from '../src/shared/api-types';
import { startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;

beforeAll(async () => {
  lookout = await startTestLookout();
  Sentry.init({ dsn: lookout.dsn, defaultIntegrations: false, release: 'shop-api@1.4.2', environment: 'development' });
});
afterAll(async () => { await Sentry.close(2000); await lookout.stopAndClean(); });

const flush = async () => { if (!(await Sentry.flush(5000))) throw new Error('not flushed'); };
/**
 * Lets the clock tick once: both clocks count whole milliseconds, and an error stamped in the very
 * millisecond the run's check-in was sent cannot be told from one of the run.
 */
function nextMillisecond(): void {
  const now = Date.now();
  while (Date.now() === now) { /* at most a millisecond */ }
}
const hourly = { schedule: { type: 'interval' as const, value: 1, unit: 'hour' as const } };

describe('a run\'s errors', () => {
  it('lists only the errors captured while the run ran, the newest first, and counts the others honestly', async () => {
    // The app's own errors, in the process's trace, just before the job.
    for (let i = 1; i <= 3; i++) Sentry.captureException(new Error(`PaymentDeclinedError: card ${i}`));
    nextMillisecond();
    try {
      await Sentry.withMonitor('hourly-sync', async () => {
        Sentry.captureException(new Error('cache warm-up failed'));
        throw new Error('sync upstream unavailable');
      }, hourly);
    } catch (err) {
      // withMonitor closed the run before the caller captures what it threw.
      Sentry.captureException(err);
    }
    await flush();
    // A second run of the same process, in the same trace: seven errors of its own.
    await Sentry.withMonitor('hourly-sync', async () => {
      for (let i = 1; i <= 7; i++) Sentry.captureException(new Error(`row ${i} skipped`));
    }, hourly);
    await flush();

    const d = await lookout.api<CronMonitorDetail>('crons/monitor?project=1&slug=hourly-sync&environment=development');
    expect(d.sharedTrace).toBe(true);
    const [second, first] = d.runs;
    expect(first).toMatchObject({ status: 'error', errorCount: 2 });
    expect(second).toMatchObject({ status: 'ok', errorCount: 7 });
    const errorsOf = (checkInId: string | null) => d.errors.filter((e) => e.checkInId === checkInId);
    // Newest first (errors stamped in the same millisecond may come in either order).
    for (const run of d.runs) {
      const times = errorsOf(run.checkInId).map((e) => e.timestamp);
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
    expect(errorsOf(first!.checkInId).map((e) => e.title).sort()).toEqual(['Error: cache warm-up failed', 'Error: sync upstream unavailable']);
    // Five of its seven named, all seven counted.
    const named = errorsOf(second!.checkInId).map((e) => e.title);
    expect(named).toHaveLength(5);
    expect(new Set(named).size).toBe(5);
    expect(named.every((t) => /^Error: row [1-7] skipped$/.test(t))).toBe(true);
    expect(d.errors.some((e) => e.title.includes('PaymentDeclinedError'))).toBe(false);
  });
});
