/**
 * A monitor that checked in from more than four environments, as Sentry's Crons overview row shows
 * it: four environments (the most urgent first, so a failing one is never hidden) and "Show N more",
 * which lists the rest. Check-ins come from the real @sentry/node client.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/insights/crons/components/overviewTimeline/overviewRow.tsx
 */
import { NodeClient, Scope, defaultStackParser, makeNodeTransport } from '@sentry/node';
import { test, expect } from './fixtures';

const ENVIRONMENTS = ['production', 'staging', 'qa', 'dev', 'eu-west', 'us-east'];

async function checkInFrom(dsn: string, environment: string, status: 'ok' | 'error'): Promise<void> {
  const client = new NodeClient({ dsn, environment, release: 'jobs@1.0.0', transport: makeNodeTransport,
    stackParser: defaultStackParser, integrations: [], sendClientReports: false });
  client.init();
  const scope = new Scope();
  scope.setClient(client);
  client.captureCheckIn({ monitorSlug: 'fan-out', status, checkInId: crypto.randomUUID().replace(/-/g, ''), duration: 0.1 },
    { schedule: { type: 'crontab', value: '0 * * * *' } }, scope);
  if (!(await client.flush(10_000))) throw new Error('check-in not flushed');
}

test('a monitor with six environments lists four and "Show 2 more"', async ({ page, server }) => {
  // The last one fails: it is listed first, so it is among the four shown.
  for (const env of ENVIRONMENTS) await checkInFrom(server.dsn, env, env === 'us-east' ? 'error' : 'ok');

  await page.goto(`${server.url}/#/crons`);
  const monitor = page.locator('[data-testid="cron-monitor"][data-slug="fan-out"]');
  const rows = monitor.getByTestId('cron-row');
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toHaveAttribute('data-environment', 'us-east');
  await expect(monitor).toContainText('6 environments');
  const more = monitor.getByTestId('cron-env-more');
  await expect(more).toHaveText('Show 2 more');

  // Keyboard: the button is reached with Tab and pressed with Enter.
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(6);
  await expect(more).toHaveCount(0);
  expect((await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-environment')))).sort()).toEqual([...ENVIRONMENTS].sort());
});

test('a monitor with four environments lists them all, with no button', async ({ page, server }) => {
  for (const env of ENVIRONMENTS.slice(0, 4)) await checkInFrom(server.dsn, env, 'ok');
  await page.goto(`${server.url}/#/crons`);
  const monitor = page.locator('[data-testid="cron-monitor"][data-slug="fan-out"]');
  await expect(monitor.getByTestId('cron-row')).toHaveCount(4);
  await expect(monitor.getByTestId('cron-env-more')).toHaveCount(0);
});
