/**
 * User Feedback's mailboxes and read state in Chromium, as Sentry's feedback list has them: the
 * Inbox, Resolved and Spam, one feedback from its pane or many checked in the list (bulk bar, the
 * issue list's keys), read and unread; every change shows at once in a second open tab, over the
 * live stream. Feedback comes from the real @sentry/browser's captureFeedback.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/list/feedbackListBulkSelection.tsx
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { runBrowserApp } from './helpers/sentry-browser';

const SCREENS = process.env.LOOKOUT_UI_SCREENS ?? 'test-results/feedback-states';

const THREE_FEEDBACKS = `
for (const message of ['Pay does nothing', 'BUY CHEAP WATCHES', 'The layout is broken']) {
  Sentry.captureFeedback({ message, email: 'someone@example.com', url: location.href });
}
window.__sent++;`;

const row = (tab: Page, message: string) => tab.getByTestId('feedback-row').filter({ hasText: message });
const mailboxCount = (tab: Page, status: string) => tab.getByTestId(`feedback-mailbox-${status}`).getByTestId('feedback-mailbox-count');

test('feedback is resolved, marked as spam, moved back and read, one or many, and a second tab follows live', async ({ browser, server }) => {
  const a = await browser.newPage();
  const b = await browser.newPage();
  for (const tab of [a, b]) {
    await tab.goto(`${server.url}/#/feedback`);
    await expect(tab.getByTestId('live-status')).toHaveAttribute('data-live', 'true');
  }
  await runBrowserApp(await browser.newPage(), server.dsn, THREE_FEEDBACKS);
  for (const tab of [a, b]) {
    await expect(tab.getByTestId('feedback-row')).toHaveCount(3);
    await expect(mailboxCount(tab, 'unresolved')).toHaveText('3');
  }

  // Opening one marks it read; the other tab shows it read without a reload.
  await row(a, 'Pay does nothing').click();
  await expect(a.getByTestId('feedback-detail-message')).toHaveText('Pay does nothing');
  await expect(row(a, 'Pay does nothing')).toHaveAttribute('data-read', 'true');
  await expect(row(b, 'Pay does nothing')).toHaveAttribute('data-read', 'true');
  await expect(b.getByTestId('feedback-count')).toContainText('2 unread');

  // Spam from the pane: it leaves the Inbox in both tabs, and the pane says what it is now.
  await row(a, 'BUY CHEAP WATCHES').click();
  await a.getByTestId('feedback-spam').click();
  await expect(a.getByTestId('feedback-detail-status')).toHaveText('Spam');
  await expect(a.getByTestId('feedback-inbox')).toHaveText('Move to Inbox');
  for (const tab of [a, b]) {
    await expect(row(tab, 'BUY CHEAP WATCHES')).toHaveCount(0);
    await expect(mailboxCount(tab, 'ignored')).toHaveText('1');
  }

  // Bulk, as the issue list: check both left, Resolve. The Inbox is empty in both tabs.
  await a.getByTestId('feedback-select-all').check();
  await expect(a.getByTestId('feedback-selected-count')).toHaveText('2 selected');
  await a.screenshot({ path: `${SCREENS}/bulk-selected.png` });
  await a.getByTestId('bulk-feedback-resolve').click();
  for (const tab of [a, b]) {
    await expect(tab.getByTestId('feedback-row')).toHaveCount(0);
    await expect(tab.getByTestId('feedback-empty')).toContainText('Inbox zero');
    await expect(mailboxCount(tab, 'resolved')).toHaveText('2');
  }
  await a.screenshot({ path: `${SCREENS}/inbox-zero.png` });

  // The Resolved mailbox: mark one unread (bulk), then Unresolve both: back in the Inbox.
  await a.getByTestId('feedback-mailbox-resolved').click();
  await expect(a).toHaveURL(/#\/feedback\?mailbox=resolved/);
  await expect(a.getByTestId('feedback-row')).toHaveCount(2);
  await a.getByTestId('feedback-check').first().check();
  await a.getByTestId('bulk-feedback-unread').click();
  await expect(a.getByTestId('feedback-row').first()).toHaveAttribute('data-read', 'false');
  await a.getByTestId('feedback-select-all').check();
  await expect(a.getByTestId('bulk-feedback-unresolve')).toHaveText('Unresolve');
  await a.getByTestId('bulk-feedback-unresolve').click();
  await expect(a.getByTestId('feedback-row')).toHaveCount(0);
  await expect(b.getByTestId('feedback-row')).toHaveCount(2);

  // Keyboard in the other tab, as the issue list: j to a row, r resolves it.
  await b.getByRole('heading', { name: 'User Feedback' }).click();
  await b.keyboard.press('j');
  await expect(b.locator('.feedback-card.is-focused')).toHaveCount(1);
  const focused = await b.locator('.feedback-card.is-focused').getByTestId('feedback-row-message').textContent();
  await b.keyboard.press('r');
  await expect(b.getByTestId('feedback-row')).toHaveCount(1);
  await expect(row(b, focused!)).toHaveCount(0);
  await expect(a.getByTestId('feedback-row').filter({ hasText: focused! })).toHaveCount(1);

  // Spam, moved back to the Inbox from its mailbox.
  await b.getByTestId('feedback-mailbox-ignored').click();
  await row(b, 'BUY CHEAP WATCHES').click();
  await b.getByTestId('feedback-inbox').click();
  await expect(b.getByTestId('feedback-row')).toHaveCount(0);
  await b.getByTestId('feedback-mailbox-unresolved').click();
  await expect(row(b, 'BUY CHEAP WATCHES')).toHaveCount(1);
  await expect(mailboxCount(b, 'unresolved')).toHaveText('2');
});
