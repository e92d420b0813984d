/**
 * What a teammate without Lookout needs from a bug report, from real SDK output (@sentry/node 11 in
 * process, sentry-python 1.9 run by the system Python, a real @sentry/browser replay recording with
 * network details): why frames are still minified and what maps them, the event's own platform, source
 * lines the scrubbing rewrote marked, Python locals printed as Python does, and the map's file label.
 */
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import * as Sentry from '@sentry/node';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail } from '../../shared/api-types';
import { frameVarText } from '../../shared/frame-vars';
import type { SentryEvent } from '../../shared/sentry';
import { parseEnvelope } from '../ingest/envelope';
import { formatDuration } from './format';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { DEFAULT_SCRUB_RULES, type ReportInput } from './report-input';
import { serviceText } from './report-trace-summary';
import { realReportInput } from './test-report-input';

let base: ReportInput;
beforeAll(async () => { base = await realReportInput(2); });

const md = (input: ReportInput): string => renderMarkdown(input, { scrub: DEFAULT_SCRUB_RULES });
const html = (input: ReportInput): string => renderHtml(input, { scrub: DEFAULT_SCRUB_RULES, includeReplay: false, playerAssets: null });

/** `base` with its featured event's payload replaced (and its platform, which the event detail repeats). */
function featuring(payload: SentryEvent): ReportInput {
  const [first, ...rest] = base.events;
  if (!first) throw new Error('the input has events');
  const event: EventDetail = { ...first, platform: payload.platform ?? first.platform, payload };
  return { ...base, events: [event, ...rest], replay: null };
}

/** Frames of the featured event, innermost exception, most recent last. */
const framesOf = (payload: SentryEvent) => payload.exception?.values?.at(-1)?.stacktrace?.frames ?? [];

describe('frames no source map resolved', () => {
  it('says why, per frame and once, with the release, dist and each file\'s debug id a teammate maps them with', () => {
    const payload = structuredClone(base.events[0]!.payload);
    const frames = framesOf(payload);
    const inApp = frames.filter((f) => f.in_app === true);
    expect(inApp.length).toBeGreaterThan(1);
    // As symbolication leaves a minified frame: its URL, and why the map was not applied (symbolicate-event.ts).
    inApp.forEach((f, i) => {
      f.abs_path = `http://127.0.0.1:5173/assets/${i === 0 ? 'app' : 'vendor'}-3f9a.js`;
      f.filename = f.abs_path;
      f.data = { sourcemap_error: `could not fetch source map http://127.0.0.1:5173/assets/${i === 0 ? 'app' : 'vendor'}-3f9a.js.map: HTTP 404`,
        sourcemap_error_kind: 'fetch-failed' };
    });
    payload.dist = 'web-42';
    payload.debug_meta = { images: [{ type: 'sourcemap', code_file: 'http://127.0.0.1:5173/assets/app-3f9a.js', debug_id: 'c941d872-b1ee-4d2b-9e0a-1c2f8f0d3e11' }] };
    const text = md(featuring(payload));
    expect(text).toContain('_Not source-mapped: could not fetch source map http://127.0.0.1:5173/assets/app-3f9a.js.map: HTTP 404_');
    const note = text.slice(text.indexOf('**Not source-mapped.**'));
    expect(note).toMatch(/frames are not source-mapped .* use the source maps of release shop@2\.4\.0, dist web-42:/);
    expect(note).toContain('- http://127.0.0.1:5173/assets/app-3f9a.js: debug id c941d872-b1ee-4d2b-9e0a-1c2f8f0d3e11');
    expect(note).toContain('- http://127.0.0.1:5173/assets/vendor-3f9a.js: no debug id');
    const page = html(featuring(payload));
    expect(page).toContain('<p class="muted frame-unmapped">Not source-mapped: could not fetch source map');
    expect(page).toMatch(/<div id="unmapped-note">[\s\S]*debug id c941d872-b1ee-4d2b-9e0a-1c2f8f0d3e11/);
    // A report whose frames were all mapped says nothing of it.
    expect(md(base)).not.toContain('source-mapped');
  });

  it('labels a mapped frame as the issue page does: the map\'s own path without its climb out of the build folder', () => {
    const payload = structuredClone(base.events[0]!.payload);
    const top = framesOf(payload).at(-1)!;
    Object.assign(top, { filename: '../src/account.ts', abs_path: 'http://127.0.0.1:5173/src/account.ts', lineno: 11, colno: 18, data: { symbolicated: true } });
    const text = md(featuring(payload));
    expect(text).toContain('in `src/account.ts:11:18`');
    expect(text).not.toContain('../src/account.ts');
  });
});

describe('the platform the report names', () => {
  it('is the event\'s, not the project\'s: a Node event sent to a project made for Python', () => {
    const text = md({ ...base, project: { name: 'worker', platform: 'python' } });
    expect(text.split('\n')[2]).toMatch(/^project `worker` \(node\) · /);
    expect(html({ ...base, project: { name: 'worker', platform: 'python' } })).toContain('project <code>worker</code> (node)');
    expect(serviceText({ projectId: 1, name: 'worker', platform: 'python', sdks: ['sentry.javascript.node'], spanCount: 1 }))
      .toBe('worker (node, sentry.javascript.node) · 1 span');
  });
});

