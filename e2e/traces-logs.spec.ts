import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';
import { continuedTrace, emitLogs, tracedCheckout, wideTrace } from './helpers/sentry-node-traces';

/** Real SDK envelopes in `../shared/corpus` beside the repository. */
const SPOTLIGHT_CORPUS = fileURLToPath(new URL('../../shared/corpus/protocol/spotlight', import.meta.url));

/** Screenshots of the trace waterfall and the Logs view (looked at when the UI changes). */
const SCREENS = process.env.LOOKOUT_UI_SCREENS ?? 'test-results/traces-logs';

test('the trace waterfall nests the spans, marks the error span and lists the errors and logs', async ({ page, server }) => {
  const run = await tracedCheckout(server.dsn);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${server.url}/#/traces`);
  const row = page.locator(`[data-testid="trace-row"][data-trace-id="${run.traceId}"]`);
  await expect(row).toContainText('GET /checkout');
  await expect(row.getByTestId('trace-row-errors')).toHaveText('1 error');
  await expect(row.getByTestId('trace-row-no-root')).toHaveCount(0);
  // A trace begun in a service that does not send here says that its root is missing.
  const continued = page.locator(`[data-testid="trace-row"][data-trace-id="${await continuedTrace(server.dsn)}"]`);
  await expect(continued).toContainText('POST /api/orders');
  await expect(continued.getByTestId('trace-row-no-root')).toHaveText('· parent span not received');
  await page.screenshot({ path: `${SCREENS}/traces-list.png` });
  // In a narrow window a name that does not fit ends in an ellipsis (it was cut mid-letter).
  await page.setViewportSize({ width: 480, height: 900 });
  const name = continued.locator('.trace-row-title > strong');
  expect(await name.evaluate((el) => [getComputedStyle(el).textOverflow, el.scrollWidth > el.clientWidth])).toEqual(['ellipsis', true]);
  await expect(name).toHaveAttribute('title', 'POST /api/orders');
  await page.setViewportSize({ width: 1440, height: 900 });
  // The search narrows the list to traces whose root matches, and survives a reload through the URL.
  await page.getByTestId('trace-search').fill('orders');
  await expect(page).toHaveURL(/#\/traces\?query=orders/);
  await expect(page.getByTestId('trace-row')).toHaveCount(1);
  await expect(continued).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('trace-search')).toHaveValue('orders');
  await expect(page.getByTestId('trace-row')).toHaveCount(1);
  await page.getByTestId('trace-search').fill('');
  await expect(row).toBeVisible();
  await row.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`#/traces/${run.traceId}$`));

  const spans = page.getByTestId('trace-span');
  // As in Sentry, the chain `price items` → `apply discount` (one op, single children) is one
  // autogrouped row, carrying the error of the span it hides; opening it shows the chain nested.
  const chain = page.getByTestId('span-group');
  await expect(chain).toHaveAttribute('data-group-kind', 'chain');
  await expect(chain.getByTestId('span-error-marker')).toHaveCount(1);
  await expect(spans).toHaveCount(2);
  // Clicking a group row selects it (its details); its toggle opens it.
  await chain.getByTestId('span-group-toggle').click();
  await expect(spans).toHaveCount(4);
  await expect(spans.getByTestId('span-name')).toHaveText(['GET /checkout', 'load cart', 'price items', 'apply discount']);
  await expect(spans.getByTestId('span-op')).toHaveText(['http.server', 'db.query', 'function', 'function']);
  expect(await spans.evaluateAll((els) => els.map((e) => e.getAttribute('data-depth')))).toEqual(['0', '1', '2', '3']);
  const errorSpan = spans.filter({ has: page.getByTestId('span-error-marker') });
  await expect(errorSpan).toHaveCount(1);
  await expect(errorSpan.getByTestId('span-name')).toHaveText('apply discount');
  await expect(page.getByTestId('trace-title')).toHaveText('http.server · GET /checkout');

  await expect(page.getByTestId('trace-error-link')).toHaveCount(1);
  await expect(page.getByTestId('trace-error-link')).toContainText("TypeError: Cannot read properties of null (reading 'price')");
  await expect(page.getByTestId('trace-log')).toHaveCount(2);
  await expect(page.getByTestId('trace-log').nth(0)).toContainText('cart c-42 loaded');
  await expect(page.getByTestId('trace-log').nth(1)).toHaveAttribute('data-level', 'warn');

  // Selecting a span shows its details and data; collapsing a parent hides its children.
  // By keyboard: Tab reaches the rows, Enter opens a span's details.
  // (a row's fold triangle is mouse-only: the row itself says aria-expanded)
  await spans.first().focus();
  await page.keyboard.press('Tab');
  await expect(spans.filter({ hasText: 'load cart' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('span-details')).toContainText('load cart');
  await expect(page.getByTestId('span-details')).toContainText('db.query');
  await expect(page.getByTestId('span-data')).toContainText('sentry.op');
  // The time axis reads in round steps from 0 (1, 2 or 5 × a power of ten).
  const ticks = await page.getByTestId('waterfall-tick').allTextContents();
  const ms = ticks.map((t) => { const m = /^([\d.]+)\s?(µs|ms|s)$/.exec(t)!; return Number(m[1]) * { µs: 0.001, ms: 1, s: 1000 }[m[2] as 'µs' | 'ms' | 's']; });
  const step = ms[1]! - ms[0]!;
  expect(ms.length).toBeGreaterThanOrEqual(3);
  expect(ms.every((v, i) => Math.abs(v - i * step) < step / 100)).toBe(true);
  expect(String(step / 10 ** Math.floor(Math.log10(step))).slice(0, 1)).toMatch(/^[125]$/);
  await page.screenshot({ path: `${SCREENS}/trace-waterfall.png`, fullPage: true });
  await spans.filter({ hasText: 'price items' }).getByTestId('span-toggle').click();
  await expect(spans).toHaveCount(3);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await page.screenshot({ path: `${SCREENS}/trace-waterfall-dark.png`, fullPage: true });

  // The error links to its event in its issue, whose trace link leads back to the trace.
  await page.getByTestId('trace-error-link').click();
  await expect(page).toHaveURL(new RegExp(`#/issues/\\d+/events/${run.errorId}$`));
  await expect(page.getByTestId('trace-link')).toHaveAttribute('data-state', 'found');
  await expect(page.getByTestId('trace-link-open')).toContainText('4 spans');
  await page.getByTestId('trace-link-open').click();
  // It opens the trace at the error's span, selected.
  await expect(page).toHaveURL(new RegExp(`#/traces/${run.traceId}\\?span=[0-9a-f]{16}$`));
  // The link opens the chain the span is in.
  await expect(page.getByTestId('trace-span')).toHaveCount(4);
  await expect(page.getByTestId('span-details')).toContainText('apply discount');

  // A trace Lookout never received says so.
  await page.goto(`${server.url}/#/traces/${'0f'.repeat(16)}`);
  await expect(page.getByTestId('trace-not-captured')).toBeVisible();
});

