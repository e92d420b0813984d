import { mkdirSync } from 'node:fs';
import { test, expect } from './fixtures';
import { errorWithFeedback } from './helpers/sentry-node-traces';

const SCREENS = process.env.LOOKOUT_UI_SCREENS ?? 'test-results/ui-screens';

test('user feedback opens with what the user wrote, who wrote it, and a link to the error it is about', async ({ page, server }) => {
  const sent = await errorWithFeedback(server.dsn, { message: 'I pressed Pay twice and nothing happened', name: 'Ada', email: 'ada@example.com', url: 'http://localhost:3000/cart' });
  await page.goto(`${server.url}/#/events/${sent.feedbackId}`);
  await expect(page.getByTestId('feedback-message')).toHaveText('I pressed Pay twice and nothing happened');
  await expect(page.getByTestId('feedback-fields')).toContainText('ada@example.com');
  await expect(page.getByTestId('feedback-fields')).toContainText('http://localhost:3000/cart');
  // Feedback belongs to no issue: the sidebar lights the Stream it is reached from, not Issues.
  await expect(page.getByTestId('nav-stream')).toHaveClass(/active/);
  await expect(page.getByTestId('nav-issues')).not.toHaveClass(/active/);
  await page.getByTestId('feedback-event-link').click();
  await expect(page).toHaveURL(new RegExp(`#/events/${sent.errorId}$`));
  await expect(page.getByTestId('event-title')).toContainText('checkout button does nothing');
  await expect(page.getByTestId('nav-issues')).toHaveClass(/active/);
  await expect(page.getByTestId('nav-stream')).not.toHaveClass(/active/);
});

test('the issue page shows what users said about its events, as text, with a link to the event', async ({ page, server }) => {
  const message = 'The total says <b>0 €</b> & the button <img src=x onerror="window.pwned=1"> stays grey';
  const earlier = await errorWithFeedback(server.dsn, { message, name: 'Ada', email: 'ada@example.com', url: 'http://localhost:3000/cart' });
  const latest = await errorWithFeedback(server.dsn, { message: 'Same again today', name: 'Lin', email: 'lin@example.com', url: 'http://localhost:3000/cart' });
  const { issueId } = await (await fetch(`${server.url}/_lookout/api/events/${earlier.errorId}`)).json() as { issueId: number };
  await page.goto(`${server.url}/#/issues/${issueId}`);
  const section = page.getByTestId('issue-feedback');
  await expect(section).toContainText('User feedback (2)');
  const entries = section.getByTestId('user-feedback-entry');
  // The latest error is shown: what was said about it is listed with it (once on the page), the rest here.
  await expect(entries.getByTestId('user-feedback-message')).toHaveText([message]);
  await expect(section.getByTestId('feedback-below')).toHaveText('1 about the event shown, with it below.');
  await expect(page.getByTestId('event-feedback').getByTestId('user-feedback-message')).toHaveText(['Same again today']);
  await expect(entries.nth(0).getByTestId('user-feedback-who')).toHaveText('Ada <ada@example.com>');
  await expect(section.locator('b, img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();

  mkdirSync(SCREENS, { recursive: true });
  await section.screenshot({ path: `${SCREENS}/issue-feedback-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await section.screenshot({ path: `${SCREENS}/issue-feedback-dark.png` });

  await entries.nth(0).getByTestId('user-feedback-event-link').click();
  await expect(page).toHaveURL(new RegExp(`#/issues/${issueId}/events/${earlier.errorId}$`));
  await expect(page.getByTestId('event-feedback').getByTestId('user-feedback-message')).toHaveText([message]);
  await page.getByTestId('event-feedback').getByTestId('user-feedback-open').click();
  await expect(page).toHaveURL(new RegExp(`#/events/${earlier.feedbackId}$`));
  await expect(page.getByTestId('feedback-message')).toHaveText(message);
  expect(latest.errorId).not.toBe(earlier.errorId);
});
