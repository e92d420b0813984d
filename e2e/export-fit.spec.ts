/**
 * A bug report too long for a GitHub issue, from a real @sentry/node app that logs a lot in the
 * error's trace: the export dialog's Copy and the issue header's "Copy as Markdown" put a version
 * that fits (65,536 characters) on the clipboard and say what was trimmed; Save keeps the full report.
 * The dialog also counts what the unchecked rules (e-mails, IPs) would filter, so the user sees what stays.
 */
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { run } from './helpers/sentry-node-traces';

test('copying an over-long report trims it to fit a GitHub issue and says so; the dialog counts what unchecked rules keep', async ({ page, context, server }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const out = await run(`import * as Sentry from '@sentry/node';
Sentry.init({ dsn: ${JSON.stringify(server.dsn)}, tracesSampleRate: 1, release: 'exports@1.0.0', defaultIntegrations: false });
const out = {};
Sentry.startSpan({ name: 'POST /exports', op: 'http.server' }, () => {
  for (let i = 0; i < 60; i++) Sentry.logger.info('exported batch ' + i + ': ' + 'row;'.repeat(600));
  out.errorId = Sentry.captureException(new Error('Export for ada@example.com from 198.51.100.23 overflowed'));
  out.traceId = Sentry.getActiveSpan().spanContext().traceId;
});
if (!(await Sentry.flush(10000))) throw new Error('@sentry/node did not flush');
process.stdout.write(JSON.stringify(out));
`);
  // The SDK sends its logs after the error: the report quotes them once all 60 are stored.
  await expect.poll(async () => ((await (await fetch(`${server.url}/_lookout/api/logs?trace=${out.traceId}&limit=100`)).json()) as { items: unknown[] })
    .items.length).toBe(60);
  await page.goto(`${server.url}/#/events/${out.errorId}`);
  await expect(page.getByTestId('issue-detail-title')).toContainText('overflowed');

  await page.getByTestId('copy-markdown').click();
  // The clipboard, not the button's label (it says "Copied (trimmed)" for 4 s only), is what is checked.
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('Trimmed to fit');
  const quick = await page.evaluate(() => navigator.clipboard.readText());
  expect(quick.length).toBeLessThanOrEqual(65_536);
  expect(quick).toContain('> Trimmed to fit a GitHub issue (65,536 characters)');

  await page.getByTestId('export-open').click();
  const dialog = page.getByTestId('export-dialog');
  // Each is in the title and in the exception's value: two spots each, as the checked rules count spots.
  await expect(dialog.getByTestId('export-unchecked-summary'))
    .toHaveText('2 IP addresses, 2 e-mail addresses would be filtered by the unchecked rules; they stay in this export.');
  await expect(dialog.getByTestId('export-rule-kept-emails')).toHaveText('2 kept');
  await dialog.getByTestId('export-copy').click();
  await expect(dialog.getByTestId('export-fit')).toHaveText(
    /^Trimmed to fit a GitHub issue \(65,536 characters; the full report has [\d,]+\): \d+ of 50 logs left out\. Save writes the full report\.$/);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.length).toBeLessThanOrEqual(65_536);
  await page.screenshot({ path: test.info().outputPath('export-fit-dialog.png') });

  const download = page.waitForEvent('download');
  await dialog.getByTestId('export-save').click();
  const saved = readFileSync(await (await download).path(), 'utf8');
  expect(saved.length).toBeGreaterThan(65_536);
  expect(saved).not.toContain('Trimmed to fit');
});
