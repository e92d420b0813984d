import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportInput } from './report-input';
import { DEFAULT_SCRUB_RULES } from './report-input';
import { renderMarkdown, SCRUB_MARK_RE, stripScrubMarks } from './markdown';
import { HOSTILE, realReportInput, SECRETS } from './test-report-input';

let input: ReportInput;
let md: string;
beforeAll(async () => {
  input = await realReportInput();
  md = renderMarkdown(input, { scrub: DEFAULT_SCRUB_RULES });
});

/** Markdown text of one `## Heading` section. */
function section(title: string): string {
  const start = md.indexOf(`\n## ${title}\n`);
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const next = md.indexOf('\n## ', start + 1);
  return md.slice(start, next === -1 ? undefined : next);
}

describe('renderMarkdown of real @sentry/node events', () => {
  it('shows no seeded secret with the default rules, and every one without scrubbing', () => {
    const raw = renderMarkdown(input, { scrub: null });
    for (const secret of Object.values(SECRETS)) {
      expect(md).not.toContain(secret);
      expect(raw).toContain(secret);
    }
  });

  it("says when the replay is an earlier event's, and places that event's error in it", () => {
    const [featured, older] = input.events;
    if (!featured || !older) throw new Error('the input has two events');
    const { replay: _replay, ...contexts } = featured.payload.contexts ?? {};
    const events = [{ ...featured, replayId: null, payload: { ...featured.payload, contexts } }, ...input.events.slice(1)];
    const text = renderMarkdown({ ...input, events }, { scrub: DEFAULT_SCRUB_RULES });
    const replay = text.slice(text.indexOf('## Replay'));
    expect(replay).toContain(`recorded with an earlier event of this issue (\`${older.eventId}\`)`);
    expect(section('Replay')).not.toContain('earlier event');
  });

  it('shows the request body the SDK sent, with secrets in it filtered', () => {
    const request = section('Request');
    expect(request).toContain('Body:');
    expect(request).toContain('"sku":"ABC-1"');
    expect(request).not.toContain(SECRETS.card);
  });

  it("shows the contexts the app set, after the environment, with secrets in them filtered", () => {
    const contexts = section('Contexts');
    expect(contexts).toContain('### order');
    expect(contexts).toContain('"id": 1001');
    expect(contexts).not.toContain(SECRETS.card);
    // Summed up in Environment, or Lookout's own links: not repeated.
    for (const name of ['os', 'runtime', 'trace', 'replay']) expect(contexts).not.toContain(`### ${name}\n`);
    // The app's own context comes before those the SDK adds by itself.
    expect(contexts.indexOf('### order')).toBeLessThan(contexts.indexOf('### app'));
  });

  it('shows local variables of the most recent in-app frames, as the SDK sent them', () => {
    const [featured] = input.events;
    if (!featured) throw new Error('the input has an event');
    const exception = featured.payload.exception?.values?.at(-1);
    const frames = exception?.stacktrace?.frames ?? [];
    const top = frames.at(-1);
    if (!exception || !top) throw new Error('the event has frames');
    // What sentry-python and the Node SDK's local variables integration put on a frame.
    const withVars = { ...top, in_app: true, vars: { cardNumber: SECRETS.card, attempt: 3, cart: { items: 3 } } };
    const payload = { ...featured.payload, exception: { values: [{ ...exception, stacktrace: { frames: [...frames.slice(0, -1), withVars] } }] } };
    const text = renderMarkdown({ ...input, events: [{ ...featured, payload }] }, { scrub: DEFAULT_SCRUB_RULES });
    expect(text).toContain('Local variables:');
    expect(text).toContain('attempt = 3');
    expect(text).toContain('cart = {"items":3}');
    expect(text).not.toContain(SECRETS.card);
  });

  it('starts with the title and one summary line', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Error: Payment failed for card [Filtered]');
    expect(lines[2]).toMatch(/^\*\*12 events\*\* · \*\*1 user\*\* · first seen \d{4}-\d\d-\d\dT[\d:]{8}Z · last seen .+ · release `shop@2\.4\.0` · environment `staging`$/);
  });

  it('says when the issue has an unhandled event, as Sentry badges it', () => {
    expect(md.split('\n')[2]).not.toContain('unhandled');
    const crashed = renderMarkdown({ ...input, issue: { ...input.issue, unhandled: true } }, { scrub: DEFAULT_SCRUB_RULES });
    expect(crashed.split('\n')[2]).toMatch(/ · \*\*unhandled\*\*$/);
  });

  it('lists the last 20 breadcrumbs with times relative to the error, secrets filtered', () => {
    const steps = section('Steps before the error');
    const rows = steps.split('\n').filter((l) => /^\| (?:[-+]?\d|\?)/.test(l));
    expect(rows).toHaveLength(20);
    expect(steps).toContain('The last 20 of 25 breadcrumbs');
    expect(rows.every((r) => /^\| -\d+\.\d\ds \|/.test(r))).toBe(true);
    expect(steps).toMatch(/\| -3\.\d\ds \| http \| fetch \| info \| POST https:\/\/api\.shop\.test\/pay\?token=\[Filtered\]\\&attempt=\d+ → 402 \|/);
    expect(steps).toMatch(/\| -2\.\d\ds \| default \| console \| warning \| login with password=\[Filtered\] \|/);
    expect(steps).not.toContain('<script>');
  });

  it('shows the exception chain with in-app source in fences and library frames folded', () => {
    const exc = md.slice(md.indexOf('\n## Exception\n'), md.indexOf('\n## Environment\n'));
    expect(exc).toContain('**Error** (generic, handled)');
    expect(exc).toContain('### Caused by\n\n**SyntaxError** (chained, handled)');
    expect(exc).toMatch(/`chargeCard` in `[^`]*test-report-input\.ts:\d+:\d+`\n\n```ts\n/);
    // The throwing line is marked, with its neighbours numbered around it.
    const fence = /```ts\n((?:.*\n)*?)```/.exec(exc.slice(exc.indexOf('`chargeCard`')))?.[1] ?? '';
    const marked = fence.split('\n').filter((l) => l.startsWith('>'));
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatch(/^> +\d+ \| +throw new Error\(`Payment failed for card \$\{SECRETS\.card\}`, \{ cause \}\);$/);
    expect(fence.split('\n').filter((l) => /^ +\d+ \| /.test(l)).length).toBeGreaterThanOrEqual(8);
    const details = exc.match(/<details>\n<summary>\d+ library frames?<\/summary>\n\n(?:- .*\n)+\n<\/details>/g) ?? [];
    expect(details.length).toBeGreaterThanOrEqual(2);
    expect(details.join('\n')).toMatch(/node_modules\/@sentry\//);
    expect(exc).not.toMatch(/`[^`]*node_modules[^`]*`\n\n```/);
  });

  it('has an environment table, the request, tags, user, extra, attachments and replay', () => {
    expect(section('Environment')).toMatch(/\| \*\*OS\*\* \| `.+` \|\n\| \*\*Runtime\*\* \| `node v\d+\.\d+\.\d+` \|\n\| \*\*Device\*\* \| `.+` \|\n\| \*\*SDK\*\* \| `sentry\.javascript\.node 11\.\d+\.\d+` \|\n\| \*\*Release\*\* \| `shop@2\.4\.0` \|/);
    const request = section('Request');
    expect(request).toMatch(/`POST https:\/\/shop\.test\/api\/checkout\?attempt=\d+&token=\[Filtered\]`/);
    expect(request).toContain('| `Authorization` | `[Filtered]` |');
    expect(request).toContain('| `user-agent` | `Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0` |');
    expect(section('Tags')).toContain('| `session_id` | `[Filtered]` |');
    expect(section('User')).toContain('| `email` | `jane@shop.test` |');
    expect(section('Additional data')).toContain('"password": "[Filtered]"');
    // A small text attachment is quoted under its name, scrubbed as the rest of the report.
    expect(section('Attachments')).toMatch(/- `checkout\.log` \(text\/plain, \d+ B\)\n\n {2}```text\n {2}POST \/pay\n {2}password=\[Filtered\]\n {2}```\n- `attachment\.jpeg` \(image\/jpeg, 64\.8 KiB, shown in the HTML report\)/);
    expect(section('Replay')).toContain(`Session replay \`${input.replay?.replayId}\`: ${input.replay?.events.length} recorded events`);
  });

  it('marks scrubbed spots for the preview when asked, and only then', () => {
    const marked = renderMarkdown(input, { scrub: DEFAULT_SCRUB_RULES, markScrubbed: true });
    const rules = [...marked.matchAll(SCRUB_MARK_RE)].map((m) => m[1]);
    expect(new Set(rules)).toEqual(new Set(['keys', 'headers', 'creditCards']));
    expect(stripScrubMarks(marked)).toBe(md);
    expect(md).not.toMatch(/[\uE000-\uE002]/);
    expect(renderMarkdown(input, { scrub: null, markScrubbed: true })).not.toMatch(/[\uE000-\uE002]/);
  });

  it('keeps hostile strings inert: no raw HTML tags from event data', () => {
    const raw = renderMarkdown(input, { scrub: null });
    expect(raw).toContain('\\<script\\>alert("pwned")\\</script\\>');
    expect(raw).not.toContain(HOSTILE);
  });

  it('writes terminal-coloured text plain: no escape code reaches the report', () => {
    const [lead, ...rest] = input.events;
    const payload = structuredClone(lead!.payload);
    const crumbs = payload.breadcrumbs as { values: { message?: string }[] };
    crumbs.values.push({ message: '\x1b[32m✓\x1b[39m cart \x1b[1msaved\x1b[22m' });
    payload.exception!.values!.at(-1)!.value = '\x1b[31mPayment failed\x1b[0m for card';
    payload.logentry = { formatted: '\x1b[33mslow checkout\x1b[0m' };
    const coloured = renderMarkdown({ ...input, events: [{ ...lead!, payload }, ...rest] }, { scrub: DEFAULT_SCRUB_RULES });
    expect(coloured).not.toContain('\x1b');
    expect(coloured).toContain('✓ cart saved');
    expect(coloured).toContain('Payment failed for card');
    expect(coloured).toContain('slow checkout');
  });

  it('copes with an issue that has no events', () => {
    const empty = renderMarkdown({ ...input, events: [], attachments: [], replay: null }, { scrub: DEFAULT_SCRUB_RULES });
    expect(empty.startsWith('# Error: Payment failed for card [Filtered]\n')).toBe(true);
    expect(empty).toContain('_No breadcrumbs were recorded._');
    expect(empty).not.toContain('## Exception');
  });
});
