/**
 * The captured request and response of a replay's failed request, in the report's recorded steps: a real
 * @sentry/browser recording (an app with `networkDetailAllowUrls` whose `POST /api/pay?order=991` fails with
 * 500) shows its headers and bodies under the step, in Markdown and as visible HTML text, scrubbed as the
 * event's own request is.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { DEFAULT_SCRUB_RULES, type ReportInput } from './report-input';
import { MAX_BODY_CHARS } from './report-replay-network';
import { realReportInput, SECRETS } from './test-report-input';

type RrwebEvent = { type: number; timestamp: number; data?: unknown };
const FIXTURE = new URL('../../../test/fixtures/replay/browser-network-details-events.json', import.meta.url);
const REPLAY_ID = '3240bdf899c646028d7aeeea86a8baa1';

let base: ReportInput;
beforeAll(async () => { base = await realReportInput(2); });

/** The recorded fetch span of the failed payment, and the recording (changed by `edit` first). */
function recording(edit: (payment: { data: { request: { headers: Record<string, string>; body: unknown } } }) => void = () => undefined):
  { events: RrwebEvent[]; paymentMs: number } {
  const events = JSON.parse(readFileSync(FIXTURE, 'utf8')) as RrwebEvent[];
  const span = events.map((e) => (e.data as { tag?: string; payload?: { op?: string; startTimestamp?: number; data?: { statusCode?: number } } } | undefined))
    .find((d) => d?.tag === 'performanceSpan' && d.payload?.op === 'resource.fetch' && d.payload.data?.statusCode === 500)?.payload;
  if (!span?.startTimestamp) throw new Error('the recording has the failed payment');
  edit(span as never);
  return { events, paymentMs: span.startTimestamp };
}

/** The report input: the featured error 60 ms after the failed request, in this recording. */
function inputWith(events: RrwebEvent[], errorMs: number): ReportInput {
  const [featured, ...rest] = base.events;
  if (!featured) throw new Error('the input has events');
  const payload = { ...featured.payload, timestamp: errorMs / 1000, contexts: { ...featured.payload.contexts, replay: { replay_id: REPLAY_ID } } };
  return { ...base, events: [{ ...featured, timestamp: errorMs, replayId: REPLAY_ID, payload }, ...rest], replay: { replayId: REPLAY_ID, events, segments: [] } };
}

describe('a failed request of the replay in the report', () => {
  it('shows its captured headers and bodies under its step, in Markdown and visible HTML', () => {
    const { events, paymentMs } = recording();
    const input = inputWith(events, paymentMs + 60);
    const md = renderMarkdown(input, { scrub: DEFAULT_SCRUB_RULES });
    const step = md.slice(md.indexOf('Network: POST /api/pay?order=991 → 500'));
    expect(step.slice(0, step.indexOf('\n- '))).toMatch(/Request headers:\n\n {2}```text\n {2}content-type: application\/json\n {2}x-request-id: req-991\n {2}```/);
    expect(step).toMatch(/Request body:\n\n {2}```json\n {2}\{\n {4}"order": 991,\n {4}"amount": 145,\n {4}"coupon": "SPRING"\n {2}\}\n {2}```/);
    expect(step).toMatch(/Response body:\n\n {2}```json\n {2}\{\n {4}"error": "card_declined",\n {4}"detail": "issuer unavailable",/);
    // A successful request keeps its one line.
    expect(md).not.toMatch(/→ 200\n\n {2}Request/);
    const html = renderHtml(input, { scrub: DEFAULT_SCRUB_RULES, includeReplay: true, playerAssets: null });
    const list = html.slice(html.indexOf('<ol class="replay-steps"'), html.indexOf('</ol>'));
    expect(list).toMatch(/POST \/api\/pay\?order=991 → 500<\/span><\/button><div class="step-network">/);
    expect(list).toMatch(/<span class="muted">Response body<\/span><pre class="wrap">\{\n {2}&quot;error&quot;: &quot;card_declined&quot;/);
  });

  it('scrubs its headers as the event request\'s and its bodies as text, and cuts long bodies', () => {
    const { events, paymentMs } = recording((payment) => {
      payment.data.request.headers.authorization = `Bearer ${SECRETS.bearer}`;
      payment.data.request.body = { password: SECRETS.password, note: 'x'.repeat(5000) };
    });
    const md = renderMarkdown(inputWith(events, paymentMs + 60), { scrub: DEFAULT_SCRUB_RULES });
    const step = md.slice(md.indexOf('Network: POST /api/pay?order=991 → 500'));
    expect(step).toContain('authorization: [Filtered]');
    expect(step).toContain('"password": "[Filtered]"');
    expect(md).not.toContain(SECRETS.bearer);
    expect(md).not.toContain(SECRETS.password);
    expect(step).toMatch(new RegExp(`x{${MAX_BODY_CHARS - 40},}… \\(\\d+ more characters\\)`));
  });
});