test('a 6,001-span trace from the real SDK renders virtualized and scrolls to its last span', async ({ page, server }) => {
  const traceId = await wideTrace(server.dsn, 3000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const started = Date.now();
  await page.goto(`${server.url}/#/traces/${traceId}`);
  await expect(page.getByTestId('trace-span-count')).toHaveText('6,001');
  await expect(page.getByTestId('trace-span').first()).toContainText('GET /big');
  const renderMs = Date.now() - started;
  // The 3,000 `SELECT item N` spans (each with its `map row N`) are one autogrouped row; opened, all 6,001 rows.
  const group = page.getByTestId('span-group');
  await expect(group).toHaveAttribute('data-count', '3000');
  await group.getByTestId('span-group-toggle').click();
  // Only the rows in view (plus overscan) are in the DOM.
  await expect(page.getByTestId('trace-span').nth(10)).toBeVisible();
  expect(await page.getByTestId('trace-span').count()).toBeLessThan(80);
  const scroller = page.locator('.waterfall-scroll');
  await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect(page.getByTestId('trace-span').last()).toContainText('map row 2999');
  await expect(page.getByTestId('trace-span').last()).toHaveAttribute('data-depth', '3');
  await scroller.evaluate((el) => { el.scrollTop = 0; });
  await page.getByTestId('trace-span').first().getByTestId('span-toggle').click();
  await expect(page.getByTestId('trace-span')).toHaveCount(1);
  test.info().annotations.push({ type: 'render', description: `6,001-span trace shown in ${renderMs} ms` });
});

test('the logs view updates live, filters by level and text, expands attributes and links the trace', async ({ page, server }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${server.url}/#/logs`);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'true');
  await expect(page.getByTestId('logs-empty')).toBeVisible();

  const traceId = await emitLogs(server.dsn, [
    { level: 'info', body: 'mail queue started', attributes: { queue: 'mails' } },
    { level: 'debug', body: 'connecting to smtp.example.com' },
    { level: 'warn', body: 'retrying delivery to ada@example.com', attributes: { attempt: 2 } },
  ]);
  // Arrives through the live stream: no reload.
  const rows = page.getByTestId('log-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.getByTestId('log-body')).toHaveText(['retrying delivery to ada@example.com', 'connecting to smtp.example.com', 'mail queue started']);

  await emitLogs(server.dsn, [{ level: 'error', body: 'delivery failed for 3 mails', attributes: { failed: 3 } }]);
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toHaveAttribute('data-level', 'error');

  await page.getByTestId('logs-level-warn').click();
  await expect(page).toHaveURL(/#\/logs\?level=warn$/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('retrying delivery');
  await page.getByTestId('logs-level-all').click();
  await page.getByTestId('logs-search').fill('smtp');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('connecting to smtp.example.com');
  await page.getByTestId('logs-search').fill('');
  await expect(rows).toHaveCount(4);

  const warn = rows.filter({ hasText: 'retrying delivery' });
  await warn.getByTestId('log-body').click();
  await expect(warn.getByTestId('log-attributes')).toContainText('attempt');
  await expect(warn.getByTestId('log-attributes')).toContainText(traceId);
  await page.screenshot({ path: `${SCREENS}/logs-view.png` });

  await warn.getByTestId('log-trace-link').click();
  await expect(page).toHaveURL(new RegExp(`#/traces/${traceId}$`));
  await expect(page.getByTestId('trace-span').getByTestId('span-name')).toHaveText(['job: send mails']);
  await expect(page.getByTestId('trace-log')).toHaveCount(3);
  await page.getByTestId('trace-logs-open').click();
  await expect(page.getByTestId('logs-trace-filter')).toBeVisible();
  await expect(rows).toHaveCount(3);

  // The Stream shows a log container's payload in place.
  await page.getByTestId('nav-stream').click();
  const logItem = page.locator('[data-testid="stream-row"][data-kind="log"]').first();
  await logItem.getByTestId('stream-row-expand').click();
  await expect(logItem.getByTestId('stream-item-payload')).toContainText('application/vnd.sentry.items.log+json');
  await expect(logItem.getByTestId('item-json')).toContainText('delivery failed for 3 mails');
  await page.screenshot({ path: `${SCREENS}/stream-log-payload.png` });
});

test('markup in log bodies and attributes stays text in the Logs and trace views', async ({ page, server }) => {
  const markup = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  const traceId = await emitLogs(server.dsn, [{ level: 'error', body: markup, attributes: { html: markup } }]);
  await page.goto(`${server.url}/#/logs`);
  const row = page.getByTestId('log-row').first();
  await expect(row.getByTestId('log-body')).toHaveText(markup);
  await row.getByTestId('log-body').click();
  await expect(row.getByTestId('log-attributes')).toContainText(markup);
  await page.goto(`${server.url}/#/traces/${traceId}`);
  await expect(page.getByTestId('trace-log').first()).toContainText(markup);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
});

test("a deep span tree (sentry-python's Django middleware) keeps every span's name readable", async ({ page, server }) => {
  const body = readFileSync(`${SPOTLIGHT_CORPUS}/envelope_python.txt`);
  expect((await fetch(`${server.url}/api/1/envelope/?sentry_key=k`, { method: 'POST', body })).status).toBe(200);
  const traceId = (JSON.parse(body.toString('utf8').split('\n')[2]!) as { contexts: { trace: { trace_id: string } } }).contexts.trace.trace_id;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${server.url}/#/traces/${traceId}`);
  const spans = page.getByTestId('trace-span');
  await expect(spans.first()).toBeVisible();
  // The middleware chains are autogrouped (as in Sentry): opened one by one, the full depth shows.
  const closedGroups = page.locator('[data-testid="span-group"][data-expanded="false"]');
  for (let i = 0; i < 50 && await closedGroups.count() > 0; i++) {
    const key = await closedGroups.first().getAttribute('data-group-key');
    await closedGroups.first().getByTestId('span-group-toggle').click();
    await expect(page.locator(`[data-testid="span-group"][data-group-key="${key}"]`)).toHaveAttribute('data-expanded', 'true');
  }
  const depths = (await spans.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-depth')))));
  expect(Math.max(...depths)).toBeGreaterThanOrEqual(15);
  // The deepest row: its indent stays under a third of the name column, and its name has room.
  const deepest = spans.nth(depths.indexOf(Math.max(...depths)));
  const label = await deepest.locator('.span-wf-label').evaluate((el) => ({ width: el.clientWidth, indent: parseFloat(getComputedStyle(el).paddingLeft) }));
  expect(label.indent).toBeLessThanOrEqual(label.width * 0.3 + 1);
  await page.screenshot({ path: `${SCREENS}/trace-deep.png` });
  const nameWidth = await deepest.getByTestId('span-name').evaluate((el) => el.getBoundingClientRect().width);
  expect(nameWidth).toBeGreaterThan(60);
});
