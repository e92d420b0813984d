import type { EventDetail } from '../src/shared/api-types';
import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';
import { captureCheckoutFailure, captureNamedFailure } from './helpers/shop-app';

/**
 * Event data is untrusted. The server trims what it stores, but the UI must cope on its own:
 * a real stored event is inflated in transit (10,000 breadcrumbs, 100,000 frames, a 50 MB
 * string) and the detail must render, stay bounded in DOM size and keep responding.
 */
test('the detail survives 10,000 breadcrumbs, 100,000 frames and a 50 MB string', async ({ page, server }) => {
  const node = nodeSender(server.dsn);
  const eventId = await captureCheckoutFailure(node);
  await node.flush();
  const real = await (await fetch(`${server.url}/_lookout/api/events/${eventId}`)).json() as EventDetail;
  const now = Number(real.payload.timestamp);
  const values = real.payload.exception?.values ?? [];
  const thrown = values[values.length - 1]!;
  thrown.stacktrace = {
    frames: Array.from({ length: 100_000 }, (_, i) => ({
      function: `recurse${i % 3}`, filename: i % 4 ? 'node_modules/lib/index.js' : 'src/app.js', lineno: (i % 500) + 1,
      in_app: i % 4 === 0, context_line: '  return recurse(n + 1);', pre_context: ['function recurse(n) {'], post_context: ['}'],
    })),
  };
  real.payload.breadcrumbs = {
    values: Array.from({ length: 10_000 }, (_, i) => ({ timestamp: now - 10_000 + i, category: 'console', level: 'info', message: `crumb number ${i}` })),
  };
  real.payload.extra = { blob: 'y'.repeat(50 * 1024 * 1024) };
  const body = JSON.stringify(real);
  await page.route(`**/_lookout/api/events/${eventId}`, (route) => route.fulfill({ contentType: 'application/json', body }));

  await page.goto(`${server.url}/#/issues/${real.issueId}/events/${eventId}`);
  await expect(page.getByTestId('event-title')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('breadcrumbs')).toContainText('Breadcrumbs (10,000)');

  // Bounded DOM: a window of breadcrumbs, a first block of frames, the string cut.
  expect(await page.getByTestId('breadcrumb').count()).toBeLessThan(60);
  const thrownFrames = page.getByTestId('exception').first().getByTestId('frame');
  expect(await thrownFrames.count()).toBeLessThanOrEqual(150);
  await expect(page.getByRole('button', { name: /Show more frames/ })).toBeVisible();
  await expect(page.getByTestId('extra')).toContainText('show more (52,428,400 more characters)');
  expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeLessThan(5000);

  // Still responsive: filtering 10,000 breadcrumbs and scrolling to the oldest answer quickly.
  await page.getByTestId('breadcrumb-filter').fill('number 4242');
  await expect(page.getByTestId('breadcrumb')).toHaveCount(1);
  await page.getByTestId('breadcrumb-filter').fill('');
  await page.locator('.ev-crumb-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByTestId('breadcrumb-message').filter({ hasText: /^crumb number 0$/ })).toBeVisible();
  await page.getByTestId('toggle-full').click();
  await expect(thrownFrames).toHaveCount(150);
});

test('markup in event data is shown as text, never run', async ({ page, server }) => {
  const node = nodeSender(server.dsn);
  const payload = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>';
  await captureNamedFailure(node, payload, {
    breadcrumbs: [{ category: 'ui', message: payload }],
    tags: { html: '<b>bold</b>' },
    extra: { markup: payload },
  });
  await node.flush();
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('issue-title').first()).toContainText('<img src=x onerror=');
  await page.getByTestId('issue-title').first().click();
  await expect(page.getByTestId('exception-value').first()).toContainText('<script>document.title="pwned"</script>');
  await expect(page.getByTestId('breadcrumb').first()).toContainText('<img src=x');
  await expect(page.getByTestId('tag-row').filter({ hasText: 'html' })).toContainText('<b>bold</b>');
  expect(await page.locator('.content img, .content script').count()).toBe(0);
  // The title names the issue (its text, as text); had the markup run, it would read just "pwned".
  await expect(page).toHaveTitle(/<img src=x onerror=.* — Lookout$/);
});

test('long names stay inside their cards: exception type, tag keys, the request method beside a long URL', async ({ page, server }) => {
  const long = (c: string, n: number) => c.repeat(n);
  const node = nodeSender(server.dsn);
  class VeryLongExceptionTypeName extends Error {}
  Object.defineProperty(VeryLongExceptionTypeName.prototype, 'name', { value: `VeryLongExceptionTypeName${long('A', 170)}` });
  const eventId = node.capture(new VeryLongExceptionTypeName('checkout failed'), {
    tags: { [`longtag_${long('k', 100)}`]: long('v', 200) },
    request: { method: 'GET', url: `https://example.com/${long('r', 600)}`, headers: {} },
  });
  await node.flush();
  const issueId = ((await (await fetch(`${server.url}/_lookout/api/events/${eventId}`)).json()) as EventDetail).issueId;
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${server.url}/#/issues/${issueId}/events/${eventId}`);
  await expect(page.getByTestId('exception-type').first()).toBeVisible();
  const overflows = (selector: string) => page.locator(selector).first().evaluate((el) => {
    const box = el.getBoundingClientRect();
    const card = (el.closest('section, aside, .section, .detail-aside, [data-testid="tag-distributions"]') ?? document.body).getBoundingClientRect();
    return box.right > card.right + 1;
  });
  expect(await overflows('[data-testid="exception-type"]')).toBe(false);
  expect(await overflows('.tag-name')).toBe(false);
  // The method stays one line: no taller than the first line of the URL beside it.
  const method = await page.locator('.request-method').evaluate((el) => el.getBoundingClientRect().height);
  const lineHeight = await page.locator('.request-method').evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 18);
  expect(method).toBeLessThan(lineHeight * 1.5);
});
