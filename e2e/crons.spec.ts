/**
 * The Crons view against check-ins the real @sentry/node client sends (captureCheckIn, the call
 * withMonitor makes, and withMonitor itself in a job runner's own process): the list's monitors
 * with their environments beneath, statuses and timelines, a monitor's page, and live check-ins.
 * @see https://develop.sentry.dev/sdk/telemetry/check-ins/
 */
import { NodeClient, Scope, defaultStackParser, makeNodeTransport } from '@sentry/node';
import { test, expect } from './fixtures';
import { run } from './helpers/sentry-node-traces';

/** withMonitor's third argument. */
type MonitorConfig = NonNullable<Parameters<NodeClient['captureCheckIn']>[1]>;

const SCREENS = process.env.LOOKOUT_UI_SCREENS ?? 'test-results/crons';

/** A client of its own per test (no global init), sending as a job's process would. */
function cronClient(dsn: string, environment = 'production') {
  const client = new NodeClient({ dsn, environment, release: 'jobs@2.0.0', transport: makeNodeTransport,
    stackParser: defaultStackParser, integrations: [], sendClientReports: false });
  client.init();
  const scope = new Scope();
  scope.setClient(client);
  return {
    /** Opens a run (answers its check-in id). */
    start: (slug: string, config?: MonitorConfig) => client.captureCheckIn({ monitorSlug: slug, status: 'in_progress' }, config, scope),
    /** Closes the run `id` as withMonitor does, with its duration in seconds. */
    finish: (slug: string, id: string, status: 'ok' | 'error', duration: number) =>
      client.captureCheckIn({ monitorSlug: slug, status, checkInId: id, duration }, undefined, scope),
    flush: async () => { if (!(await client.flush(10_000))) throw new Error('check-ins not flushed'); },
  };
}

test('the Crons list shows a monitor with its statuses, and its page lists the check-ins', async ({ page, server }) => {
  const sender = cronClient(server.dsn);
  const config: MonitorConfig = { schedule: { type: 'crontab', value: '*/5 * * * *' }, checkinMargin: 2, maxRuntime: 10, timezone: 'UTC' };
  const first = sender.start('nightly-report', config);
  sender.finish('nightly-report', first, 'ok', 1.25);
  const second = sender.start('nightly-report', config);
  sender.finish('nightly-report', second, 'error', 0.5);
  await sender.flush();

  await page.goto(`${server.url}/#/issues`);
  // Keyboard: the sidebar entry is a link reached with Tab and opened with Enter.
  await page.getByTestId('nav-crons').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/crons$/);
  const row = page.locator('[data-testid="cron-row"][data-slug="nightly-report"]');
  await expect(row.getByTestId('cron-status')).toHaveText('✕Failed');
  await expect(row.getByTestId('cron-row-duration')).toHaveText('500ms');
  // One cell per run (the in_progress and its close are one), oldest left, each named in words.
  const cells = row.getByTestId('cron-strip-cell');
  await expect(cells).toHaveCount(2);
  expect(await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['ok', 'error']);
  await expect(cells.nth(1)).toHaveAttribute('title', /^Failed · started .* · took 500ms$/);
  // The schedule is the monitor's, shown on its row above its environments.
  await expect(page.locator('[data-testid="cron-monitor"][data-slug="nightly-report"]').getByTestId('cron-monitor-details'))
    .toContainText('crontab */5 * * * *');
  await page.screenshot({ path: `${SCREENS}/crons-list.png` });

  await row.getByRole('link').click();
  await expect(page).toHaveURL(/#\/crons\/1\/nightly-report\?environment=production$/);
  const runs = page.getByTestId('cron-run');
  await expect(runs).toHaveCount(2);
  await expect(runs.getByTestId('cron-run-status')).toHaveText(['✕Failed', '✓OK']);
  await expect(runs.getByTestId('cron-run-id')).toHaveText([second.slice(0, 8), first.slice(0, 8)]);
  await expect(runs.getByTestId('cron-run-id').first()).toHaveAttribute('title', second);
  await expect(runs.getByTestId('cron-run-duration')).toHaveText(['500ms', '1.25s']);
  await expect(page.getByTestId('cron-config')).toContainText('crontab */5 * * * *');
  await expect(page.getByTestId('cron-config')).toContainText('10 minutes in progress before it counts as timed out');

  // Live: a new run shows without a reload, first in progress, then closed in place.
  const third = sender.start('nightly-report', config);
  await sender.flush();
  await expect(runs).toHaveCount(3);
  await expect(runs.first().getByTestId('cron-run-status')).toHaveText('…In progress');
  sender.finish('nightly-report', third, 'ok', 2);
  await sender.flush();
  await expect(runs.first().getByTestId('cron-run-status')).toHaveText('✓OK');
  await expect(runs).toHaveCount(3);
  await page.screenshot({ path: `${SCREENS}/monitor.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SCREENS}/monitor-dark.png` });
});

