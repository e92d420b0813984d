import { test, expect } from './fixtures';
import { startServer } from './server';

test('dropping an exported bundle on the window imports the issue and opens it', async ({ page, server }) => {
  // A real issue in another Lookout, exported as a JSON bundle.
  const source = await startServer();
  let bundle: string;
  try {
    const body = `{"event_id":"0123456789abcdef0123456789abcdef"}\n{"type":"event"}\n` +
      JSON.stringify({ exception: { values: [{ type: 'TypeError', value: 'x is undefined', stacktrace: { frames: [{ filename: 'app.js', function: 'render', lineno: 3, in_app: true }] } }] } });
    expect((await fetch(`${source.url}/api/1/envelope/`, { method: 'POST', body })).status).toBe(200);
    bundle = await (await fetch(`${source.url}/_lookout/api/issues/1/report?format=json`)).text();
  } finally {
    await source.stop();
  }
  await page.goto(`${server.url}/#/issues`);
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'lookout-issue-1.json', { type: 'application/json' }));
    return dt;
  }, bundle);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page).toHaveURL(/#\/issues\/\d+$/);
  await expect(page.getByTestId('issue-detail-title')).toContainText('TypeError: x is undefined');
});
