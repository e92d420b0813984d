import type { Page } from '@playwright/test';
import type { EventDetail } from '../src/shared/api-types';
import type { SentryEvent } from '../src/shared/sentry';
import { test, expect } from './fixtures';
import { nodeSender } from './helpers/sentry-node';
import { captureCheckoutFailure } from './helpers/shop-app';

/**
 * Markup that would run script or inject an element if any of it reached the DOM as HTML:
 * every vector sets `window.__xss` to the field it came from, and carries `data-xss`.
 */
function payload(field: string): string {
  return `[${field}]<img data-xss src=x onerror="window.__xss='${field}'">` +
    `<script data-xss>window.__xss='${field}'</script><svg data-xss onload="window.__xss='${field}'"></svg>` +
    `"><iframe data-xss srcdoc="<script>parent.__xss='${field}'</script>"></iframe>` +
    `<a data-xss href="javascript:window.__xss='${field}'">link</a><details data-xss open ontoggle="window.__xss='${field}'">`;
}

/**
 * A payload within Relay's 200-character limit on tag values (longer tags are dropped at ingest,
 * valid-tags.ts), so it reaches the tag views.
 */
function shortPayload(field: string): string {
  return `[${field}]<img data-xss src=x onerror="window.__xss='${field}'"><script data-xss>window.__xss='${field}'</script>`;
}

/** A real @sentry/node event, every string field of it replaced by a payload naming the field. */
function poison(event: SentryEvent, eventId: string): SentryEvent {
  const values = event.exception?.values ?? [];
  for (const [i, ex] of values.entries()) {
    ex.type = payload(`exception.type.${i}`);
    ex.value = payload(`exception.value.${i}`);
    for (const [j, frame] of (ex.stacktrace?.frames ?? []).entries()) {
      Object.assign(frame, {
        filename: payload(`frame.filename.${j}`), abs_path: payload(`frame.abs_path.${j}`), function: payload(`frame.function.${j}`),
        module: payload(`frame.module.${j}`), context_line: payload(`frame.context_line.${j}`),
        pre_context: [payload(`frame.pre_context.${j}`)], post_context: [payload(`frame.post_context.${j}`)],
        vars: { [payload(`frame.var_name.${j}`)]: payload(`frame.var_value.${j}`) },
      });
    }
  }
  return {
    ...event, event_id: eventId,
    message: payload('message'), logentry: { formatted: payload('logentry') },
    tags: [[payload('tag.key'), payload('tag.value')], ['plain', shortPayload('tag.value.plain')]],
    breadcrumbs: { values: [
      { category: payload('breadcrumb.category'), message: payload('breadcrumb.message'), level: 'info', data: { url: `javascript:window.__xss='breadcrumb.data.url'`, note: payload('breadcrumb.data') } },
      { type: 'http', category: 'fetch', data: { method: payload('breadcrumb.method'), url: payload('breadcrumb.url'), status_code: 500 } },
    ] },
    request: {
      method: 'POST', url: `javascript:window.__xss='request.url'`, query_string: payload('request.query'),
      headers: { 'User-Agent': payload('request.header.ua'), [payload('request.header.name')]: payload('request.header.value') },
      cookies: { session: payload('request.cookie') }, data: { field: payload('request.data') },
    },
    user: { id: payload('user.id'), email: payload('user.email'), username: payload('user.username'), ip_address: '127.0.0.1', name: payload('user.name') },
    contexts: { ...event.contexts, os: { name: payload('os.name'), version: payload('os.version') }, custom: { note: payload('context.custom') } },
    extra: { [payload('extra.key')]: payload('extra.value') },
    release: payload('release'), environment: payload('environment'), server_name: payload('server_name'),
    transaction: payload('transaction'), culprit: payload('culprit'), sdk: { name: payload('sdk.name'), version: '1' },
  };
}

async function sendPoisoned(url: string, event: SentryEvent): Promise<void> {
  const eventJson = JSON.stringify(event);
  const attachment = payload('attachment.body');
  const body = [
    JSON.stringify({ event_id: event.event_id }),
    JSON.stringify({ type: 'event', length: Buffer.byteLength(eventJson) }), eventJson,
    JSON.stringify({ type: 'attachment', filename: payload('attachment.filename'), content_type: 'text/html', length: Buffer.byteLength(attachment) }), attachment,
  ].join('\n');
  const res = await fetch(`${url}/api/1/envelope/?sentry_key=lookout`, { method: 'POST', body });
  expect(res.status).toBe(200);
}

