/**
 * Where a bug report places the error in its trace, from a real Lookout fed by real @sentry/node 11: by
 * the span the error names only while that span was open; else by the error's time (the innermost span
 * open then, or after the trace's last span, said so). An error captured with no span active names only
 * the trace's own context: no "was not received" for it.
 */
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail } from '../src/shared/api-types';
import { startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;

type Timed = (name: string, op: string, from: number, to: number, inside?: (span: Sentry.Span) => void) => Sentry.Span;
/** A span from `at + from` to `at + to` (ms), its times set by hand as the existing trace tests do. */
const timedFrom = (at: number): Timed => (name, op, from, to, inside) =>
  Sentry.startSpanManual({ name, op, startTime: at + from }, (s) => { inside?.(s); s.end(at + to); return s; });

/** Three errors, each in its own trace and issue (one fingerprint each); answers their event ids. */
async function capture(): Promise<Record<'ended' | 'inRoot' | 'noSpan', string>> {
  Sentry.init({ dsn: lookout.dsn, release: 'web@1.0.0', tracesSampleRate: 1, defaultIntegrations: false, sendClientReports: false });
  const ids = { ended: '', inRoot: '', noSpan: '' };
  // The browser's case: the page-load span ended 4.5 s ago, and the SDK still names it for the error.
  const at = Date.now() - 5000;
  Sentry.startNewTrace(() => {
    const pageload = timedFrom(at)('Pageload', 'pageload', 0, 500, () => { timedFrom(at)('app.js', 'resource.script', 10, 60); });
    Sentry.withActiveSpan(pageload, () => { ids.ended = Sentry.captureException(new Error('Clicked after the page loaded'), { fingerprint: ['ended'] }); });
  });
  // A child span had ended, its parent (the request) was still open when the error was captured.
  Sentry.startNewTrace(() => {
    Sentry.startSpanManual({ name: 'POST /api/cart', op: 'http.server', startTime: at }, (root) => {
      const query = timedFrom(at)('SELECT cart', 'db', 5, 40);
      Sentry.withActiveSpan(query, () => { ids.inRoot = Sentry.captureException(new Error('Cart total is negative'), { fingerprint: ['in-root'] }); });
      root.end(Date.now() + 100);
    });
  });
  // No span active: the error names only the trace's context (a fresh span id, no parent).
  Sentry.startNewTrace(() => {
    timedFrom(at)('GET /api/stock', 'http.server', 0, 200);
    ids.noSpan = Sentry.captureException(new Error('Stock check failed later'), { fingerprint: ['no-span'] });
  });
  if (!(await Sentry.flush(10_000))) throw new Error('@sentry/node did not flush');
  return ids;
}

async function traceSection(eventId: string): Promise<string> {
  const event = await lookout.api<EventDetail>(`events/${eventId}`);
  const res = await fetch(`${lookout.url}/_lookout/api/issues/${event.issueId}/report?format=md&replay=0`);
  expect(res.status).toBe(200);
  const md = await res.text();
  return md.slice(md.indexOf('## Trace'), md.indexOf('**Services**'));
}

beforeAll(async () => { lookout = await startTestLookout(); });
afterAll(async () => { await Sentry.close(2000); await lookout.stopAndClean(); });

describe('the error\'s place in its trace, in the bug report', () => {
  let ids: Awaited<ReturnType<typeof capture>>;
  beforeAll(async () => { ids = await capture(); });

  it('an error after the span it names had ended is placed after the trace\'s last span, not "here"', async () => {
    const section = await traceSection(ids.ended);
    expect(section).toMatch(/The error happened 4\.\d\ds after the trace's last span ended; the trace's root:/);
    expect(section).toContain('- pageload `Pageload` · 500ms');
    expect(section).not.toContain('the error happened here');
  });

  it('an error whose named span had ended inside a still-open parent is placed in the parent, by its time', async () => {
    const section = await traceSection(ids.inRoot);
    expect(section).toContain('placed by the error\'s time');
    expect(section).toMatch(/^- http\.server `POST \/api\/cart` · [\d.]+s · \S+ ← \*\*the error happened during this span\*\*$/m);
    expect(section).not.toContain('SELECT cart` ·');
  });

  it('an error captured with no span active is not said to be in a span that was not received', async () => {
    const event = await lookout.api<EventDetail>(`events/${ids.noSpan}`);
    expect(event.payload.contexts?.trace?.parent_span_id).toBeUndefined();
    const section = await traceSection(ids.noSpan);
    expect(section).not.toContain('not received');
    expect(section).toMatch(/The error happened [\d.]+s after the trace's last span ended; the trace's root:/);
  });
});
