/**
 * A real Content-Security-Policy violation: Chromium loads a page whose policy blocks an image and
 * names Lookout's security endpoint as its `report-uri`, with Sentry's `sentry_release` and
 * `sentry_environment` parameters; the report becomes an event with that release and environment,
 * the browser's and OS's tags from its User-Agent, and a "CSP Report" section on the issue page.
 * @see https://docs.sentry.io/security-legal-pii/security/security-policy-reporting/
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from './fixtures';
import type { EventDetail, EventSummary, IssueSummary, Page } from '../src/shared/api-types';

const BLOCKED = 'https://cdn.blocked.example.test/pixel.png';

/** A site on a loopback origin of its own, serving one page under `policy`. */
async function withSite(policy: string, run: (origin: string) => Promise<void>): Promise<void> {
  const site = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': policy });
    res.end(`<!doctype html><title>Checkout</title><p>Checkout</p><img src="${BLOCKED}" alt="">`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(site.address() as AddressInfo).port}`);
  } finally {
    site.closeAllConnections();
    await new Promise<void>((resolve) => site.close(() => resolve()));
  }
}

test("a browser's CSP report keeps the report URI's release and environment and shows as Sentry's CSP Report", async ({ page, server }) => {
  const reportUri = `${server.url}/api/5/security/?sentry_key=lookout&sentry_release=shop-web%402.4.0&sentry_environment=staging`;
  const api = async <T>(path: string) => (await (await fetch(`${server.url}/_lookout/api/${path}`)).json()) as T;
  let issues: IssueSummary[] = [];
  await withSite(`default-src 'self'; img-src 'self'; report-uri ${reportUri}`, async (origin) => {
    await page.goto(`${origin}/`);
    await expect(page.getByText('Checkout')).toBeVisible();
    // The browser posts the report on its own time: wait for its issue.
    await expect.poll(async () => {
      issues = (await api<Page<IssueSummary>>('issues?status=all')).items;
      return issues.length;
    }, { timeout: 20_000 }).toBe(1);
  });
  const [issue] = issues;
  expect(issue!.title).toBe("Blocked 'image' from 'cdn.blocked.example.test'");
  const [summary] = (await api<Page<EventSummary>>(`issues/${issue!.id}/events?limit=1`)).items;
  const event = await api<EventDetail>(`events/${summary!.eventId}`);
  expect(event.payload).toMatchObject({ release: 'shop-web@2.4.0', environment: 'staging' });
  expect(event.payload.contexts?.browser).toMatchObject({ name: expect.stringMatching(/Chrom/) });
  expect(event.payload.contexts?.os).toMatchObject({ name: 'Linux' });
  // Tagged as Sentry tags it: found by its release, environment and browser.
  const found = async (query: string) => (await api<Page<IssueSummary>>(`issues?status=all&query=${encodeURIComponent(query)}`)).items.map((i) => i.id);
  for (const query of ['release:shop-web@2.4.0', 'environment:staging', 'os.name:Linux']) expect(await found(query), query).toEqual([issue!.id]);

  await page.goto(`${server.url}/#/issues/${issue!.id}`);
  const section = page.getByTestId('csp-report');
  await expect(section.getByRole('heading', { name: 'CSP Report' })).toBeVisible();
  const row = (label: string) => section.getByTestId('csp-report-table-row').filter({ has: page.locator('th', { hasText: new RegExp(`^${label}$`) }) }).locator('td');
  await expect(row('Effective directive')).toHaveText('img-src');
  await expect(row('Blocked URI')).toHaveText(BLOCKED);
  await expect(row('Document URI')).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  await expect(row('Original policy')).toContainText("img-src 'self'");
  await expect(row('Violated directive')).toHaveText(/^img-src/);
  // As text: the policy's quotes and the URL are shown, never parsed as markup.
  await expect(section.locator('img')).toHaveCount(0);
});
