import { test, expect } from './fixtures';
import { runWebVitalsPage } from './helpers/web-vitals-page';

test.describe('web vitals of a real @sentry/browser page load', () => {
  test('the trace list names the page, the trace shows its vitals rated, and Web Vitals lists the page', async ({ page, server, context }) => {
    const app = await context.newPage();
    await runWebVitalsPage(app, server.dsn);
    await app.close();

    await page.goto(`${server.url}/#/traces`);
    const row = page.getByTestId('trace-row').filter({ hasText: 'pageload' });
    // Sentry's transaction name for the streamed "Pageload" span: its URL path, the id scrubbed.
    await expect(row.locator('strong')).toHaveText('/products/*');

    await row.locator('a').click();
    await expect(page.getByTestId('trace-title')).toHaveText('pageload · /products/*');
    const vitals = page.getByTestId('trace-vitals');
    // The LCP, CLS and INP spans come after the root: wait for the last of them.
    await expect(vitals.getByTestId('vital-inp')).toBeVisible();
    for (const v of ['lcp', 'fcp', 'cls', 'ttfb']) await expect(vitals.getByTestId(`vital-${v}`)).toBeVisible();
    // A 650 ms click handler: INP over 500 ms, rated poor in words, not colour alone.
    await expect(vitals.getByTestId('vital-inp')).toHaveAttribute('data-rating', 'poor');
    await expect(vitals.getByTestId('vital-inp').getByTestId('vital-rating')).toHaveText('Poor');
    await expect(vitals.getByTestId('vital-inp').getByTestId('vital-value')).toHaveText(/^\d{3} ms$/);
    await expect(vitals.getByTestId('vital-cls').getByTestId('vital-value')).not.toHaveText('0.00');
    await expect(vitals.getByTestId('vital-score').getByTestId('vital-value')).toHaveText(/^\d{1,3}$/);
    await expect(vitals.getByTestId('vital-score').getByTestId('vital-rating')).toHaveText(/^(Good|Meh|Poor)$/);

    await page.goto(`${server.url}/#/traces`);
    await page.getByTestId('tab-web-vitals').click();
    const pageRow = page.getByTestId('web-vitals-page');
    await expect(pageRow).toHaveCount(1);
    await expect(pageRow.getByTestId('web-vitals-page-name')).toHaveText('/products/*');
    await expect(pageRow.getByTestId('p75-inp')).toHaveAttribute('data-rating', 'poor');
    await expect(pageRow.getByTestId('p75-inp')).toContainText('Poor');
    await expect(pageRow.getByTestId('p75-lcp')).toContainText(/\d ms|\d s/);
    await expect(pageRow.getByTestId('page-score')).toContainText(/\d/);
    await expect(page.getByTestId('web-vitals-overall')).toContainText('over 1 page view');
    await expect(page).toHaveURL(/#\/traces\?view=vitals$/);

    // The page's link lists its traces.
    await pageRow.getByTestId('web-vitals-page-name').click();
    await expect(page.getByTestId('trace-row')).toHaveCount(1);
  });
});
