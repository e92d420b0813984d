import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';
import { hasPythonSdk, NO_PYTHON_SDK, PYTHON } from './helpers/python-sdk';

const APP = join(dirname(fileURLToPath(import.meta.url)), '../test/fixtures/sdk-python/traced_uploads.py');

test('the SDK\'s own uploads to Lookout are folded out of the waterfall, shown on demand as such', async ({ page, server }) => {
  test.skip(!hasPythonSdk, NO_PYTHON_SDK);
  const run = spawnSync(PYTHON, [APP, server.dsn], { encoding: 'utf8', timeout: 30_000 });
  expect(run.status, run.stderr).toBe(0);
  const traceId = run.stdout.trim();
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);

  await page.goto(`${server.url}/#/traces/${traceId}`);
  const note = page.getByTestId('sdk-upload-note');
  await expect(note).toContainText('the SDK\'s own upload');
  const uploads = Number(/^(\d+)/.exec((await note.textContent()) ?? '')?.[1]);
  expect(uploads).toBeGreaterThanOrEqual(1);
  // Stored as sent: the span count counts them; the waterfall shows the task's own spans only.
  const total = Number(await page.getByTestId('trace-span-count').textContent());
  const names = page.getByTestId('trace-span').getByTestId('span-name');
  await expect(names).toHaveText(['nightly-reindex', 'SELECT * FROM items WHERE id = %s', 'json.dumps']);
  expect(total).toBe(3 + uploads);

  await page.getByTestId('sdk-upload-toggle').click();
  await expect(page.getByTestId('trace-span')).toHaveCount(3 + uploads);
  await expect(names.filter({ hasText: /^SDK upload to Lookout · / })).toHaveCount(uploads);
  await page.getByTestId('sdk-upload-toggle').click();
  await expect(page.getByTestId('trace-span')).toHaveCount(3);
});