async function watchForScript(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => { w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`); });
  });
}

/** Nothing ran and nothing was injected: the flag is unset, no marked element, no CSP violation. */
async function expectInert(page: Page, where: string): Promise<void> {
  const state = await page.evaluate(() => {
    const w = window as unknown as { __xss?: string; __csp?: string[] };
    return {
      flag: w.__xss ?? null, csp: w.__csp ?? [],
      injected: document.querySelectorAll('[data-xss], iframe, svg[onload], details[ontoggle], img[onerror]').length,
      jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
      inlineScripts: [...document.scripts].filter((s) => !s.src).length,
    };
  });
  expect(state, where).toEqual({ flag: null, csp: [], injected: 0, jsLinks: 0, inlineScripts: 0 });
}

test('script and HTML in every string field are shown as text on every view, never run or injected', async ({ page, server }) => {
  const node = nodeSender(server.dsn);
  const realId = await captureCheckoutFailure(node);
  await node.flush();
  const real = (await (await fetch(`${server.url}/_lookout/api/events/${realId}`)).json()) as EventDetail;
  const eventId = crypto.randomUUID().replace(/-/g, '');
  await sendPoisoned(server.url, poison(real.payload, eventId));
  const messageId = crypto.randomUUID().replace(/-/g, '');
  const message = JSON.stringify({ event_id: messageId, message: payload('message.only'), level: 'warning', platform: 'python' });
  expect((await fetch(`${server.url}/api/1/envelope/`, { method: 'POST', body: `{"event_id":"${messageId}"}\n{"type":"event"}\n${message}` })).status).toBe(200);
  const stored = (await (await fetch(`${server.url}/_lookout/api/events/${eventId}`)).json()) as EventDetail;

  await watchForScript(page);
  await page.goto(`${server.url}/#/issues`);
  await expect(page.getByTestId('issue-title').filter({ hasText: '[exception.type.' }).first()).toBeVisible();
  await expect(page.getByTestId('issue-title').filter({ hasText: '[message.only]<img data-xss' })).toBeVisible();
  await expectInert(page, 'issue list');

  await page.goto(`${server.url}/#/issues/${stored.issueId}`);
  await expect(page.getByTestId('event-title')).toContainText('<script data-xss>');
  await expect(page.getByTestId('exception-type').first()).toContainText('[exception.type.');
  await expect(page.getByTestId('frame-function').first()).toContainText('[frame.function.');
  await expect(page.getByTestId('breadcrumb').filter({ hasText: '[breadcrumb.message]' })).toBeVisible();
  await expect(page.getByTestId('tag-row').filter({ hasText: '[tag.value.plain]' }).first()).toBeVisible();
  await expect(page.getByTestId('attachment')).toContainText('[attachment.filename]');
  await expect(page.getByTestId('issue-detail')).toContainText('[request.header.value]');
  await expect(page.getByTestId('issue-detail')).toContainText('[user.email]');
  await expectInert(page, 'issue detail');

  // Expand what is folded: full stack with context lines and variables, raw JSON, raw envelope.
  for (const id of ['toggle-full', 'show-raw-json', 'show-raw-envelope']) {
    const button = page.getByTestId(id);
    if (await button.count()) await button.first().click();
  }
  for (const frame of (await page.getByTestId('frame').all()).slice(0, 5)) await frame.click();
  await expect(page.getByTestId('issue-detail')).toContainText('[frame.context_line.');
  await expectInert(page, 'issue detail, expanded');

  await page.goto(`${server.url}/#/events/${eventId}`);
  await expect(page.getByTestId('event-title')).toContainText('<img data-xss');
  await expectInert(page, 'event view');

  await page.goto(`${server.url}/#/stream`);
  await expect(page.getByTestId('stream-row').filter({ hasText: '[message.only]' })).toBeVisible();
  await expect(page.getByTestId('stream-row').filter({ hasText: '[attachment.filename]' })).toBeVisible();
  await expectInert(page, 'stream');
  // The title names the view; markup that ran would have replaced it.
  await expect(page).toHaveTitle(/^(\(\d+\) )?Stream — Lookout$/);
});
