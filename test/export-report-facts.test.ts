/**
 * A bug report a teammate can act on, from a real Lookout fed by real @sentry/node 11: the error's trace
 * id and link, the trace's logs around it (capped, with how many were left out, scrubbed), the issue's
 * status and release history (resolved, then regressed in a newer release), and a small JSON attachment
 * quoted, scrubbed as the rest of the report.
 */
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventDetail, LogEntry, Page } from '../src/shared/api-types';
import { REPORT_LOGS_MAX } from '../src/core/export/report-trace';
import { startTestLookout, type TestLookout } from './helpers/lookout';

const LOGS_PER_REQUEST = 60;
const SECRET = 'sk_live_report_facts_9f2';
let lookout: TestLookout;

/** One checkout request in a trace of its own: 60 logs, then an error with a state attachment; answers the event id. */
async function checkout(release: string): Promise<string> {
  await Sentry.close(2000);
  Sentry.init({ dsn: lookout.dsn, release, tracesSampleRate: 1, defaultIntegrations: false, sendClientReports: false });
  let eventId = '';
  Sentry.startNewTrace(() => Sentry.startSpan({ name: 'POST /checkout', op: 'http.server' }, () => {
    for (let i = 0; i < LOGS_PER_REQUEST; i++) Sentry.logger.info(`checkout step ${i}`, { order: 'o-17', api_key: SECRET });
    Sentry.withScope((scope) => {
      scope.addAttachment({ filename: 'cart-state.json', contentType: 'application/json', data: JSON.stringify({ items: 3, api_key: SECRET }) });
      eventId = Sentry.captureException(new Error('Checkout total is negative'));
    });
  }));
  if (!(await Sentry.flush(10_000))) throw new Error('@sentry/node did not flush');
  return eventId;
}

/** Lookout answers the SDK only once the event is committed, so after `flush` it is there. */
async function eventOf(id: string): Promise<EventDetail> {
  return lookout.api<EventDetail>(`events/${id}`);
}

async function report(issueId: number, format: 'md' | 'html'): Promise<string> {
  const res = await fetch(`${lookout.url}/_lookout/api/issues/${issueId}/report?format=${format}&replay=0`);
  expect(res.status).toBe(200);
  return res.text();
}

beforeAll(async () => { lookout = await startTestLookout(); });
afterAll(async () => { await Sentry.close(2000); await lookout.stopAndClean(); });

describe('a bug report of a regressed issue with logs and an attachment', () => {
  let issueId = 0;
  let traceId = '';
  let md = '';
  let html = '';

  beforeAll(async () => {
    const first = await eventOf(await checkout('shop-api@1.4.0'));
    issueId = first.issueId!;
    await lookout.api(`issues/${issueId}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"status":"resolved"}' });
    const second = await eventOf(await checkout('shop-api@1.4.1'));
    expect(second.issueId).toBe(issueId);
    traceId = second.traceId!;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    // The logs travel in their own envelopes: wait until the trace's are all stored.
    await vi.waitFor(async () => {
      expect((await lookout.api<Page<LogEntry>>(`logs?trace=${traceId}&limit=500`)).items).toHaveLength(LOGS_PER_REQUEST);
    }, { timeout: 10_000, interval: 50 });
    md = await report(issueId, 'md');
    html = await report(issueId, 'html');
  }, 60_000);

  it('names the trace, without a link into a Lookout whose port the system picked (dead after that run)', () => {
    expect(md).toContain(`## Trace\n\nTrace \`${traceId}\`\n`);
    expect(html).toContain(`<p class="facts">Trace <code id="trace-id">${traceId}</code></p>`);
    expect(`${md}${html}`).not.toContain(`${lookout.url}/#/traces`);
  });

  it("quotes the trace's logs nearest the error with level, time and attributes, says how many were left out, and scrubs them", () => {
    const section = md.slice(md.indexOf('## Trace'), md.indexOf('## Environment'));
    expect(section).toContain(`The ${REPORT_LOGS_MAX} logs nearest the error of the trace's ${LOGS_PER_REQUEST} (${LOGS_PER_REQUEST - REPORT_LOGS_MAX} left out)`);
    const rows = section.split('\n').filter((l) => /^\| \d{4}-/.test(l));
    expect(rows).toHaveLength(REPORT_LOGS_MAX);
    // The last logs before the error are the nearest: steps 10 to 59 in time order.
    expect(rows[0]).toMatch(/^\| \S+Z \| [-+]?\d+\.\d\ds \| info \| checkout step 10 \| `order`=`o-17` `api_key`=`\[Filtered\]` /);
    expect(rows.at(-1)).toContain('checkout step 59');
    expect(md).not.toContain(SECRET);
    expect(html).not.toContain(SECRET);
    expect(html).toMatch(/<table id="trace-logs">[\s\S]*<td>checkout step 59<\/td>/);
  });

  it('says the issue regressed in the newer release and names its first and last release', () => {
    expect(md).toContain('Status **Regressed (regressed in shop-api@1.4.1)** · first release `shop-api@1.4.0` · last release `shop-api@1.4.1`');
    expect(md).toMatch(/\*\*2 events\*\* · \*\*\d+ users?\*\* · first seen \S+ · last seen \S+/);
    expect(html).toContain('Status <strong class="issue-status">Regressed (regressed in shop-api@1.4.1)</strong>');
  });

  it('quotes a small JSON attachment, scrubbed', () => {
    const section = md.slice(md.indexOf('## Attachments'));
    expect(section).toMatch(/- `cart-state\.json` \(application\/json, \d+ B\)\n\n {2}```json\n {2}\{\n {4}"items": 3,\n {4}"api_key": "\[Filtered\]"\n {2}\}\n {2}```/);
    expect(html).toMatch(/<pre class="wrap attachment-text">\{\n {2}&quot;items&quot;: 3,\n {2}&quot;api_key&quot;: &quot;\[Filtered\]&quot;\n\}<\/pre>/);
  });
});
