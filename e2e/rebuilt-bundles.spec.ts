/**
 * A browser app rebuilt without source maps: the same code under a new content hash in its file
 * name (`main.3f9a2c71.js` → `main.8b0e4d15.js`), thrown under real @sentry/browser in Chromium.
 * Sentry gives such unmapped frames a module made up from the URL (`main`), which grouping reads
 * before the file name, so both builds' errors are one issue.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/lang/javascript/preprocessing.py
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { bundleSdk } from './helpers/sentry-browser';

const BUILDS = ['3f9a2c71', '8b0e4d15'] as const;

/** The app's bundle: the same code in every build, which bundlers then name by content hash. */
function appCode(hash: string, title: string): string {
  return [
    `/* build ${hash} */`,
    `function chargeCard() { throw new Error(${JSON.stringify(title)}); }`,
    'function checkout() { chargeCard(); }',
    'setTimeout(checkout);',
  ].join('\n');
}

/**
 * Serves one build at `/static/js/main.<hash>.js` on a loopback port and opens the page, waiting
 * until the SDK has delivered its event. `sourceUrl` names the code as Chromium reports it: the
 * served URL, or (run through eval with `//# sourceURL=`, as webpack's eval builds and app shells
 * name their scripts) an `app:///` path.
 */
async function runBuild(tab: Page, dsn: string, hash: string, title: string, sourceUrl: 'http' | 'app'): Promise<void> {
  const sdk = await bundleSdk();
  const file = `/static/js/main.${hash}.js`;
  const code = appCode(hash, title);
  const script = sourceUrl === 'http' ? code : `(0, eval)(${JSON.stringify(`${code}\n//# sourceURL=app://${file}`)});`;
  const init = JSON.stringify({ dsn, release: `shop@${hash}` });
  const html = `<!doctype html><html><head><title>Shop</title><script src="/static/sentry.js"></script>
<script>window.__sent = 0; Sentry.init(Object.assign(${init}, { beforeSend(e) { window.__sent++; return e; } }));</script></head>
<body><script src="${file}"></script></body></html>`;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const [type, body] = path === '/static/sentry.js' ? ['text/javascript', sdk] : path === file ? ['text/javascript', script] : ['text/html', html];
    res.writeHead(200, { 'content-type': type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/checkout`);
    await tab.waitForFunction(() => (globalThis as unknown as { __sent: number }).__sent > 0);
    const flushed = await tab.evaluate(() => (globalThis as unknown as { Sentry: { flush(ms: number): Promise<boolean> } }).Sentry.flush(10_000));
    if (!flushed) throw new Error('@sentry/browser did not flush within 10 s');
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

test.describe('a bundle rebuilt under a new content hash, without source maps', () => {
  for (const sourceUrl of ['app', 'http'] as const) {
    test(`stays one issue (${sourceUrl === 'app' ? 'app:///' : 'http://'} frames), grouped by the module Sentry makes up`, async ({ browser, page, server }) => {
      const title = `Card charge failed (${sourceUrl})`;
      for (const hash of BUILDS) {
        const app = await browser.newPage();
        await runBuild(app, server.dsn, hash, title, sourceUrl);
        await app.close();
      }

      await page.goto(`${server.url}/#/issues`);
      const rows = page.getByTestId('issue-row').filter({ hasText: title });
      await expect(rows).toHaveCount(1);
      await expect(rows.getByTestId('issue-count')).toHaveText('2');
      // Sentry's culprit names the module, not the hashed file.
      await expect(rows.getByTestId('issue-culprit')).toHaveText('chargeCard(main)');

      await rows.getByTestId('issue-title').click();
      await expect(page.getByTestId('issue-detail-title')).toContainText(title);
      // The frame still shows the file the SDK sent; grouping reads the module before it.
      await expect(page.getByTestId('exception').first().getByTestId('frame').first().getByTestId('frame-file')).toContainText(`main.${BUILDS[1]}.js`);
      await page.getByTestId('grouping').getByRole('button', { name: 'Grouping' }).click();
      const moduleNodes = page.getByTestId('grouping-node').filter({ has: page.locator('.gnode-id', { hasText: /^module$/ }) });
      await expect(moduleNodes.filter({ hasText: /^✓\s*module\s*main$/ }).first()).toBeVisible();
      // An app:/// file name would count (it differs per build); a URL's never does, in Sentry as here.
      const filenameHint = sourceUrl === 'app' ? 'ignored because module takes precedence' : 'ignored because frame points to a URL';
      await expect(page.getByTestId('grouping-node').filter({ hasText: filenameHint }).first()).toBeVisible();
    });
  }
});
