/**
 * Feedback marked as spam leaves the issue page (a note counts it and links to the Spam mailbox),
 * and feedback is deleted from the User Feedback page, one from its pane or the ticked ones, each
 * after a confirmation as the issue list's Delete. The error and the feedback come from the real
 * @sentry/browser (captureException, then captureFeedback about it) in Chromium.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/list/feedbackListBulkSelection.tsx
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { runBrowserApp } from './helpers/sentry-browser';

const SHOTS = 'test-results/issue-feedback-spam-delete';

const ERROR_AND_FEEDBACK = `
const about = Sentry.captureException(new Error('Checkout total is NaN'));
for (const message of ['The total says NaN', 'BUY CHEAP WATCHES', 'Still NaN after a reload', 'Also NaN on mobile']) {
  Sentry.captureFeedback({ message, email: 'someone@example.com', associatedEventId: about });
}`;

const row = (tab: Page, message: string) => tab.getByTestId('feedback-row').filter({ hasText: message });

test('spam leaves the issue page with a note to the Spam mailbox; Delete takes one or the ticked feedback', async ({ browser, page, server }) => {
  await runBrowserApp(await browser.newPage(), server.dsn, ERROR_AND_FEEDBACK);
  await page.goto(`${server.url}/#/feedback`);
  await expect(page.getByTestId('feedback-row')).toHaveCount(4);
  await row(page, 'BUY CHEAP WATCHES').click();
  await page.getByTestId('feedback-spam').click();
  await expect(row(page, 'BUY CHEAP WATCHES')).toHaveCount(0);

  // The issue page: three listed, the spam counted in a note that opens the Spam mailbox.
  await page.goto(`${server.url}/#/issues`);
  await page.getByTestId('issue-title').first().click();
  const messages = page.getByTestId('user-feedback-message');
  await expect(messages).toHaveCount(3);
  await expect(page.getByText('BUY CHEAP WATCHES')).toHaveCount(0);
  const note = page.getByTestId('feedback-spam-note').first();
  await expect(note).toHaveText('1 marked as spam, not listed here.');
  await note.getByRole('link').click();
  await expect(page).toHaveURL(/#\/feedback\?mailbox=ignored$/);
  await expect(page.getByTestId('feedback-row')).toHaveCount(1);

  // One, from its pane: a confirmation first; Cancel keeps it.
  await page.getByTestId('feedback-mailbox-unresolved').click();
  await row(page, 'The total says NaN').click();
  await page.getByTestId('feedback-delete').click();
  const dialog = page.getByTestId('delete-feedback-dialog');
  await expect(dialog).toContainText('Delete this feedback?');
  await expect(dialog).toContainText('The total says NaN');
  await page.screenshot({ path: `${SHOTS}/confirm-one.png` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(row(page, 'The total says NaN')).toHaveCount(1);
  await page.getByTestId('feedback-delete').click();
  await dialog.getByRole('button', { name: 'Delete this feedback' }).click();
  await expect(row(page, 'The total says NaN')).toHaveCount(0);
  await expect(page).toHaveURL(/#\/feedback$/);
  await expect(page.getByTestId('feedback-mailbox-unresolved').getByTestId('feedback-mailbox-count')).toHaveText('2');

  // The ticked ones, from the bulk bar.
  await page.getByTestId('feedback-select-all').check();
  await page.getByTestId('bulk-feedback-delete').click();
  await expect(dialog).toContainText('Delete 2 feedbacks?');
  await dialog.getByRole('button', { name: 'Delete 2 feedbacks' }).click();
  await expect(page.getByTestId('feedback-row')).toHaveCount(0);
  await expect(page.getByTestId('feedback-mailbox-unresolved').getByTestId('feedback-mailbox-count')).toHaveText('0');

  // The issue keeps its error; only the spam is left of its feedback, as a note.
  await page.goto(`${server.url}/#/issues`);
  await page.getByTestId('issue-title').first().click();
  await expect(page.getByTestId('issue-detail-title')).toContainText('Checkout total is NaN');
  await expect(page.getByTestId('feedback-spam-note').first()).toHaveText('1 marked as spam, not listed here.');
  await expect(page.getByTestId('user-feedback-message')).toHaveCount(0);
});
