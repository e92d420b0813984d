/**
 * Network Error Logging reports over real HTTP: Chromium posts a Reporting API batch
 * (`application/reports+json`, which needs a CORS preflight) from another loopback origin to
 * `/api/1/nel/`, and the logs are read back through the read API and the Logs view.
 * @see https://w3c.github.io/network-error-logging/#generate-a-network-error-report
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from './fixtures';
import type { EnvelopeRecord, LogEntry, Page } from '../src/shared/api-types';

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const REPORTS = [
  {
    age: 0, type: 'network-error', url: 'https://api.example.test/', user_agent: UA,
    body: { sampling_fraction: 1.0, referrer: 'https://shop.example.test/', server_ip: '', protocol: '', method: 'GET',
      status_code: 0, elapsed_time: 12, phase: 'dns', type: 'dns.name_not_resolved' },
  },
  {
    age: 60_000, type: 'network-error', url: 'https://shop.example.test/pay', user_agent: UA,
    body: { sampling_fraction: 1.0, referrer: 'https://shop.example.test/cart', server_ip: '203.0.113.9', protocol: 'h2', method: 'POST',
      status_code: 503, elapsed_time: 230, phase: 'application', type: 'http.error' },
  },
];

/** A page on a loopback origin of its own, so the post to Lookout is cross-origin as a real site's is. */
async function withAppOrigin(run: (origin: string) => Promise<void>): Promise<void> {
  const app = createServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<!doctype html><title>Shop</title>'); });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(app.address() as AddressInfo).port}`);
  } finally {
    app.closeAllConnections();
    await new Promise<void>((resolve) => app.close(() => resolve()));
  }
}

test('NEL reports posted by a browser become logs in the read API and the Logs view', async ({ browser, server }) => {
  const endpoint = `${server.url}/api/1/nel/?sentry_key=lookout&sentry_version=7`;
  const tab = await browser.newPage();
  const posted = { status: 0, acao: null as string | null };
  tab.on('response', (res) => {
    if (res.url().includes('/nel/') && res.request().method() === 'POST') posted.acao = res.headers()['access-control-allow-origin'] ?? null;
  });
  await withAppOrigin(async (origin) => {
    // The preflight the browser sends for this content type, answered as Relay's CORS layer does.
    const preflight = await fetch(endpoint, { method: 'OPTIONS', headers: {
      origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');

    await tab.goto(`${origin}/`);
    // Chromium sends the POST only after its own preflight passed, and lets the page read the status only under CORS.
    posted.status = await tab.evaluate(async ([url, body]) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/reports+json' }, body });
      return res.status;
    }, [endpoint, JSON.stringify(REPORTS)] as const);
  });
  expect(posted).toEqual({ status: 200, acao: '*' });

  const api = async <T>(path: string) => (await (await fetch(`${server.url}/_lookout/api/${path}`)).json()) as T;
  const logs = (await api<Page<LogEntry>>('logs')).items;
  expect(logs.map((l) => l.body)).toEqual([
    'dns.name_not_resolved for https://api.example.test/ (status 0, 12 ms): the DNS server answered but could not resolve the name',
    'http.error for https://shop.example.test/pay (status 503, 230 ms): the server answered with status 503',
  ]);
  const [dns, http] = logs;
  expect(dns!.level).toBe('info');
  expect(dns!.attributes).toMatchObject({ 'sentry.origin': 'auto.http.browser_reports.nel', 'url.full': 'https://api.example.test/',
    'nel.type': 'dns.name_not_resolved', 'nel.phase': 'dns', 'http.response.status_code': 0, 'http.request.duration': 12 });
  expect(http!.attributes).toMatchObject({ 'server.address': '203.0.113.9', 'network.protocol': 'h2', 'http.request.method': 'POST' });
  // The browser sent an empty server_ip: it did not know the address, so there is none.
  expect(dns!.attributes).not.toHaveProperty('server.address');
  // `age` dates a report back from its arrival.
  expect(Math.round((dns!.timestamp - http!.timestamp) / 1000)).toBe(60);

  // The request is kept as the browser sent it, with its key and route.
  const [stored] = (await api<Page<EnvelopeRecord>>('envelopes')).items;
  expect(stored).toMatchObject({ route: 'nel /api/1/nel/', outcome: 'accepted', sentryKey: 'lookout', projectId: 1, itemCount: 1 });
  expect(JSON.parse(await (await fetch(`${server.url}/_lookout/api/envelopes/${stored!.id}/raw`)).text())).toEqual(REPORTS);

  await tab.goto(`${server.url}/#/logs`);
  const row = tab.getByTestId('log-row').filter({ hasText: 'dns.name_not_resolved for https://api.example.test/ (status 0, 12 ms)' });
  await expect(row).toBeVisible();
  await row.getByTestId('log-body').click();
  await expect(row.getByTestId('log-attributes')).toContainText('auto.http.browser_reports.nel');
});

test('a malformed NEL body gets a 400 naming the problem and is kept raw with the rejection', async ({ server }) => {
  const endpoint = `${server.url}/api/1/nel/?sentry_key=lookout`;
  const single = JSON.stringify(REPORTS[0]);
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/reports+json' }, body: single });
  expect(res.status).toBe(400);
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  const detail = ((await res.json()) as { detail: string }).detail;
  expect(detail).toBe('NEL body must be a JSON array of reports (application/reports+json)');
  const [rejected] = (await (await fetch(`${server.url}/_lookout/api/envelopes?outcome=rejected`)).json() as Page<EnvelopeRecord>).items;
  expect(rejected).toMatchObject({ route: 'nel /api/1/nel/', status: 400, reason: detail });
  expect(await (await fetch(`${server.url}/_lookout/api/envelopes/${rejected!.id}/raw`)).text()).toBe(single);
});

test('NEL reports with a url, body.type or age of the wrong type are skipped; a batch of only those gets a 400', async ({ server }) => {
  const endpoint = `${server.url}/api/1/nel/?sentry_key=lookout`;
  const [good] = REPORTS;
  const bad = [{ ...good, url: 12 }, { ...good, age: 'x' }, { ...good, body: { ...good!.body, type: 404 } }];
  const post = (reports: unknown[]) => fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/reports+json' }, body: JSON.stringify(reports) });
  const rejected = await post(bad);
  expect(rejected.status).toBe(400);
  expect(((await rejected.json()) as { detail: string }).detail).toMatch(/skipped for a missing or mistyped url, age, body\.type/);
  expect((await post([...bad, good])).status).toBe(200);
  const logs = (await (await fetch(`${server.url}/_lookout/api/logs`)).json() as Page<LogEntry>).items;
  expect(logs.map((l) => l.body)).toEqual(['dns.name_not_resolved for https://api.example.test/ (status 0, 12 ms): the DNS server answered but could not resolve the name']);
});
