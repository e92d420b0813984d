import { spawnSync } from 'node:child_process';
import { test, expect } from './fixtures';
import { hasPythonSdk, NO_PYTHON_SDK, PYTHON, PYTHON_SHOP as APP } from './helpers/python-sdk';

// The real sentry-python (Debian's python3-sentry-sdk) run by the system Python that has it;
// test/sdk-python.test.ts checks the stored data, this spec what the issue page makes of it.

test('a Python app\'s issues: library frames marked, in-app source open, the cause of a chain, runtime tags', async ({ page, server }) => {
  test.skip(!hasPythonSdk, NO_PYTHON_SDK);
  const run = spawnSync(PYTHON, [APP, server.dsn], { encoding: 'utf8', timeout: 30_000 });
  expect(run.status, run.stderr).toBe(1); // it ends in its unhandled exception, sent before it exits

  await page.goto(`${server.url}/#/issues`);
  await page.getByTestId('issue-title').filter({ hasText: 'Timeout value connect was soon' }).click();
  await expect(page.getByTestId('issue-detail-title')).toContainText('ValueError: Timeout value connect was soon');
  await expect(page.getByText('__main__ in main').first()).toBeVisible();

  // Newest first: urllib3's frames (dist-packages, so not in-app though the SDK said in-app) are
  // marked Library; the app's own frame is the one opened on its failing line.
  const outer = page.getByTestId('exception').first();
  const frames = outer.getByTestId('frame');
  await expect(frames).toHaveCount(3);
  await expect(frames.nth(0).getByTestId('frame-function')).toHaveText('_validate_timeout');
  await expect(frames.nth(0).getByTestId('frame-file')).toContainText('urllib3/util/timeout.py');
  await expect(frames.nth(0)).toHaveAttribute('data-in-app', 'false');
  await expect(frames.nth(1)).toHaveAttribute('data-in-app', 'false');
  await expect(frames.nth(2)).toHaveAttribute('data-in-app', 'true');
  await expect(frames.nth(2).getByTestId('frame-function')).toHaveText('main');
  await expect(outer.locator('[data-testid="context-line"][data-error="true"]')).toHaveText([/urllib3\.util\.Timeout\(connect="soon"\)/]);

  await expect(page.locator('[data-testid="tag-row"][data-tag-key="runtime.name"]').getByTestId('tag-value')).toContainText('CPython');

  // raise … from …: the outer exception first, its cause after it, each with its own source.
  await page.goto(`${server.url}/#/issues`);
  await page.getByTestId('issue-title').filter({ hasText: 'cannot load config for card 4242' }).click();
  const chain = page.getByTestId('exception');
  await expect(chain).toHaveCount(2);
  await expect(chain.nth(0).getByTestId('exception-type')).toHaveText('PaymentError');
  await expect(chain.nth(0).locator('[data-testid="context-line"][data-error="true"]').first())
    .toContainText('raise PaymentError("cannot load config for card " + card) from err');
  // sentry-python 1.x never says whether it followed __cause__ or __context__: a neutral label, no "caused by" claim.
  await expect(chain.nth(1).getByTestId('exception-relation')).toHaveText('Chained exception');
  await expect(chain.nth(1).getByTestId('exception-type')).toHaveText('FileNotFoundError');
  // Only the crashing exception opens its frame (Sentry's `expandFirstFrame`): the cause's opens on a click.
  await chain.nth(1).getByTestId('frame').first().locator('.frame-toggle').click();
  await expect(chain.nth(1).getByTestId('frame').first().getByTestId('frame-vars')).toContainText("'/nonexistent/shop-config.json'");
});
