import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SentryEvent } from '../../shared/sentry';
import type { ReportInput } from './report-input';
import { DEFAULT_SCRUB_RULES } from './report-input';
import { renderHtml, REPORT_CSP } from './html';
import { renderMarkdown } from './markdown';
import { inlineScript } from './html-syntax';
import { loadPlayerAssets } from './player-assets';
import { HOSTILE, realReportInput, SECRETS } from './test-report-input';

let input: ReportInput;
let html: string;
const assets = loadPlayerAssets();
beforeAll(async () => {
  input = await realReportInput();
  html = renderHtml(input, { scrub: DEFAULT_SCRUB_RULES, includeReplay: true, playerAssets: assets });
});

const VOID = new Set(['meta', 'img', 'br', 'hr', 'input', 'link', 'source', 'wbr', 'area', 'base', 'col', 'embed', 'track']);

/** Walks the tags outside raw-text elements and returns every nesting error (empty when well formed). */
function nestingErrors(doc: string): string[] {
  const errors: string[] = [];
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>/g;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(doc)) !== null) {
    const name = (m[2] ?? '').toLowerCase();
    if (m[1] === '/') {
      const open = stack.pop();
      if (open !== name) errors.push(`</${name}> at ${m.index} closes <${open}>`);
    } else if (name === 'script' || name === 'style') {
      const end = doc.toLowerCase().indexOf(`</${name}`, tag.lastIndex);
      if (end === -1) { errors.push(`unclosed <${name}>`); break; }
      tag.lastIndex = end + name.length + 3;
    } else if (!VOID.has(name)) {
      stack.push(name);
    }
  }
  return [...errors, ...stack.map((s) => `unclosed <${s}>`)];
}

/** The markup with the inlined player code and JSON island cut out. */
function markupOnly(doc: string): string {
  return doc.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '<script></script>').replace(/<style>[\s\S]*?<\/style>/g, '<style></style>');
}

function island(doc: string): { replayId: string; startOffsetMs: number; events: unknown[] } {
  const m = /<script type="application\/json" id="lookout-replay-data">([\s\S]*?)<\/script>/.exec(doc);
  expect(m, 'replay data island').not.toBeNull();
  return JSON.parse(m?.[1] ?? 'null') as { replayId: string; startOffsetMs: number; events: unknown[] };
}

