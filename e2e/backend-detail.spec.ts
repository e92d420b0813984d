/**
 * The issue page for backend events, with real @sentry/node events:
 * the request as a curl command, tag chips laid out as chips, `is:unhandled` said to be no status,
 * and "Show more context" on a file edited since the event following the lines that ran.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/request/
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';

test('the Request section gives the request as a shell-safe curl command, masked until shown', async ({ page, server }) => {
  const sender = nodeSender(server.dsn);
  sender.capture(new Error('order rejected'), {
    tags: { service: 'inventory' },
    request: {
      method: 'POST', url: 'http://127.0.0.1:5000/orders', query_string: 'sku=A-1&card=4111111111111111',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer s3cret-token', 'X-Customer': "O'Brien" },
      data: { qty: 'three', note: 'first line\nsecond line' },
    },
  });
  await sender.flush();
  await page.goto(`${server.url}/#/issues`);
  await page.getByTestId('issue-title').filter({ hasText: 'order rejected' }).click();

  const request = page.getByTestId('request');
  await expect(request.getByTestId('request-headers')).toBeVisible();
  await request.getByTestId('request-curl-toggle').click();
  const curl = request.getByTestId('request-curl-text');
  await expect(curl).toContainText("curl \\\n  -X 'POST'");
  // The SDK filtered the Authorization header itself: it stays [Filtered] whatever is shown.
  await expect(curl).toContainText("-H 'Authorization: [Filtered]'");
  await expect(curl).toContainText(`-H 'X-Customer: O'\\''Brien'`);
  await expect(curl).toContainText(`--data-raw '{"qty":"three","note":"first line\\nsecond line"}'`);
  // A card number Lookout masks on screen is masked in the command too, until shown.
  await expect(curl).toContainText("'http://127.0.0.1:5000/orders?sku=A-1&card=[Filtered]'");
  await expect(curl).not.toContainText('4111111111111111');
  await expect(request.getByTestId('request-curl-copy')).toBeVisible();
  await request.getByTestId('request-curl-reveal').click();
  await expect(curl).toContainText("'http://127.0.0.1:5000/orders?sku=A-1&card=4111111111111111'");
  await expect(curl).toContainText("-H 'Authorization: [Filtered]'");
  await request.getByTestId('request-formatted-toggle').click();
  await expect(request.getByTestId('request-headers')).toBeVisible();

  // A tag chip's value is padded as its key is, on the same line, light and dark.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const chip = page.getByTestId('event-tags').getByTestId('event-tag').filter({ hasText: 'service' });
    const [key, value] = await Promise.all([chip.locator('.chip-key').boundingBox(), chip.locator('.chip-value').boundingBox()]);
    expect(key && value).toBeTruthy();
    expect(Math.abs(key!.y - value!.y)).toBeLessThan(1);
    expect(Math.abs(key!.height - value!.height)).toBeLessThan(1);
    expect(await chip.locator('.chip-value').evaluate((el) => getComputedStyle(el).paddingLeft)).toBe('8px');
  }
});

test('is:unhandled is said to be no status, with what to type, instead of an empty list', async ({ page, server }) => {
  const sender = nodeSender(server.dsn);
  sender.capture(new Error('cache warm-up failed'));
  await sender.flush();
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('issue-row')).toHaveCount(1);
  await page.getByTestId('search-input').fill('is:unhandled');
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('search-note')).toContainText('"is:unhandled" is not a status: use error.unhandled:true');
  await expect(page.getByTestId('issue-row')).toHaveCount(1);
});

test('Show more context on a file edited since the event follows the lines that ran to where they moved', async ({ page, server }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'lookout-e2e-moved-'));
  try {
    const file = path.join(dir, 'pricing.cjs');
    const source = ["'use strict';", 'function price(qty) {', '  const total = qty * 3;', "  if (total < 0) throw new Error('negative price ' + total);",
      '  return total;', '}', 'module.exports = { price };', ''].join('\n');
    await writeFile(file, source);
    // A plain `node` run (the test runner's own require hook would renumber the module's lines).
    const app = path.join(dir, 'app.cjs');
    await writeFile(app, [`const Sentry = require(${JSON.stringify(createRequire(import.meta.url).resolve('@sentry/node'))});`,
      'Sentry.init({ dsn: process.argv[2], defaultIntegrations: false, integrations: [Sentry.contextLinesIntegration()] });',
      "try { require('./pricing.cjs').price(-2); } catch (err) { Sentry.captureException(err); }",
      'Sentry.flush(10000).then((ok) => process.exit(ok ? 0 : 1));'].join('\n'));
    const run = spawnSync(process.execPath, [app, server.dsn], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status, run.stderr).toBe(0);
    // Five lines added above the function after the event.
    await writeFile(file, `${['// a', '// b', '// c', '// d', '// e'].join('\n')}\n${source}`);

    await page.goto(`${server.url}/#/issues`);
    await page.getByTestId('issue-title').filter({ hasText: 'negative price' }).click();
    const frame = page.getByTestId('exception').first().getByTestId('frame').filter({ hasText: 'pricing.cjs' }).first();
    // The SDK's own lines are what ran: said as such, not as "may not be the code that ran".
    await expect(frame.getByTestId('source-changed')).toContainText('these lines are the ones that ran');
    const ranAt = 4;
    await frame.getByTestId('show-more-context').click();
    await expect(frame.getByTestId('source-changed')).toContainText(`moved from line ${ranAt} to ${ranAt + 5}`); // 4 to 9
    await expect(frame.locator('[data-testid="context-line"][data-error="true"]')).toContainText("throw new Error('negative price ' + total)");
    await expect(frame.locator('[data-testid="context-line"][data-error="true"] .ln')).toHaveText(String(ranAt + 5));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
