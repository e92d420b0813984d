/**
 * The HTML bug report on a phone (375 px), light and dark: a table's cells must not shrink to a few
 * letters each ("w/a/r/n", "Mes/sag/e"). Each breadcrumb row reads as one block: its time, type,
 * category and level whole on a line, the message below, and nothing wider than the screen.
 */
import { test, expect } from './fixtures';
import { captureSecretIssue } from './helpers/secret-issue';

test('the HTML report reads on a 375 px phone in both themes: no table cell breaks a word letter by letter', async ({ page, server }) => {
  await captureSecretIssue(server.dsn);
  const api = `${server.url}/_lookout/api`;
  const issues = (await (await fetch(`${api}/issues`)).json()) as { items: { id: number }[] };
  const html = await (await fetch(`${api}/issues/${issues.items[0]!.id}/report?format=html&replay=0`)).text();
  await page.setViewportSize({ width: 375, height: 800 });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.setContent(html);
    const rows = page.locator('#steps tbody tr');
    await expect(rows.first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // How many lines each short cell's text takes: a word broken letter by letter takes several.
    const lines = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 4).map((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    })));
    expect(lines.length).toBeGreaterThan(1);
    for (const row of lines) expect(row).toEqual([1, 1, 1, 1]);
    // The message starts a line of its own, under the row's facts, the full width of the screen.
    const message = rows.first().locator('td').last();
    const [first, last] = await Promise.all([rows.first().locator('td').first().boundingBox(), message.boundingBox()]);
    expect(last!.y).toBeGreaterThan(first!.y);
    expect(last!.width).toBeGreaterThan(300);
    await page.screenshot({ path: test.info().outputPath(`report-375-${colorScheme}.png`), fullPage: true });
  }
});
