/**
 * Headless Lookout says when an issue is new or comes back, as the desktop app does
 * (shared/notification-policy.ts): an unseen count on the sidebar's Issues entry and in the tab title,
 * kept across a reload and shared by the tabs, cleared by looking; and, once turned on in Settings,
 * a browser notification per new or regressed issue, at most 3 per 10 s. Real @sentry/node events.
 * @see https://docs.sentry.io/product/issues/states-triage/
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';

/** The title names the view (`Settings — Lookout`); the unseen count goes in front of it. */
const NO_COUNT = /^(?!\(\d).* — Lookout$/;
const ONE_UNSEEN = /^\(1\) .* — Lookout$/;

interface SpiedNotification { title: string; tag: string | undefined }

/** Records every notification the page creates (the real one is still made, with the permission granted). */
async function spyOnNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Real = window.Notification;
    const shown: { title: string; tag: string | undefined; notification: Notification }[] = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    window.Notification = class extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, tag: options?.tag, notification: this });
      }
    };
  });
}

function shown(page: Page): Promise<SpiedNotification[]> {
  return page.evaluate(() => (window as unknown as { shownNotifications: SpiedNotification[] }).shownNotifications
    .map(({ title, tag }) => ({ title, tag })));
}

async function turnOnNotifications(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/settings`);
  await expect(page.getByTestId('notifications-status')).toHaveAttribute('data-on', 'false');
  await page.getByTestId('setting-browser-notifications').check();
  await expect(page.getByTestId('notifications-status')).toHaveAttribute('data-on', 'true');
  await expect(page.getByTestId('notifications-status')).toContainText('at most 3 every 10 s');
}

test('a new issue raises the count and the title until looked at; a regression raises it again', async ({ page, context, server }) => {
  await context.grantPermissions(['notifications'], { origin: server.url });
  await spyOnNotifications(page);
  await turnOnNotifications(page, server.url);
  const unseen = page.getByTestId('nav-issues-unseen');
  await expect(unseen).toHaveCount(0);
  await expect(page).toHaveTitle(NO_COUNT);

  const sender = nodeSender(server.dsn);
  sender.capture(new Error('ledger out of balance'), { fingerprint: ['ledger'] });
  await sender.flush();
  await expect(unseen).toHaveText('1 unseen');
  await expect(page).toHaveTitle(ONE_UNSEEN);
  expect(await shown(page)).toEqual([{ title: expect.stringMatching(/^New issue: .*ledger out of balance/) as unknown, tag: expect.stringMatching(/^lookout-issue-\d+-created$/) as unknown }]);

  // A second tab of the same browser reads the same count.
  const other = await context.newPage();
  await other.goto(`${server.url}/#/stream`);
  await expect(other).toHaveTitle(ONE_UNSEEN);

  // Clicking the notification opens the issue: seen, in both tabs.
  await page.evaluate(() => {
    const [first] = (window as unknown as { shownNotifications: { notification: Notification }[] }).shownNotifications;
    first?.notification.dispatchEvent(new Event('click'));
  });
  await expect(page).toHaveURL(/#\/issues\/\d+$/);
  const issueId = Number(/#\/issues\/(\d+)$/.exec(page.url())?.[1]);
  await expect(page.getByTestId('issue-detail-title')).toContainText('ledger out of balance');
  await expect(unseen).toHaveCount(0);
  await expect(page).toHaveTitle(NO_COUNT);
  await expect(other).toHaveTitle(NO_COUNT);
  await other.close();

  // Resolved, then it happens again: a regression, counted and notified while Settings is open; a reload keeps the count.
  await page.goto(`${server.url}/#/settings`);
  const resolved = await fetch(`${server.url}/_lookout/api/issues/${issueId}`, {
    method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"status":"resolved"}' });
  expect(resolved.status).toBe(200);
  sender.capture(new Error('ledger out of balance'), { fingerprint: ['ledger'] });
  await sender.flush();
  await expect(unseen).toHaveText('1 unseen');
  // One notification per change of the issue: its creation, then its regression (same page, no reload since).
  expect((await shown(page)).map((n) => n.title)).toEqual([
    expect.stringMatching(/^New issue: .*ledger out of balance/) as unknown,
    expect.stringMatching(/^Regression: .*ledger out of balance/) as unknown,
  ]);
  await page.reload();
  await expect(unseen).toHaveText('1 unseen');
  await expect(page).toHaveTitle(ONE_UNSEEN);

  // Looking at the Issues list sees everything.
  await page.getByTestId('nav-issues').click();
  await expect(page.getByTestId('regression-badge')).toBeVisible();
  await expect(unseen).toHaveCount(0);
  await expect(page).toHaveTitle(NO_COUNT);
});

test('a burst of new issues counts them all but notifies at most 3 within 10 s', async ({ page, context, server }) => {
  await context.grantPermissions(['notifications'], { origin: server.url });
  await spyOnNotifications(page);
  await turnOnNotifications(page, server.url);
  const sender = nodeSender(server.dsn);
  for (const name of ['alpha', 'bravo', 'charlie', 'delta', 'echo']) {
    sender.capture(new Error(`burst ${name}`), { fingerprint: [name] });
  }
  await sender.flush();
  // The count and the notifications follow the same stream messages: once the count says 5, all were handled.
  await expect(page.getByTestId('nav-issues-unseen')).toHaveText('5 unseen');
  await expect(page).toHaveTitle(/^\(5\) .* — Lookout$/);
  const notes = await shown(page);
  expect(notes).toHaveLength(3);
  expect(new Set(notes.map((n) => n.tag)).size).toBe(3);
});

test('notifications stay off until turned on', async ({ page, context, server }) => {
  await context.grantPermissions(['notifications'], { origin: server.url });
  await spyOnNotifications(page);
  await page.goto(`${server.url}/#/settings`);
  await expect(page.getByTestId('notifications-status')).toContainText('Off');
  const sender = nodeSender(server.dsn);
  sender.capture(new Error('quiet failure'));
  await sender.flush();
  await expect(page.getByTestId('nav-issues-unseen')).toHaveText('1 unseen');
  expect(await shown(page)).toEqual([]);
});