test('with no check-in, the Crons view says how to send one', async ({ page, server }) => {
  await page.goto(`${server.url}/#/crons`);
  await expect(page.getByTestId('crons-empty')).toContainText("Sentry.withMonitor('nightly-report', () => job()");
});

test.describe('schedules', () => {
  // A viewer away from the monitor's zone: the next check-in is shown in both.
  test.use({ timezoneId: 'America/New_York' });

  test('a crontab monitor shows its next check-in, then "Missed" once the clock passes its margin', async ({ page, server }) => {
    const sender = cronClient(server.dsn);
    const config: MonitorConfig = { schedule: { type: 'crontab', value: '*/5 * * * *' }, checkinMargin: 1, timezone: 'Europe/Berlin' };
    sender.finish('every-5', sender.start('every-5', config), 'ok', 0.2);
    await sender.flush();
    const res = await page.request.get(`${server.url}/_lookout/api/crons/monitor?project=1&slug=every-5&environment=production`);
    const detail = await res.json() as { nextCheckInMs: number; nextCheckInLatestMs: number };
    expect(detail.nextCheckInLatestMs - detail.nextCheckInMs).toBe(60_000);

    await page.goto(`${server.url}/#/crons/1/every-5?environment=production`);
    await expect(page.getByTestId('monitor-status')).toHaveText('✓OK');
    await expect(page.getByTestId('cron-next')).toContainText('Europe/Berlin');
    await expect(page.getByTestId('cron-missed')).toHaveCount(0);

    // The page's clock a minute past the margin: no check-in came, so the schedule's tick was missed.
    await page.clock.setFixedTime(detail.nextCheckInLatestMs + 60_000);
    await page.reload();
    await expect(page.getByTestId('monitor-status')).toHaveText('!Missed');
    await expect(page.getByTestId('cron-missed')).toContainText('No check-in since');
    await page.getByTestId('nav-crons').click();
    await expect(page.locator('[data-testid="cron-row"][data-slug="every-5"]').getByTestId('cron-status')).toHaveText('!Missed');
    await page.screenshot({ path: `${SCREENS}/crons-missed.png` });
  });
});