/** A real @sentry/node error thrown next to a line the scrubbing rewrites; the featured event's payload. */
async function captureNextToSecret(): Promise<SentryEvent> {
  const sent: Buffer[] = [];
  Sentry.init({ dsn: 'http://k@127.0.0.1:1/1', release: 'shop@2.4.0', defaultIntegrations: false, integrations: [Sentry.contextLinesIntegration()],
    transport: (options) => Sentry.createTransport(options, async (request) => { sent.push(Buffer.from(request.body)); return { statusCode: 200 }; }) });
  try {
    login();
  } catch (err) {
    Sentry.captureException(err);
  }
  await Sentry.flush(5000);
  const item = sent.flatMap((b) => parseEnvelope(b).items).find((i) => i.headers.type === 'event');
  if (!item) throw new Error('@sentry/node sent no event');
  return JSON.parse(item.payload.toString('utf8')) as SentryEvent;
}

function login(): void {
  const password = "letmein-42";
  throw new Error(`Login failed (${password.length} characters)`);
}

describe('source lines the scrubbing rewrote', () => {
  it('are marked, in Markdown and HTML, so nobody takes them for the code', async () => {
    const payload = await captureNextToSecret();
    const input = featuring({ ...payload, exception: { values: payload.exception!.values!.map((e) => ({ ...e,
      stacktrace: { frames: e.stacktrace!.frames!.map((f) => ({ ...f, in_app: f.function === 'login' })) } })) } });
    const text = md(input);
    const fence = text.slice(text.indexOf('`login` in'));
    const lines = fence.split('\n');
    const rewritten = lines.find((l) => l.includes('const password'));
    expect(rewritten).toMatch(/^ \* +\d+ \|\s+const password = "\[Filtered\]";$/);
    expect(lines.find((l) => l.startsWith('>'))).toMatch(/^> {2}\d+ \|\s+throw new Error/);
    expect(text).toContain('_Lines marked \\* had values filtered by this report\'s scrubbing: they are not the code as written._');
    expect(text).not.toContain('letmein-42');
    const page = html(input);
    expect(page).toMatch(/<span class="line filtered"><span class="filtered-mark" title="Values filtered in this line">\*<\/span> *\d+ \| +const password = &quot;\[Filtered\]&quot;;<\/span>/);
    expect(page).toContain('<p class="muted filtered-note">');
    // Unscrubbed, the line is the code: nothing is marked.
    expect(renderMarkdown(input, { scrub: null })).not.toContain('Lines marked');
  });
});

/** A real sentry-python 1.9 event with local variables (`with_locals`), printed by a transport to stdout. */
function pythonEvent(): SentryEvent | null {
  const script = fileURLToPath(new URL('../../../test/fixtures/sdk-python/reserve_locals.py', import.meta.url));
  try {
    return JSON.parse(execFileSync('/usr/bin/python3', [script, '--stdout'], { encoding: 'utf8', timeout: 30_000 }).split('\n')[0] ?? '') as SentryEvent;
  } catch {
    return null;
  }
}

describe('local variables', () => {
  const python = pythonEvent();
  it.skipIf(python === null)('of Python are its reprs, printed as Python does, not JSON-quoted', () => {
    const frames = framesOf(python!).map((f) => ({ ...f, in_app: true }));
    expect(frames.at(-1)?.vars).toMatchObject({ bins: ['1', '2', '3'], warehouse: { sku: "'A-1'", qty: '3' } });
    const payload = { ...python!, exception: { values: [{ ...python!.exception!.values!.at(-1)!, stacktrace: { frames } }] } };
    const text = md(featuring(payload));
    const vars = text.slice(text.indexOf('Local variables:'));
    expect(vars).toContain("warehouse = {'sku': 'A-1', 'qty': 3}");
    expect(vars).toContain('bins = [1, 2, 3]');
    expect(vars).toContain('order = 991');
    expect(html(featuring(payload))).toContain('<code>{&#39;sku&#39;: &#39;A-1&#39;, &#39;qty&#39;: 3}</code>');
  });

  it('of JavaScript stay JSON', () => {
    expect(frameVarText({ sku: 'A-1', qty: 3 }, 'node')).toBe('{"sku":"A-1","qty":3}');
    expect(frameVarText(['1', '2'], 'javascript')).toBe('["1","2"]');
    expect(frameVarText(['1', '2'], 'python')).toBe('[1, 2]');
    expect(frameVarText({ ok: null }, 'python')).toBe("{'ok': None}");
  });
});

describe('durations', () => {
  it('are cut, as the replay player\'s clock is: 103.96 s is 1m 43.9s (1:43), never 1m 44.0s', () => {
    expect(formatDuration(103_960)).toBe('1m 43.9s');
    expect(formatDuration(880)).toBe('0.88s');
    expect(formatDuration(290)).toBe('0.29s');
    expect(formatDuration(59_999)).toBe('59.99s');
    expect(formatDuration(3_725_000)).toBe('1h 02m');
  });
});