describe('renderHtml of real @sentry/node events', () => {
  it('shows no seeded secret with the default rules, and every one without scrubbing', () => {
    const raw = renderHtml(input, { scrub: null, includeReplay: true, playerAssets: null });
    for (const secret of Object.values(SECRETS)) {
      expect(html).not.toContain(secret);
      expect(raw).toContain(secret);
    }
  });

  it('is well formed: every element closed in order, one of each main section', () => {
    expect(nestingErrors(html)).toEqual([]);
    for (const id of ['summary', 'steps', 'exception', 'environment', 'request', 'tags', 'user', 'contexts', 'extra', 'attachments', 'replay']) {
      expect(html.split(`<section id="${id}">`).length - 1, id).toBe(1);
    }
    const count = (re: RegExp): number => (html.match(re) ?? []).length;
    expect(count(/<section\b/g)).toBe(count(/<\/section>/g));
    expect(count(/<details\b/g)).toBe(count(/<\/details>/g));
    expect(count(/<details\b/g)).toBeGreaterThanOrEqual(2);
    expect(count(/<script\b/g)).toBe(3);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
  });

  it('shows the contexts the app set', () => {
    const section = html.slice(html.indexOf('<section id="contexts">'), html.indexOf('<section id="extra">'));
    expect(section).toContain('<h3>order</h3>');
    expect(section).toContain('&quot;currency&quot;: &quot;EUR&quot;');
  });

  it('loads nothing from the network and says so in its CSP', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(REPORT_CSP).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'");
    expect(html).not.toMatch(/\b(?:src|href|action|poster|srcset)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    const markup = markupOnly(html);
    expect(markup).not.toMatch(/<(?:link|iframe|object|embed|base)\b/i);
    for (const m of markup.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/g)) expect(m[1]).toMatch(/^data:/);
  });

  it('escapes markup found in event strings', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('embeds the recording and rrweb-player, starting a few seconds before the error', () => {
    const data = island(html);
    const replay = input.replay;
    expect(data.replayId).toBe(replay?.replayId);
    expect(data.events).toHaveLength(replay?.events.length ?? -1);
    const times = (replay?.events ?? []).map((e) => e.timestamp);
    const first = Math.min(...times);
    const errorMs = (input.events[0]?.payload.timestamp ?? 0) * 1000;
    // Within the recording: this fixture's error came after its last event, so the player opens 5 s before the end.
    const end = Math.max(...times) - first;
    expect(data.startOffsetMs).toBeCloseTo(Math.max(0, Math.min(errorMs - first, end) - 5000), 3);
    expect(html).toContain(assets.js.slice(0, 200));
    expect(html).toContain(assets.css.slice(0, 200));
    expect(html).toContain('<div id="replay-player"></div>');
    const raw = renderHtml(input, { scrub: null, includeReplay: true, playerAssets: assets });
    expect(island(raw).events).toEqual(replay?.events);
  });

  it('keeps a hostile recording inside its JSON island', () => {
    const replay = input.replay;
    if (!replay) throw new Error('fixture has a replay');
    const evil = `</script><script>alert(1)</script><!--`;
    const events = [...replay.events, { type: 5, timestamp: Date.now(), data: { tag: 'breadcrumb', payload: { message: evil } } },
      { type: 5, timestamp: Date.now(), data: { tag: 'breadcrumb', payload: { category: 'console', level: 'log', message: evil } } }];
    const doc = renderHtml({ ...input, replay: { ...replay, events } }, { scrub: null, includeReplay: true, playerAssets: null });
    expect(doc).not.toContain(evil);
    // Listed beside the player as escaped text.
    expect(doc).toMatch(/<li class="step-console"><button type="button" data-offset="\d+"><span class="step-time">[^<]+<\/span><span class="step-kind">Console<\/span><span class="step-label">&lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;!--<\/span><\/button><\/li>/);
    expect(nestingErrors(doc)).toEqual([]);
    expect(JSON.stringify(island(doc).events.at(-1))).toContain(JSON.stringify(evil).slice(1, -1));
  });

  it('inlines image attachments as data URIs', () => {
    const image = input.attachments.find((a) => a.info.contentType === 'image/jpeg');
    expect(image?.data).toBeTruthy();
    expect(html).toContain(`<img src="data:image/jpeg;base64,${image?.data?.toString('base64')}" alt="attachment.jpeg">`);
    // A small text attachment is quoted, scrubbed as the rest of the report.
    expect(html).toMatch(/<li><code>checkout\.log<\/code> <span class="muted">\(text\/plain, \d+ B\)<\/span>\n<pre class="wrap attachment-text">POST \/pay\npassword=\[Filtered\]\n?<\/pre><\/li>/);
  });

  it('shows the exception with in-app source and folded library frames', () => {
    expect(html).toMatch(/<div class="frame-head"><code>chargeCard<\/code> in <code>[^<]*test-report-input\.ts:\d+:\d+<\/code><\/div>\n<pre><code>/);
    expect(html).toMatch(/<span class="line current"> *\d+ \| +throw new Error\(`Payment failed for card \$\{SECRETS\.card\}`, \{ cause \}\);<\/span>/);
    expect(html).toMatch(/<details class="library">\n<summary>\d+ library frames?<\/summary>\n<ul>\n<li><code>/);
  });

  it('leaves the replay out when the box is unticked, and works without player assets', () => {
    const without = renderHtml(input, { scrub: DEFAULT_SCRUB_RULES, includeReplay: false, playerAssets: assets });
    expect(without).not.toContain('lookout-replay-data');
    expect(without).not.toContain(assets.js.slice(0, 200));
    expect(without).toContain('was left out of this export');
    expect(nestingErrors(without)).toEqual([]);
    const noPlayer = renderHtml(input, { scrub: DEFAULT_SCRUB_RULES, includeReplay: true, playerAssets: null });
    expect(island(noPlayer).events.length).toBe(input.replay?.events.length);
    expect((noPlayer.match(/<script\b/g) ?? []).length).toBe(2);
  });
});