test('the list says when each monitor expects its next check-in, failing first; a monitor page shows each environment', async ({ page, server }) => {
  const production = cronClient(server.dsn);
  const staging = cronClient(server.dsn, 'staging');
  const hourly: MonitorConfig = { schedule: { type: 'crontab', value: '0 * * * *' }, checkinMargin: 5, timezone: 'UTC' };
  const every5: MonitorConfig = { schedule: { type: 'crontab', value: '*/5 * * * *' }, checkinMargin: 1, timezone: 'UTC' };
  production.finish('hourly-sync', production.start('hourly-sync', hourly), 'ok', 0.4);
  // Staging sends no config: the monitor's, upserted from production, judges it too.
  staging.finish('hourly-sync', staging.start('hourly-sync'), 'error', 0.2);
  await Promise.all([production.flush(), staging.flush()]);
  production.finish('quiet-job', production.start('quiet-job', every5), 'ok', 0.1);
  await production.flush();
  const detail = async (slug: string, env: string) => (await page.request.get(
    `${server.url}/_lookout/api/crons/monitor?project=1&slug=${slug}&environment=${env}`)).json() as Promise<{ nextCheckInMs: number; nextCheckInLatestMs: number }>;
  const quiet = await detail('quiet-job', 'production');
  const sync = await detail('hourly-sync', 'production');

  await page.goto(`${server.url}/#/crons`);
  const rows = page.getByTestId('cron-row');
  await expect(rows).toHaveCount(3);
  // The monitor with a failing environment first, that environment first within it; then the others by their last check-in.
  expect(await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-slug')}/${e.getAttribute('data-environment')}`)))
    .toEqual(['hourly-sync/staging', 'hourly-sync/production', 'quiet-job/production']);
  const next = page.locator('[data-testid="cron-row"][data-slug="hourly-sync"][data-environment="production"]').getByTestId('cron-row-next');
  await expect(next).toHaveText(/^(in \d+m|due now)$/);
  await expect(next).toHaveAttribute('datetime', new Date(sync.nextCheckInMs).toISOString());
  await expect(next).toHaveAttribute('title', /\d/);
  await expect(page.locator('[data-testid="cron-row"][data-environment="staging"]').getByTestId('cron-row-next'))
    .toHaveAttribute('datetime', new Date(sync.nextCheckInMs).toISOString());

  // A minute past quiet-job's margin (hourly-sync's is later): it is missed, and its monitor comes first.
  await page.clock.setFixedTime(quiet.nextCheckInLatestMs + 1000);
  await page.reload();
  // Polled: right after the reload the list has not loaded yet.
  await expect.poll(() => rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-slug')}/${e.getAttribute('data-environment')}`)))
    .toEqual(['quiet-job/production', 'hourly-sync/staging', 'hourly-sync/production']);
  await expect(rows.first().getByTestId('cron-status')).toHaveText('!Missed');
  await expect(rows.first().getByTestId('cron-row-next')).toHaveText('—');
  await page.screenshot({ path: `${SCREENS}/crons-next.png` });

  await page.locator('[data-testid="cron-row"][data-slug="hourly-sync"][data-environment="production"]').getByRole('link').click();
  const envs = page.getByTestId('cron-environment');
  await expect(envs).toHaveCount(2);
  await expect(envs.getByTestId('cron-environment-status')).toHaveText(['✓OK', '✕Failed']);
  await expect(envs.nth(0).locator('[aria-current="page"]')).toHaveText('production');
  await expect(envs.nth(1).getByTestId('cron-environment-next')).toHaveAttribute('datetime', new Date(sync.nextCheckInMs).toISOString());
  await page.screenshot({ path: `${SCREENS}/monitor-environments.png` });
  await envs.nth(1).getByRole('link', { name: 'staging' }).click();
  await expect(page).toHaveURL(/#\/crons\/1\/hourly-sync\?environment=staging$/);
  await expect(page.getByTestId('monitor-status')).toHaveText('✕Failed');
  await expect(page.getByTestId('cron-config')).toContainText('crontab 0 * * * *');
});

test('a check-in row in the Stream links to its monitor, loaded or live', async ({ page, server }) => {
  const sender = cronClient(server.dsn);
  sender.finish('stream-linked', sender.start('stream-linked'), 'ok', 0.1);
  await sender.flush();
  await page.goto(`${server.url}/#/stream`);
  const rows = page.locator('[data-testid="stream-row"][data-kind="check_in"]');
  await expect(rows).toHaveCount(2);
  for (const link of await rows.getByRole('link').all()) {
    await expect(link).toHaveAttribute('href', '#/crons/1/stream-linked?environment=production');
  }
  // Live, over the stream's SSE.
  sender.start('stream-live');
  await sender.flush();
  const live = rows.filter({ hasText: 'stream-live' });
  await expect(live.getByRole('link')).toHaveAttribute('href', '#/crons/1/stream-live?environment=production');
  await live.getByRole('link').click();
  await expect(page).toHaveURL(/#\/crons\/1\/stream-live\?environment=production$/);
  await expect(page.getByTestId('cron-run')).toHaveCount(1);
});

test('a monitor link without an environment opens the one that checked in last, and the header names it', async ({ page, server }) => {
  const staging = cronClient(server.dsn, 'staging');
  staging.finish('nightly-report', staging.start('nightly-report'), 'error', 0.3);
  await staging.flush();
  await page.goto(`${server.url}/#/crons/1/nightly-report`);
  await expect(page.getByTestId('cron-run')).toHaveCount(1);
  await expect(page.getByTestId('monitor-missing')).toHaveCount(0);
  await expect(page.getByTestId('monitor-environment')).toHaveText('staging');
  await expect(page.getByTestId('monitor-status')).toHaveText('✕Failed');
});

/** A job runner as a real app: its own Node process, `Sentry.init` in `environment`, each job wrapped in `Sentry.withMonitor`. */
const jobRunner = (dsn: string, environment: string, jobs: { slug: 'billing-sync' | 'cleanup'; fails: boolean }[]) => `import * as Sentry from '@sentry/node';
Sentry.init({ dsn: ${JSON.stringify(dsn)}, environment: ${JSON.stringify(environment)}, release: 'jobs@3.0.0', defaultIntegrations: false });
const configs = {
  'billing-sync': { schedule: { type: 'crontab', value: '0 * * * *' }, checkinMargin: 5, timezone: 'UTC' },
  cleanup: { schedule: { type: 'crontab', value: '*/5 * * * *' }, checkinMargin: 1, timezone: 'UTC' },
};
for (const job of ${JSON.stringify(jobs)}) {
  try {
    await Sentry.withMonitor(job.slug, async () => { if (job.fails) throw new Error('ledger locked'); }, configs[job.slug]);
  } catch {}
}
if (!(await Sentry.flush(10000))) throw new Error('@sentry/node did not flush');
process.stdout.write('{}');`;

test('one row per monitor with its environments beneath: the status rolls up, failing first, each with its timeline and page', async ({ page, server }) => {
  await run(jobRunner(server.dsn, 'production', [{ slug: 'billing-sync', fails: false }, { slug: 'cleanup', fails: false }]));
  await run(jobRunner(server.dsn, 'staging', [{ slug: 'billing-sync', fails: true }, { slug: 'cleanup', fails: false }]));
  const envRows = page.getByTestId('cron-row');
  const order = () => envRows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-slug')}/${e.getAttribute('data-environment')}`));

  await page.goto(`${server.url}/#/crons`);
  const monitors = page.getByTestId('cron-monitor');
  await expect(monitors).toHaveCount(2);
  await expect(page.getByTestId('crons-view').locator('.view-head')).toContainText('2 monitors');
  // billing-sync failed in staging: it leads, though cleanup checked in last; within it, the failing environment first.
  await expect(monitors.getByTestId('cron-monitor-status')).toHaveText(['✕Failed', '✓OK']);
  expect(await monitors.evaluateAll((els) => els.map((e) => e.getAttribute('data-slug')))).toEqual(['billing-sync', 'cleanup']);
  expect(await order()).toEqual(['billing-sync/staging', 'billing-sync/production', 'cleanup/staging', 'cleanup/production']);
  const billing = monitors.first();
  await expect(billing.getByTestId('cron-status')).toHaveText(['✕Failed', '✓OK']);
  await expect(billing.getByTestId('cron-monitor-details')).toHaveText(/crontab 0 \* \* \* \*/);
  const staging = page.locator('[data-testid="cron-row"][data-slug="billing-sync"][data-environment="staging"]');
  await expect(staging.getByTestId('cron-strip-cell')).toHaveCount(1);
  await expect(staging.getByTestId('cron-strip-cell')).toHaveAttribute('data-status', 'error');
  await expect(staging.getByTestId('cron-strip-cell')).toHaveAttribute('title', /^Failed · started .* · took /);
  await page.screenshot({ path: `${SCREENS}/crons-grouped.png` });

  // A click anywhere on an environment's row opens the monitor on that environment.
  const badge = await staging.getByTestId('cron-status').boundingBox();
  if (!badge) throw new Error('not laid out');
  await page.mouse.click(badge.x + badge.width / 2, badge.y + badge.height / 2);
  await expect(page).toHaveURL(/#\/crons\/1\/billing-sync\?environment=staging$/);
  await expect(page.getByTestId('monitor-status')).toHaveText('✕Failed');
  await page.goBack();

  // Keyboard: the monitor's row is a link (to the environment its status comes from), then each environment's.
  await page.getByTestId('cron-monitor-link').first().focus();
  await page.keyboard.press('Tab');
  await expect(staging.getByRole('link')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/crons\/1\/billing-sync\?environment=staging$/);
  await page.goBack();

  // Live: production fails too, and its row says so without a reload.
  await run(jobRunner(server.dsn, 'production', [{ slug: 'billing-sync', fails: true }]));
  const production = page.locator('[data-testid="cron-row"][data-slug="billing-sync"][data-environment="production"]');
  await expect(production.getByTestId('cron-strip-cell')).toHaveCount(2);
  expect(await production.getByTestId('cron-strip-cell').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['ok', 'error']);
  await expect(production.getByTestId('cron-status')).toHaveText('✕Failed');

  // Past cleanup's margin (billing-sync's hourly one runs later): cleanup missed in both environments, a missed mark ends
  // each of its timelines, and it leads, its missed tick being the newest news.
  const cleanup = await (await page.request.get(`${server.url}/_lookout/api/crons/monitor?project=1&slug=cleanup&environment=staging`))
    .json() as { nextCheckInLatestMs: number };
  await page.clock.setFixedTime(cleanup.nextCheckInLatestMs + 60_000);
  await page.reload();
  await expect.poll(order).toEqual(['cleanup/staging', 'cleanup/production', 'billing-sync/production', 'billing-sync/staging']);
  await expect(monitors.first().getByTestId('cron-monitor-status')).toHaveText('!Missed');
  const missed = monitors.first().getByTestId('cron-strip-cell').last();
  await expect(missed).toHaveAttribute('data-status', 'missed');
  await expect(missed).toHaveAttribute('title', /^Missed · expected .* · no check-in since$/);
  await expect(missed).toHaveText(/^!Missed · expected/);
  await page.screenshot({ path: `${SCREENS}/crons-grouped-missed.png` });
});
