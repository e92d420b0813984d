/**
 * A failing cron monitor's issue in Chromium, from check-ins the real @sentry/node client sends:
 * listed with its Cron badge and found by `issue.category:cron`, its page shows Sentry's evidence
 * (failure reason, environment, last successful check-in) and links the monitor; an ok check-in
 * resolves it.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/logic/incident_occurrence.py
 */
import { randomUUID } from 'node:crypto';
import { NodeClient, Scope, defaultStackParser, makeNodeTransport } from '@sentry/node';
import { test, expect } from './fixtures';

const SCREENS = process.env.LOOKOUT_UI_SCREENS ?? 'test-results/cron-issues';

function cronClient(dsn: string) {
  const client = new NodeClient({ dsn, environment: 'production', release: 'jobs@2.0.0', transport: makeNodeTransport,
    stackParser: defaultStackParser, integrations: [], sendClientReports: false });
  client.init();
  const scope = new Scope();
  scope.setClient(client);
  return {
    checkIn: (status: 'ok' | 'error') => client.captureCheckIn({ monitorSlug: 'nightly-backup', status, checkInId: randomUUID().replace(/-/g, ''), duration: 1.5 },
      { schedule: { type: 'crontab', value: '0 3 * * *' }, checkinMargin: 5, timezone: 'UTC' }, scope),
    flush: async () => { if (!(await client.flush(10_000))) throw new Error('check-ins not flushed'); },
  };
}

test('a failing monitor opens a Cron issue whose page shows why and links the monitor', async ({ page, server }) => {
  const job = cronClient(server.dsn);
  job.checkIn('ok');
  const failed = job.checkIn('error');
  await job.flush();

  await page.goto(`${server.url}/#/issues`);
  const row = page.getByTestId('issue-row').filter({ hasText: 'Monitor failure: nightly-backup' });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('cron-badge')).toHaveText('Cron');
  await expect(page.getByTestId('performance-badge')).toHaveCount(0);
  // The category menu finds it through Sentry's `issue.category:cron`.
  await page.getByTestId('category-filter').selectOption('error');
  await expect(page.getByTestId('issue-row')).toHaveCount(0);
  await page.getByTestId('category-filter').selectOption('cron');
  await expect(page.getByTestId('search-input')).toHaveValue('issue.category:cron');
  await expect(row).toHaveCount(1);
  await page.screenshot({ path: `${SCREENS}/cron-issue-list.png` });

  await row.getByTestId('issue-title').click();
  const evidence = page.getByTestId('cron-evidence');
  await expect(evidence.getByTestId('cron-evidence-failure-reason')).toHaveText('An error check-in was detected');
  await expect(evidence.getByTestId('cron-evidence-environment')).toHaveText('production');
  await expect(evidence.getByTestId('cron-evidence-failure')).toHaveText('Error check-in');
  await expect(evidence.getByTestId('cron-evidence-check-in')).toHaveText(failed.replace(/-/g, ''));
  // The ok check-in before it is the last successful one: a time, not "Never".
  await expect(evidence.getByTestId('cron-evidence-last-ok')).not.toHaveText('Never');
  await page.screenshot({ path: `${SCREENS}/cron-issue.png` });

  await evidence.getByTestId('cron-evidence-monitor').click();
  await expect(page).toHaveURL(/#\/crons\/1\/nightly-backup\?environment=production$/);
  await expect(page.getByTestId('cron-run')).toHaveCount(2);
  // The monitor's page names the issue its failures opened.
  await expect(page.getByTestId('monitor-issue')).toContainText('Monitor failure: nightly-backup');
  await expect(page.getByTestId('monitor-issue')).toContainText('unresolved, 1 failure');

  // An ok check-in ends the incident: the issue is resolved.
  job.checkIn('ok');
  await job.flush();
  await page.goto(`${server.url}/#/issues?status=resolved&query=${encodeURIComponent('issue.category:cron')}`);
  await expect(page.getByTestId('issue-row').filter({ hasText: 'Monitor failure: nightly-backup' })).toHaveCount(1);
});