describe('untrusted event shapes', () => {
  it('renders any payload field of any JSON type without throwing, HTML staying well formed', () => {
    const fields = ['exception', 'threads', 'stacktrace', 'breadcrumbs', 'contexts', 'request', 'tags', 'user', 'extra',
      'sdk', 'logentry', 'message', 'timestamp', 'release', 'environment', 'server_name'];
    const featured = input.events[0];
    if (!featured) throw new Error('fixture has events');
    const loose = <K extends string>(...keys: K[]) => fc.dictionary(fc.constantFrom(...keys), fc.jsonValue());
    const frame = loose('filename', 'function', 'lineno', 'colno', 'in_app', 'context_line', 'pre_context', 'post_context', 'module');
    const stack = fc.record({ frames: fc.array(frame, { maxLength: 8 }) });
    const exception = fc.record({ type: fc.jsonValue(), value: fc.jsonValue(), mechanism: fc.jsonValue(), stacktrace: fc.oneof(stack, fc.jsonValue()) }, { requiredKeys: [] });
    const crumb = loose('timestamp', 'message', 'category', 'type', 'level', 'data');
    const shaped = fc.record({
      exception: fc.oneof(fc.record({ values: fc.array(exception, { maxLength: 4 }) }), fc.array(exception, { maxLength: 4 })),
      breadcrumbs: fc.oneof(fc.record({ values: fc.array(crumb, { maxLength: 30 }) }), fc.array(crumb)),
      threads: fc.record({ values: fc.array(fc.record({ crashed: fc.boolean(), stacktrace: stack })) }),
    }, { requiredKeys: [] });
    const payloads = fc.tuple(fc.dictionary(fc.constantFrom(...fields), fc.jsonValue()), shaped).map(([a, b]) => ({ ...a, ...b }));
    fc.assert(fc.property(payloads, (payload) => {
      const odd: ReportInput = { ...input, events: [{ ...featured, payload: payload as SentryEvent }] };
      const doc = renderHtml(odd, { scrub: DEFAULT_SCRUB_RULES, includeReplay: true, playerAssets: null });
      expect(nestingErrors(doc)).toEqual([]);
      expect(renderMarkdown(odd, { scrub: null }).startsWith('# ')).toBe(true);
    }), { numRuns: 200 });
  });
});

describe('loadPlayerAssets', () => {
  it('returns the UMD build, which defines the rrwebPlayer global, and the player CSS', () => {
    const sandbox: Record<string, unknown> = {};
    sandbox.self = sandbox;
    runInNewContext(assets.js, sandbox);
    const lib = sandbox.rrwebPlayer as { Player?: unknown; default?: unknown } | undefined;
    expect(typeof lib?.Player).toBe('function');
    expect(lib?.default).toBe(lib?.Player);
    expect(assets.css).toContain('.rr-player');
    expect(loadPlayerAssets()).toBe(assets);
  });

  it('is inlined so that no `</script` or `<!--` in code can end the element, with the same meaning', () => {
    const code = 'out.s = "a</SCRIPT>b<!--c"; out.r = /<\\/script>/.source; out.t = `</script>`;';
    const inlined = inlineScript(code);
    const body = inlined.slice('<script>'.length, -'</script>'.length);
    expect(body).not.toMatch(/<\/script|<!--/i);
    const out: Record<string, unknown> = {};
    runInNewContext(body, { out });
    const expected: Record<string, unknown> = {};
    runInNewContext(code, { out: expected });
    expect(out).toEqual(expected);
    expect(html).not.toContain(HOSTILE);
  });
});
