import { mkdirSync } from 'node:fs';
import { test, expect } from './fixtures';
import { runBrowserApp } from './helpers/sentry-browser';

const SCREENS = process.env.LOOKOUT_UI_SCREENS ?? 'test-results/ui-screens';

/** A real error, then the user's feedback about it, as the widget sends it (`associatedEventId`, the page's URL). */
const LINKED_APP = `
const errorId = Sentry.captureException(new Error('Pay button does nothing'));
Sentry.captureFeedback({ message: 'I pressed Pay <b>twice</b> <img src=x onerror="window.pwned=1">', name: 'Ada', email: 'ada@example.com',
  url: location.href, associatedEventId: errorId });`;

/** Feedback about no error ("Report a bug") with a screenshot the page draws, as the widget attaches one. */
const SCREENSHOT_APP = `
const canvas = document.createElement('canvas');
canvas.width = 40; canvas.height = 30;
const g = canvas.getContext('2d'); g.fillStyle = '#c03'; g.fillRect(0, 0, 40, 30);
canvas.toBlob(async (blob) => {
  const data = new Uint8Array(await blob.arrayBuffer());
  Sentry.captureFeedback({ message: 'Please add a dark mode', email: 'lin@example.com', url: location.href },
    { attachments: [{ filename: 'screenshot.png', data, contentType: 'image/png' }] });
  window.__sent++;
}, 'image/png');`;

test('the User Feedback page lists feedback live, opens it beside the list, and links its issue, trace and screenshot', async ({ browser, server }) => {
  const ui = await browser.newPage();
  await ui.goto(`${server.url}/#/issues`);
  await ui.getByTestId('nav-feedback').click();
  await expect(ui).toHaveURL(/#\/feedback$/);
  await expect(ui.getByTestId('nav-feedback')).toHaveClass(/active/);
  await expect(ui.getByTestId('feedback-empty')).toBeVisible();

  const app = await browser.newPage();
  await runBrowserApp(app, server.dsn, LINKED_APP);
  await runBrowserApp(app, server.dsn, SCREENSHOT_APP);
  // Live: both appear without a reload, newest first, unread.
  const rows = ui.getByTestId('feedback-row');
  await expect(rows.getByTestId('feedback-row-message')).toHaveText(['Please add a dark mode',
    'I pressed Pay <b>twice</b> <img src=x onerror="window.pwned=1">']);
  await expect(rows.nth(0)).toHaveAttribute('data-read', 'false');
  await expect(rows.nth(0).getByTestId('feedback-row-screenshot')).toBeVisible();
  await expect(rows.nth(1).getByTestId('feedback-row-linked')).toHaveText('Linked issue');
  await expect(ui.getByTestId('feedback-count')).toContainText('2 unread');

  // Keyboard: j to the second row, Enter opens it beside the list and marks it read (the page has the
  // keyboard, not the Feedback link clicked, whose own Enter would follow it).
  await ui.getByRole('heading', { name: 'User Feedback' }).click();
  await ui.keyboard.press('j');
  await ui.keyboard.press('j');
  await ui.keyboard.press('Enter');
  const detail = ui.getByTestId('feedback-detail');
  await expect(detail.getByTestId('feedback-detail-message')).toHaveText('I pressed Pay <b>twice</b> <img src=x onerror="window.pwned=1">');
  await expect(detail.getByTestId('feedback-detail-who')).toHaveText('Ada <ada@example.com>');
  await expect(detail.getByTestId('feedback-detail-fields')).toContainText('/checkout?step=2');
  await expect(detail.getByTestId('feedback-detail-fields')).toContainText('Chrome');
  await expect(rows.nth(1)).toHaveAttribute('data-read', 'true');
  await expect(ui.getByTestId('feedback-count')).toContainText('1 unread');
  await expect(detail.locator('b, img')).toHaveCount(0);
  expect(await ui.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
  const traceHref = await detail.getByTestId('feedback-trace-link').getAttribute('href');
  expect(traceHref).toMatch(/^#\/traces\/[0-9a-f]{32}$/);

  // Mark unread sticks while it stays open, and the server keeps it (opening it again marks it read, as in Sentry).
  await detail.getByTestId('feedback-toggle-read').click();
  await expect(rows.nth(1)).toHaveAttribute('data-read', 'false');
  await expect(detail.getByTestId('feedback-toggle-read')).toHaveText('Mark read');
  const openId = await rows.nth(1).getAttribute('data-feedback-id');
  await expect.poll(async () => (await (await fetch(`${server.url}/_lookout/api/feedback/${openId}`)).json() as { read: boolean }).read).toBe(false);

  // k and Enter open the newer one: no error linked, its screenshot shown as an image (the button clicked
  // above lets go of the keyboard first: Enter on it would press it).
  await ui.getByRole('heading', { name: 'User Feedback' }).click();
  await ui.keyboard.press('k');
  await ui.keyboard.press('Enter');
  await expect(detail.getByTestId('feedback-detail-message')).toHaveText('Please add a dark mode');
  await expect(detail.getByTestId('feedback-unlinked')).toBeVisible();
  const image = detail.getByTestId('attachment-image');
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(40);
  mkdirSync(SCREENS, { recursive: true });
  await ui.screenshot({ path: `${SCREENS}/feedback-page-light.png` });
  await ui.emulateMedia({ colorScheme: 'dark' });
  await ui.screenshot({ path: `${SCREENS}/feedback-page-dark.png` });

  // Esc closes the pane; search narrows the list and stays in the URL.
  await ui.keyboard.press('Escape');
  await expect(ui.getByTestId('feedback-detail')).toHaveCount(0);
  await expect(ui).toHaveURL(/#\/feedback$/);
  await ui.getByTestId('feedback-search').fill('PRESSED pay');
  await expect(rows).toHaveCount(1);
  await expect(ui).toHaveURL(/query=PRESSED\+pay/);

  // The linked issue opens the error's issue at that event.
  await rows.nth(0).click();
  await ui.getByTestId('feedback-issue-link').click();
  await expect(ui).toHaveURL(/#\/issues\/\d+\/events\/[0-9a-f]{32}$/);
  await expect(ui.getByTestId('event-title')).toContainText('Pay button does nothing');
});

test('the project menu narrows the list to one project', async ({ page, server }) => {
  const report = (project: number, id: string, comments: string) => fetch(`${server.url}/api/${project}/envelope/?sentry_key=k`, {
    method: 'POST', body: `{"event_id":"${id}"}\n{"type":"user_report"}\n${JSON.stringify({ event_id: id, name: 'Sam', email: 'sam@example.com', comments })}`,
  });
  expect((await report(1, 'a'.repeat(32), 'Crashed in project one')).status).toBe(200);
  expect((await report(2, 'b'.repeat(32), 'Crashed in project two')).status).toBe(200);
  await page.goto(`${server.url}/#/feedback`);
  const messages = page.getByTestId('feedback-row').getByTestId('feedback-row-message');
  await expect(messages).toHaveText(['Crashed in project two', 'Crashed in project one']);
  await page.getByTestId('feedback-project').selectOption('2');
  await expect(page).toHaveURL(/#\/feedback\?project=2$/);
  await expect(messages).toHaveText(['Crashed in project two']);
  await page.getByTestId('feedback-project').selectOption('');
  await expect(messages).toHaveCount(2);
});
