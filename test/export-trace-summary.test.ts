/**
 * The trace in a bug report, from a real Lookout fed by real @sentry/node 11 (span streaming, its
 * default) as two services of one trace: an `api` whose checkout calls a `worker`, which fails. The
 * report's "Trace" section says the error's path from the api's root to the worker's span it
 * happened in, with durations and services, the services and SDKs, the slowest spans and the
 * trace's performance issues (an N+1 of the api), in Markdown, HTML and the JSON bundle.
 */
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail } from '../src/shared/api-types';
import { startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;
const ITEMS = 'SELECT * FROM order_items WHERE order_id = $1';

async function init(project: number, release: string): Promise<void> {
  await Sentry.close(2000);
  Sentry.init({ dsn: lookout.dsn.replace(/\/1$/, `/${project}`), release, tracesSampleRate: 1, defaultIntegrations: false, sendClientReports: false });
}

/** The api's request (ran first, times set by hand) and the worker's part of it; answers the worker's error id. */
async function checkout(): Promise<string> {
  await init(1, 'api@2.0.0');
  const at = Date.now() - 5000;
  const timed = (name: string, op: string, from: number, to: number, inside?: () => void) =>
    Sentry.startSpanManual({ name, op, startTime: at + from }, (s) => { inside?.(); s.end(at + to); return s; });
  let callHeader = '';
  Sentry.startNewTrace(() => timed('POST /api/checkout', 'http.server', 0, 900, () => {
    timed('load orders', 'function', 1, 130, () => {
      timed('SELECT * FROM orders WHERE user_id = $1', 'db', 2, 12);
      for (let i = 0; i < 7; i++) timed(ITEMS, 'db', 13 + i * 16, 28 + i * 16);
    });
    timed('POST http://127.0.0.1/process', 'http.client', 140, 880, () => {
      callHeader = Sentry.spanToTraceHeader(Sentry.getActiveSpan()!);
    });
  }));
  await Sentry.flush(10_000);
  await init(2, 'worker@2.0.0');
  let eventId = '';
  Sentry.continueTrace({ sentryTrace: callHeader, baggage: undefined }, () =>
    Sentry.startSpan({ name: 'worker.process_payment', op: 'queue.task' }, () =>
      Sentry.startSpan({ name: 'charge card', op: 'http.client' }, () => { eventId = Sentry.captureException(new Error('Card declined')); })));
  if (!(await Sentry.flush(10_000))) throw new Error('@sentry/node did not flush');
  return eventId;
}

async function report(issueId: number, format: 'md' | 'html' | 'json'): Promise<string> {
  const res = await fetch(`${lookout.url}/_lookout/api/issues/${issueId}/report?format=${format}&replay=0`);
  expect(res.status).toBe(200);
  return res.text();
}

beforeAll(async () => { lookout = await startTestLookout(); });
afterAll(async () => { await Sentry.close(2000); await lookout.stopAndClean(); });

describe('the trace summary of a bug report', () => {
  let issueId = 0;
  beforeAll(async () => {
    const event = await lookout.api<EventDetail>(`events/${await checkout()}`);
    issueId = event.issueId!;
  });

  it('Markdown: the path from the api root to the worker span, the services, the slowest spans, the N+1', async () => {
    const md = await report(issueId, 'md');
    const section = md.slice(md.indexOf('## Trace'));
    expect(section).toContain('**Summary** · 13 spans');
    const path = section.slice(section.indexOf('The error\'s path, from the root:'), section.indexOf('**Services**'));
    const steps = path.split('\n').filter((l) => l.trimStart().startsWith('- '));
    expect(steps.map((l) => /`([^`]+)`/.exec(l)?.[1])).toEqual(['POST /api/checkout', 'POST http://127.0.0.1/process', 'worker.process_payment', 'charge card']);
    expect(steps[0]).toMatch(/^- http\.server `POST \/api\/checkout` · 900ms · api$/);
    expect(steps[3]).toMatch(/^ {6}- http\.client `charge card` · .* · worker ← \*\*the error happened here\*\*$/);
    expect(section).toContain('**Services**: api (node, sentry.javascript.node) · 11 spans · worker (node, sentry.javascript.node) · 2 spans');
    const slowest = section.slice(section.indexOf('**Slowest spans**'));
    expect(slowest.split('\n').slice(4, 6)).toEqual(['| http.server `POST /api/checkout` | 900ms | api |', '| http.client `POST http://127.0.0.1/process` | 740ms | api |']);
    expect(section).toContain(`- N+1 Query \`${ITEMS.replace('$1', '$%s')}\``);
  });

  it('HTML and JSON say the same, escaped and structured', async () => {
    const html = await report(issueId, 'html');
    expect(html).toContain('<div id="trace-path">');
    expect(html).toMatch(/<code>charge card<\/code> · [^<]+ <span class="muted">· worker<\/span> <strong>← the error happened here<\/strong>/);
    expect(html).toContain('<ul id="trace-performance-issues"><li>N+1 Query');
    const bundle = JSON.parse(await report(issueId, 'json')) as { trace: { path: { name: string; service: string }[]; services: { name: string }[] } };
    expect(bundle.trace.path.map((s) => `${s.service}: ${s.name}`)).toEqual(['api: POST /api/checkout', 'api: POST http://127.0.0.1/process',
      'worker: worker.process_payment', 'worker: charge card']);
    expect(bundle.trace.services.map((s) => s.name)).toEqual(['api', 'worker']);
  });
});
