import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';
import { captureNamedFailure } from './helpers/shop-app';

/**
 * Every visible piece of small text in the issue list, the issue page and the stream reaches WCAG AA
 * contrast (4.5:1) against what is behind it, in the light and the dark theme.
 */
async function lowContrast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgb = (css: string): [number, number, number, number] => {
      const m = /rgba?\(([^)]+)\)/.exec(css);
      const p = (m?.[1] ?? '0,0,0,0').split(',').map((x) => Number.parseFloat(x));
      return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, p[3] ?? 1];
    };
    const lum = ([r, g, b]: number[]) => [r, g, b].map((v) => { const c = (v ?? 0) / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
      .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c[3] > 0.5) return c;
      }
      return rgb(getComputedStyle(document.body).backgroundColor);
    };
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      const text = node.textContent?.trim();
      if (!el || !text) continue;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (style.visibility === 'hidden' || box.width === 0 || box.height === 0 || Number(style.opacity) < 0.5) continue;
      if (el.closest('[disabled], [aria-disabled="true"]')) continue;
      const size = Number.parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const [a, b] = [lum(rgb(style.color)), lum(background(el))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < (large ? 3 : 4.5)) out.push(`${ratio.toFixed(2)} "${text.slice(0, 30)}" .${el.className || el.tagName} ${style.color} on ${background(el).join(',')} in .${el.parentElement?.className}`);
    }
    return [...new Set(out)];
  });
}

test('small text keeps 4.5:1 contrast in the list, the issue page and the stream, light and dark', async ({ page, server }) => {
  const node = nodeSender(server.dsn, { release: 'shop@1.0.0' });
  captureNamedFailure(node, 'Contrast failure');
  node.capture('A warning to read'); // a message: level warning
  await node.flush();
  expect((await fetch(`${server.url}/api/1/envelope/`, { method: 'POST', body: '{}\n{"type":"event","length":500}\n{}' })).status).toBe(400);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${server.url}/#/issues`);
    await expect(page.getByTestId('issue-row')).toHaveCount(2);
    expect(await lowContrast(page), `issue list, ${scheme}`).toEqual([]);
    await page.getByTestId('issue-row').filter({ hasText: 'Contrast failure' }).click();
    await expect(page.getByTestId('issue-detail-title')).toContainText('Contrast failure');
    expect(await lowContrast(page), `issue page, ${scheme}`).toEqual([]);
    await page.goto(`${server.url}/#/stream`);
    await expect(page.locator('[data-testid="stream-row"][data-kind="rejected"]')).toHaveCount(1);
    expect(await lowContrast(page), `stream, ${scheme}`).toEqual([]);
  }
});
