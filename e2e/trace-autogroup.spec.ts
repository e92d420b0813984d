import { test, expect } from './fixtures';
import { REPEATED_QUERY, repeatedSpansRequest } from './helpers/sentry-node-repeated-spans';
import { wideTrace } from './helpers/sentry-node-traces';

/** Screenshots of the grouped waterfall (looked at when the UI changes). */
const SCREENS = process.env.LOOKOUT_UI_SCREENS ?? 'test-results/trace-autogroup';

test('150 identical sibling spans from the real SDK show as one autogrouped row; the axis covers the spans, not a later log', async ({ page, server }) => {
  const run = await repeatedSpansRequest(server.dsn);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${server.url}/#/traces/${run.traceId}`);
  await expect(page.getByTestId('trace-span-count')).toHaveText('152');
  // The log written after the request arrives with the trace (it is what stretched the axis).
  await expect(page.getByTestId('trace-log')).toHaveCount(1);

  // One row for the 150 queries, as Sentry's "Autogrouped — db.query", with the count; then the render span.
  const group = page.getByTestId('span-group');
  await expect(group).toHaveCount(1);
  await expect(group).toHaveAttribute('data-count', '150');
  await expect(group).toHaveAttribute('data-group-kind', 'siblings');
  await expect(group.getByTestId('span-op')).toHaveText('db.query');
  await expect(group.getByTestId('span-name')).toHaveText(REPEATED_QUERY);
  await expect(group.getByTestId('span-group-count')).toHaveText('×150');
  await expect(group).toContainText('Autogrouped');
  const spans = page.getByTestId('trace-span');
  await expect(spans.getByTestId('span-name')).toHaveText(['GET /reports/big', 'render report']);
  // The error captured in the 78th query marks the closed group.
  await expect(group.getByTestId('span-error-marker')).toHaveCount(1);

  // The axis covers the spans: the root's bar fills the track, the log 0.7 s later does not squeeze it.
  const rootRow = spans.first();
  const [barWidth, trackWidth] = await rootRow.locator('.span-wf-track').evaluate((track) => [
    (track.querySelector('.span-wf-bar') as HTMLElement).getBoundingClientRect().width, track.getBoundingClientRect().width,
  ]);
  expect(barWidth / trackWidth).toBeGreaterThan(0.9);
  expect(Number(await page.getByTestId('waterfall-axis').getAttribute('data-axis-ms'))).toBeLessThan(600);
  await expect(page.getByTestId('trace-outside-note')).toContainText('1 log');
  // The group's bar spans its members' extent: most of the root's.
  const groupBar = await group.getByTestId('span-group-bar').evaluate((el) => el.getBoundingClientRect().width);
  expect(groupBar / trackWidth).toBeGreaterThan(0.8);
  await page.screenshot({ path: `${SCREENS}/grouped.png` });

  // By keyboard, as the other rows: → opens the group, ← closes it, Enter toggles it.
  await group.focus();
  await page.keyboard.press('ArrowRight');
  await expect(group).toHaveAttribute('data-expanded', 'true');
  const members = page.locator('[data-testid="trace-span"][data-depth="2"]');
  await expect(members.first().getByTestId('span-name')).toHaveText(REPEATED_QUERY);
  expect(await members.count()).toBeGreaterThan(5);
  // Virtualised: only the rows in view are in the page, not all 150.
  expect(await spans.count()).toBeLessThan(80);
  await expect(group.getByTestId('span-error-marker')).toHaveCount(0);
  await page.keyboard.press('ArrowLeft');
  await expect(group).toHaveAttribute('data-expanded', 'false');
  await expect(spans).toHaveCount(2);
  // Enter selects the group (its details open, as Sentry's drawer); → opens it again.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('group-details')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(group).toHaveAttribute('data-expanded', 'true');

  // A span inside the open group selects as any span does.
  await members.nth(2).click();
  await expect(page.getByTestId('span-details')).toContainText(REPEATED_QUERY);
  await expect(members.nth(2)).toHaveAttribute('aria-pressed', 'true');
  await group.getByTestId('span-group-toggle').click();
  await expect(spans).toHaveCount(2);
  await page.screenshot({ path: `${SCREENS}/expanded-then-closed.png` });

  // The error's "Span" button beside the waterfall opens the group and selects its span, scrolled into view.
  await page.getByTestId('trace-errors').getByTestId('trace-show-span').click();
  const errorRow = page.locator(`[data-testid="trace-span"][data-span-id="${run.errorSpanId}"]`);
  await expect(errorRow).toBeInViewport();
  await expect(errorRow).toHaveAttribute('aria-pressed', 'true');
  await expect(errorRow.getByTestId('span-error-marker')).toHaveCount(1);
  // It shows as a member of the group (one level under it); the group row itself scrolled out of the virtual list.
  await expect(errorRow).toHaveAttribute('data-depth', '2');

  // A link to that span (the issue page's trace link carries it) opens the trace the same way.
  await page.goto(`${server.url}/#/traces`);
  await page.goto(`${server.url}/#/traces/${run.traceId}?span=${run.errorSpanId}`);
  await expect(errorRow).toBeInViewport();
  await expect(errorRow).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('span-details')).toContainText(run.errorSpanId);
  await page.screenshot({ path: `${SCREENS}/linked-span.png` });
});

