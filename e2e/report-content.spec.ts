import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';
import { runBrowserApp } from './helpers/sentry-browser';
import { hasPythonSdk, NO_PYTHON_SDK, PYTHON } from './helpers/python-sdk';

/**
 * What a reader meets in the HTML bug report's replay and in a Python frame's locals: real @sentry/browser
 * with Session Replay for the one, the real sentry-python (Debian's) for the other.
 */
const APP = `
(async () => {
  const replay = Sentry.replayIntegration({ maskAllText: false, minReplayDuration: 0 });
  Sentry.addIntegration(replay);
  await new Promise((resolve) => { const check = () => (replay.getReplayId() ? resolve() : requestAnimationFrame(check)); check(); });
  Sentry.captureException(new Error('Report player check'));
})();`;

test('the HTML report\'s player: named buttons, a start said from the real offset, steps in line past a minute', async ({ page, server }) => {
  await runBrowserApp(page, server.dsn, APP, { replaysSessionSampleRate: 1 });
  const api = `${server.url}/_lookout/api`;
  let issue = 0;
  await expect.poll(async () => {
    const list = (await (await fetch(`${api}/issues`)).json()) as { items: { id: number; title: string }[] };
    issue = list.items.find((i) => i.title.includes('Report player check'))?.id ?? 0;
    return issue;
  }).toBeGreaterThan(0);
  // The recording arrives after the error: wait until the report embeds it.
  await expect.poll(async () => (await (await fetch(`${api}/issues/${issue}/report?format=html`)).text()).includes('lookout-replay-data')).toBe(true);
  const html = await (await fetch(`${api}/issues/${issue}/report?format=html`)).text();
  await page.setContent(html);
  // The error came within the first seconds: the player starts at the recording's start, and says so.
  await expect(page.locator('#replay > p.muted').first()).toContainText(/The player starts at the beginning of the recording, [\d.]+s before the error\./);
  await expect(page.locator('#replay-player .rr-controller')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play or pause the replay' })).toBeVisible();
  // A step past a minute (`1m 03.2s`) keeps its kind and label in line with the others.
  const lefts = await page.locator('#replay-steps').evaluate((list) => {
    const first = list.querySelector('li');
    if (!first) return null;
    const late = first.cloneNode(true) as HTMLElement;
    late.querySelector('.step-time')!.textContent = '1m 03.2s';
    list.appendChild(late);
    return [first, late].map((li) => Math.round(li.querySelector('.step-kind')!.getBoundingClientRect().left));
  });
  expect(lefts).not.toBeNull();
  expect(lefts![1]).toBe(lefts![0]);
});

test('a Python frame\'s locals read as Python prints them, not as JSON of reprs', async ({ page, server }) => {
  test.skip(!hasPythonSdk, NO_PYTHON_SDK);
  const script = fileURLToPath(new URL('../test/fixtures/sdk-python/reserve_locals.py', import.meta.url));
  const run = spawnSync(PYTHON, [script, server.dsn], { encoding: 'utf8', timeout: 30_000 });
  expect(run.status, run.stderr).toBe(0);
  await page.goto(`${server.url}/#/issues`);
  await page.getByTestId('issue-title').filter({ hasText: 'out of stock' }).click();
  const vars = page.getByTestId('frame-vars').first();
  await expect(vars).toContainText("{'sku': 'A-1', 'qty': 3}");
  await expect(vars).toContainText('[1, 2, 3]');
  await expect(vars).not.toContainText('"\'A-1\'"');
});
