/**
 * Which app dropped, with two real @sentry/node apps: `node` (project 1) overflows its transport
 * queue and says so in its client report; `billing` (project 2) drops nothing. The Issues notice
 * follows the list's project (the Project menu or a `project:` token), names the app over all
 * projects, and Stats breaks "All projects" down by project.
 * @see https://develop.sentry.dev/sdk/telemetry/client-reports/
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { OutcomeStats } from '../src/shared/api-stats';
import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';

const BURST_APP = fileURLToPath(new URL('../test/fixtures/app/burst.mjs', import.meta.url));

test('the dropped-events notice names the app that dropped and follows the project filter', async ({ page, server }) => {
  await promisify(execFile)(process.execPath, [BURST_APP, server.dsn, '300', '10'], { timeout: 30_000 });
  const billing = nodeSender(server.dsn.replace(/\/1$/, '/2'), { release: 'billing@1.0.0' });
  billing.capture(new Error('invoice total mismatch'));
  await billing.flush();
  const stats = await (await fetch(`${server.url}/_lookout/api/stats?hours=24`)).json() as OutcomeStats;
  const dropped = stats.byProject.find((o) => o.projectId === 1 && o.outcome === 'client_discard' && o.reason === 'queue_overflow')?.quantity ?? 0;
  expect(dropped).toBeGreaterThan(200);
  expect(stats.byProject.some((o) => o.projectId === 2 && o.outcome !== 'accepted')).toBe(false);
  const projects = await (await fetch(`${server.url}/_lookout/api/projects`)).json() as { id: number; name: string }[];
  const dropper = projects.find((p) => p.id === 1)?.name ?? '';
  expect(projects.find((p) => p.id === 2)?.name).toBe('billing');

  // All projects: the line names the app whose SDK dropped.
  await page.goto(`${server.url}/#/issues`);
  const line = page.getByTestId('dropped-notice').getByTestId('dropped-line');
  await expect(line).toHaveText(new RegExp(`^The SDK of ${dropper} dropped ${dropped.toLocaleString('en-US')} errors`));
  await expect(line).toHaveAttribute('data-projects', dropper);

  // `project:billing` typed: the menu shows billing, and billing dropped nothing.
  await page.getByTestId('search-input').fill('project:billing');
  await expect(page).toHaveURL(/query=project%3Abilling/);
  await expect(page.getByTestId('project-filter')).toHaveValue('2');
  await expect(page.getByTestId('dropped-notice')).toHaveCount(0);

  // The menu rewrites the token: the dropping project shows its notice, "All projects" drops the token.
  await page.getByTestId('project-filter').selectOption('1');
  await expect(page.getByTestId('search-input')).toHaveValue(`project:${dropper}`);
  await expect(page.getByTestId('dropped-line')).toHaveText(new RegExp(`^The SDK dropped ${dropped.toLocaleString('en-US')} errors`));
  await page.getByTestId('project-filter').selectOption('');
  await expect(page.getByTestId('search-input')).toHaveValue('');
  await expect(page.getByTestId('project-filter')).toHaveValue('');
  await expect(page.getByTestId('dropped-line')).toHaveAttribute('data-projects', dropper);

  // Stats over all projects lists each project, the one that dropped first.
  await page.getByTestId('dropped-stats-link').click();
  const rows = page.getByTestId('stats-project-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toHaveAttribute('data-project-id', '1');
  await expect(rows.first().getByTestId('stats-project-dropped')).toHaveText(dropped.toLocaleString('en-US'));
  await expect(rows.first()).toContainText('queue_overflow');
  await expect(rows.last().getByTestId('stats-project-dropped')).toHaveText('0');
  await expect(rows.last().getByTestId('stats-project-accepted')).toHaveText('1');
  await page.getByTestId('stats-project').selectOption('2');
  await expect(page.getByTestId('stats-projects')).toHaveCount(0);
});