test('a group row opens its details as Sentry\'s autogroup drawer: facts, slowest spans to jump to, the error inside', async ({ page, server }) => {
  const run = await repeatedSpansRequest(server.dsn);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${server.url}/#/traces/${run.traceId}`);
  const group = page.getByTestId('span-group');
  await group.click();
  await expect(group).toHaveAttribute('aria-pressed', 'true');
  // Selecting it does not open it: its toggle does.
  await expect(group).toHaveAttribute('data-expanded', 'false');
  const details = page.getByTestId('group-details');
  const fact = (name: string) => details.getByTestId('group-facts-row').filter({ has: page.locator('th', { hasText: new RegExp(`^${name}$`) }) }).locator('td');
  await expect(fact('op')).toHaveText('db.query');
  await expect(fact('description')).toHaveText(REPEATED_QUERY);
  await expect(fact('spans')).toHaveText('150');
  await expect(fact('grouping')).toContainText('5 or more consecutive sibling spans');
  // 150 queries of 1.5 ms each, 2 ms apart: 225 ms in all over about 300 ms.
  await expect(fact('total duration')).toContainText('225ms');
  await expect(fact('extent')).toContainText(/^(299|300)ms/);
  await expect(details.getByTestId('group-member')).toHaveCount(10);
  await expect(details.getByTestId('group-errors').getByTestId('group-error-link')).toHaveText(/shard 77 timed out/);
  await page.screenshot({ path: `${SCREENS}/group-details.png` });

  // A member of the list opens the group and selects that span, in view, its details replacing the group's.
  const member = details.getByTestId('group-member').nth(3);
  const key = await member.getAttribute('data-span-key');
  await member.click();
  const row = page.locator(`[data-testid="trace-span"][data-row-key="${key}"]`);
  await expect(row).toBeInViewport();
  await expect(row).toHaveAttribute('aria-pressed', 'true');
  await expect(group).toHaveAttribute('data-expanded', 'true');
  await expect(page.getByTestId('span-details')).toContainText(key!);
  await expect(details).toHaveCount(0);
});

test('↑ / ↓ / Home / End move the selection through the visible rows, the selected row kept in view', async ({ page, server }) => {
  const run = await repeatedSpansRequest(server.dsn);
  await page.setViewportSize({ width: 1440, height: 700 });
  await page.goto(`${server.url}/#/traces/${run.traceId}`);
  const spans = page.getByTestId('trace-span');
  const group = page.getByTestId('span-group');
  const selected = page.locator('.waterfall-scroll [aria-pressed="true"]');
  await spans.first().click();
  await page.keyboard.press('ArrowDown');
  await expect(group).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('group-details')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(selected.getByTestId('span-name')).toHaveText('render report');
  await expect(page.getByTestId('span-details')).toContainText('render report');
  await page.keyboard.press('Home');
  await expect(selected.getByTestId('span-name')).toHaveText('GET /reports/big');

  // Open the group (→ on it), then walk into its 150 members: the list scrolls along.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(group).toHaveAttribute('data-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(selected).toHaveAttribute('data-depth', '2');
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowDown');
  await expect(selected).toHaveCount(1);
  await expect(selected).toBeInViewport();
  await expect(selected).toHaveAttribute('data-row-key', await page.evaluate(() => document.activeElement?.getAttribute('data-row-key') ?? ''));
  // End: the last row, 150 rows down, rendered and in view; ← from a member goes up to its group.
  await page.keyboard.press('End');
  await expect(selected.getByTestId('span-name')).toHaveText('render report');
  await expect(selected).toBeInViewport();
  await page.keyboard.press('ArrowUp');
  await expect(selected).toHaveAttribute('data-depth', '2');
  await page.keyboard.press('ArrowLeft');
  await expect(group).toHaveAttribute('aria-pressed', 'true');
  await expect(group).toBeInViewport();
  await page.keyboard.press('Home');
  await expect(spans.first()).toHaveAttribute('aria-pressed', 'true');
  await expect(spans.first()).toBeInViewport();
});

test('a 9,999-span trace renders grouped, opens its 4,999-member group and scrolls it virtualised', async ({ page, server }) => {
  const traceId = await wideTrace(server.dsn, 4999);
  await page.setViewportSize({ width: 1440, height: 900 });
  const started = Date.now();
  await page.goto(`${server.url}/#/traces/${traceId}`);
  const group = page.getByTestId('span-group');
  await expect(group).toHaveAttribute('data-count', '4999');
  const renderMs = Date.now() - started;
  const opened = Date.now();
  await group.getByTestId('span-group-toggle').click();
  await expect(page.locator('[data-testid="trace-span"][data-depth="2"]').first()).toBeVisible();
  const openMs = Date.now() - opened;
  expect(await page.getByTestId('trace-span').count()).toBeLessThan(80);
  await page.locator('.waterfall-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect(page.getByTestId('trace-span').last()).toContainText('map row 4998');
  test.info().annotations.push({ type: 'render', description: `9,999-span trace shown in ${renderMs} ms, its group opened in ${openMs} ms` });
});
