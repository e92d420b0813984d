import { test, expect } from './fixtures';
import { runBrowserApp } from './helpers/sentry-browser';

/**
 * Real @sentry/browser with Session Replay: an error, then the user's feedback sent in the same replay
 * but naming no event (a "Report a bug" form does not know which error the user met).
 */
const APP = `
(async () => {
  const replay = Sentry.replayIntegration({ maskAllText: false, minReplayDuration: 0 });
  Sentry.addIntegration(replay);
  // The replay names itself once recording has started; the error and the feedback both carry its id.
  await new Promise((resolve) => { const check = () => (replay.getReplayId() ? resolve() : requestAnimationFrame(check)); check(); });
  Sentry.captureException(new Error('Checkout total missing'));
  // The widget's screenshot travels as an attachment of the feedback event, as the SDK's feedback form sends it.
  const canvas = document.createElement('canvas');
  canvas.width = 40; canvas.height = 30;
  canvas.getContext('2d').fillRect(0, 0, 40, 30);
  const png = new Uint8Array(await (await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'))).arrayBuffer());
  Sentry.captureFeedback({ message: 'Checkout shows nothing after I press Pay', name: 'Ada', email: 'ada@example.com', url: location.href },
    { attachments: [{ data: png, filename: 'screenshot.png', contentType: 'application/png' }] });
})();`;

test('a bug report quotes the feedback sent in the same replay as the error, with its screenshot, in Markdown, HTML and JSON; the issue page shows it', async ({ page, server }) => {
  await runBrowserApp(page, server.dsn, APP, { replaysSessionSampleRate: 1 });
  const api = `${server.url}/_lookout/api`;
  // The feedback arrives in its own request: wait until it is stored.
  await expect.poll(async () => ((await (await fetch(`${api}/feedback`)).json()) as { items: unknown[] }).items.length).toBe(1);
  const issues = (await (await fetch(`${api}/issues`)).json()) as { items: { id: number; title: string }[] };
  const issue = issues.items.find((i) => i.title.includes('Checkout total missing'));
  expect(issue).toBeDefined();
  // Tied to the error by no event id: the issue's own feedback list is empty.
  expect(((await (await fetch(`${api}/issues/${issue!.id}/feedback`)).json()) as { total: number }).total).toBe(0);

  const md = await (await fetch(`${api}/issues/${issue!.id}/report?format=md`)).text();
  const said = md.slice(md.indexOf('## What the user said'));
  expect(said).toContain('Checkout shows nothing after I press Pay');
  expect(said).toMatch(/sent in the same replay as this issue's events \(replay [0-9a-f]{32}\)/);
  // The feedback's own screenshot is listed, and shown in the HTML report.
  expect(md.slice(md.indexOf('## Attachments'))).toMatch(/- `screenshot\.png` \(application\/png, \d+ B, screenshot of the feedback by Ada, shown in the HTML report\)/);

  const html = await (await fetch(`${api}/issues/${issue!.id}/report?format=html&replay=0`)).text();
  await page.setContent(html);
  const section = page.locator('#feedback');
  await expect(section).toContainText('Checkout shows nothing after I press Pay');
  await expect(section.locator('.feedback-tie')).toContainText("sent in the same replay as this issue's events");
  const shot = page.locator('#attachments figure img[alt="screenshot.png"]');
  await expect(shot).toHaveAttribute('src', /^data:image\/png;base64,/);
  await expect.poll(() => shot.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(40);
  await expect(page.locator('#attachments figcaption')).toContainText('screenshot of the feedback by Ada');

  const bundle = (await (await fetch(`${api}/issues/${issue!.id}/report?format=json&replay=0`)).json()) as
    { feedback: { message: string; via: string }[]; attachments: { info: { filename: string } }[] };
  expect(bundle.feedback).toEqual([expect.objectContaining({ message: 'Checkout shows nothing after I press Pay', via: 'replay' })]);
  expect(bundle.attachments.map((a) => a.info.filename)).toEqual(['screenshot.png']);

  // The issue page shows the same feedback, as Sentry's issue page shows a replay's feedback.
  await page.goto(`${server.url}/#/issues/${issue!.id}`);
  const related = page.getByTestId('related-feedback');
  await expect(related).toContainText('Checkout shows nothing after I press Pay');
  await expect(related.getByTestId('related-feedback-tie')).toContainText("Sent in the same replay as this issue's events");
  await expect(related.getByTestId('user-feedback-who')).toHaveText('Ada <ada@example.com>');
});
