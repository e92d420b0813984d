import { spawnSync } from 'node:child_process';
import { test, expect } from './fixtures';
import { hasPythonSdk, NO_PYTHON_SDK, PYTHON, PYTHON_SHOP as APP } from './helpers/python-sdk';

// The real sentry-python (Debian's python3-sentry-sdk), run on the shop app of test/fixtures/sdk-python.

test('a Python OSError\'s mechanism names its errno (ENOENT), not a bare number', async ({ page, server }) => {
  test.skip(!hasPythonSdk, NO_PYTHON_SDK);
  const run = spawnSync(PYTHON, [APP, server.dsn], { encoding: 'utf8', timeout: 30_000 });
  expect(run.status, run.stderr).toBe(1);
  await page.goto(`${server.url}/#/issues`);
  await page.getByTestId('issue-title').filter({ hasText: 'cannot load config for card 4242' }).click();
  const cause = page.getByTestId('exception').filter({ has: page.getByTestId('exception-type').getByText('FileNotFoundError', { exact: true }) });
  // sentry-python sends `mechanism.meta.errno.number: 2` and no OS: 2 is ENOENT on every OS.
  await expect(cause.getByTestId('exception-mechanism')).toHaveText(/· errno ENOENT \(2\)$/);
});
