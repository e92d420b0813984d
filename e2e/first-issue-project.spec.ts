/**
 * The first event of a new app: its issue row shows its project's name the moment it appears, and
 * the sidebar lists the project with it (it said "No project yet" and the row had no project name
 * for 0.25–5 s: the sidebar read the projects a second after the first item, or up to 5 s after a
 * project known unnamed was named). The stream now tells the project before its items.
 */
import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';

test('a new app\'s first issue appears with its project\'s name, in the row and the sidebar', async ({ page, server }) => {
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'true');
  // What the page showed when the first row came in, recorded in the page as it happened.
  await page.evaluate(() => {
    const w = window as unknown as { firstRow?: { row: string; sidebar: string } };
    new MutationObserver((_, observer) => {
      const row = document.querySelector('[data-testid="issue-row"]');
      if (!row) return;
      w.firstRow = { row: row.textContent ?? '', sidebar: document.querySelector('.projects-panel')?.textContent ?? '' };
      observer.disconnect();
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  const node = nodeSender(server.dsn, { release: 'first-light@0.1.0' });
  node.capture(new Error('first light failed'));
  await node.flush();
  const first = await page.waitForFunction(() => (window as unknown as { firstRow?: { row: string; sidebar: string } }).firstRow);
  const seen = await first.jsonValue() as { row: string; sidebar: string };
  expect(seen.row).toContain('first light failed');
  expect(seen.row).toContain('first-light');
  expect(seen.sidebar).not.toContain('No project yet');
  await expect(page.locator('[data-testid="project-item"][data-project-id="1"]').getByTestId('project-name')).toHaveText('first-light');
});
