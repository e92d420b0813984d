/**
 * Issue 5 end to end on the server: esbuild bundles run under real @sentry/node, sent to a real
 * in-process Lookout started with `sourceRoots`; then the source window, open in editor with a
 * fake editor, and the refusals of both for paths outside the roots.
 */
import { chmod, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { existsSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, IssueDetail, Settings, SourceWindow } from '../src/shared/api-types';
import type { SentryEvent, SentryFrame } from '../src/shared/sentry';
import { computeGrouping } from '../src/core/grouping';
import { buildApp, FIXTURE_SOURCES, makeProject, throwUnderSentry } from './helpers/node-app';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

let dir: string;
let lookout: TestLookout;
let minified: EventDetail;
let plain: EventDetail;

const frames = (e: SentryEvent): SentryFrame[] => e.exception?.values?.at(-1)?.stacktrace?.frames ?? [];
/** The project's own frames, newest first. */
const projectFrames = (e: SentryEvent): SentryFrame[] => frames(e).filter((f) => String(f.abs_path ?? f.filename).startsWith(`${dir}/`)).reverse();
const appHash = (e: EventDetail): string | null | undefined => e.grouping?.variants.find((v) => v.name === 'app')?.hash;
const sourceLine = (file: string, line: number): string | undefined => FIXTURE_SOURCES[file]?.split('\n')[line - 1];

async function raw(pathAndQuery: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${lookout.url}/_lookout/api/${pathAndQuery}`, init);
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

beforeAll(async () => {
  dir = await makeProject('lookout-symsrv-');
  lookout = await startTestLookout({ sourceRoots: [dir] });
  const plainJs = await buildApp(dir, 'plain', { minify: false });
  const minJs = await buildApp(dir, 'min', { minify: true });
  expect((await readFile(minJs, 'utf8')).split('\n').length).toBeLessThan(5);
  plain = await lookout.api<EventDetail>(`events/${await throwUnderSentry(lookout.dsn, plainJs)}`);
  minified = await lookout.api<EventDetail>(`events/${await throwUnderSentry(lookout.dsn, minJs)}`);
});

afterAll(async () => {
  await lookout.stopAndClean();
  await rm(dir, { recursive: true, force: true });
});

describe('a minified esbuild bundle under real @sentry/node', () => {
  it('is stored with the original file, line, function and context line', () => {
    const top = projectFrames(minified.payload);
    // filename as the map (dist/min/app.js.map) names the source, as Sentry shows it
    expect(top.map((f) => [f.filename, f.lineno, f.function])).toEqual([
      ['../../src/validate.js', 3, 'validate'], ['../../src/cart.js', 18, 'priceOf'], ['../../src/cart.js', 11, 'Cart.total'], ['../../src/main.js', 5, 'checkout'],
    ]);
    for (const f of top) {
      const rel = path.relative(dir, String(f.abs_path));
      expect(f.context_line).toBe(sourceLine(rel, Number(f.lineno)));
      expect(f.abs_path).toBe(path.join(dir, 'dist/min', String(f.filename)));
      expect(f.data?.sourcemap).toBe(path.join(dir, 'dist/min/app.js.map'));
    }
    // the minified frames are kept for the "minified" toggle
    const rawTop = minified.payload.exception?.values?.at(-1)?.raw_stacktrace?.frames?.at(-1);
    expect(rawTop?.filename).toBe(path.join(dir, 'dist/min/app.js'));
    expect(rawTop?.lineno).toBeLessThan(5);
  });

  it('gets the title and grouping of the unminified build, and both land in one issue', async () => {
    expect(minified.title).toBe('Error: negative price for ink');
    expect(minified.title).toBe(plain.title);
    // The app variant decides (both runs have in-app frames); the system variant may also hold
    // Node's own timer frames, which differ between two runs of any code.
    expect(appHash(minified)).toBe(appHash(plain));
    expect(appHash(minified)).toMatch(/^[0-9a-f]{32}$/);
    expect(minified.issueId).toBe(plain.issueId);
    const issue = await lookout.api<IssueDetail>(`issues/${minified.issueId}`);
    expect(issue.count).toBe(2);
    // Control: the frames as the SDK sent them group differently, so the mapping is what matched.
    const sent = structuredClone(minified.payload);
    const exc = sent.exception?.values?.at(-1);
    if (exc?.raw_stacktrace) exc.stacktrace = exc.raw_stacktrace;
    expect(computeGrouping(sent).variants.find((v) => v.name === 'app')?.hash).not.toBe(appHash(minified));
  });
});

describe('GET /source', () => {
  const cart = () => path.join(dir, 'src/cart.js');

  it('answers lines around a frame line, numbered from startLine', async () => {
    const win = await lookout.api<SourceWindow>(`source?event=${minified.eventId}&file=${encodeURIComponent(cart())}&line=11&radius=3`);
    expect(win.file).toBe(cart());
    expect(win.startLine).toBe(8);
    expect(win.lines).toEqual(FIXTURE_SOURCES['src/cart.js']!.split('\n').slice(7, 14));
    expect(win.changedSinceEvent).toBe(false);
    const wide = await lookout.api<SourceWindow>(`source?event=${minified.eventId}&file=${encodeURIComponent(cart())}&line=11&radius=100`);
    expect(wide.startLine).toBe(1);
    expect(wide.lines.join('\n')).toBe(FIXTURE_SOURCES['src/cart.js']!.replace(/\n$/, ''));
  });

  it('says when the file changed after the event, in the window and on the frames', async () => {
    // Touched with the same content: the lines the event carries still match, so nothing changed.
    const later = new Date(minified.received + 60_000);
    await utimes(cart(), later, later);
    const touched = await lookout.api<SourceWindow>(`source?event=${minified.eventId}&file=${encodeURIComponent(cart())}&line=11&radius=1`);
    expect(touched.changedSinceEvent).toBe(false);
    await writeFile(cart(), FIXTURE_SOURCES['src/cart.js']!.split('\n').map((l) => (l.trim() === '' ? l : `${l} // edited`)).join('\n'));
    const win = await lookout.api<SourceWindow>(`source?event=${minified.eventId}&file=${encodeURIComponent(cart())}&line=11&radius=1`);
    expect(win.changedSinceEvent).toBe(true);
    const again = await lookout.api<EventDetail>(`events/${minified.eventId}`);
    const flagged = projectFrames(again.payload).map((f) => [f.filename, f.data?.source_changed_since_event === true]);
    expect(flagged).toEqual([['../../src/validate.js', false], ['../../src/cart.js', true], ['../../src/cart.js', true], ['../../src/main.js', false]]);
  });

  it('refuses paths outside the source roots, traversal included', async () => {
    const event = minified.eventId;
    for (const file of ['/etc/passwd', `${dir}/../../../etc/passwd`, `${dir}/src/../../${path.basename(dir)}-not-there/x.js`, 'src/cart.js']) {
      const res = await raw(`source?event=${event}&file=${encodeURIComponent(file)}&line=1`);
      expect(res.status, file).toBeGreaterThanOrEqual(400);
      expect(res.status, file).toBeLessThan(500);
      expect(String(res.body.error ?? res.body.detail ?? '')).not.toBe('');
    }
    expect((await raw(`source?event=${event}&file=${encodeURIComponent('/etc/passwd')}&line=1`)).status).toBe(403);
  });

  it('does not let an event make a system folder a source root', async () => {
    // Any local web page can send an event; one naming /etc/hosts as an in-app frame must not open /etc.
    const hostile = structuredClone(minified.payload);
    const eventId = 'e7c1d2a3b4c54d6e8f90a1b2c3d4e5f6';
    hostile.event_id = eventId;
    hostile.exception?.values?.at(-1)?.stacktrace?.frames?.push({ filename: '/etc/hosts', abs_path: '/etc/hosts', lineno: 1, in_app: true, function: 'x' });
    const body = [JSON.stringify({ event_id: eventId }), JSON.stringify({ type: 'event' }), JSON.stringify(hostile)].join('\n');
    expect((await post(`${lookout.url}/api/1/envelope/?sentry_key=lookout`, body)).status).toBe(200);
    for (const file of ['/etc/passwd', '/etc/hosts']) {
      expect((await raw(`source?event=${eventId}&file=${encodeURIComponent(file)}&line=1`)).status, file).toBe(403);
    }
  });
});

describe('POST /open with a custom editor command', () => {
  let tools: string;
  let argvFile: string;

  beforeAll(async () => {
    tools = await mkdtemp(path.join(tmpdir(), 'lookout-editor-'));
    argvFile = path.join(tools, 'argv.txt');
    const script = path.join(tools, 'fake-editor');
    await writeFile(script, `#!/bin/sh\nprintf '%s\\n' "$@" > "${argvFile}.tmp" && mv "${argvFile}.tmp" "${argvFile}"\n`);
    await chmod(script, 0o755);
    await lookout.api('settings', { method: 'PUT', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ editor: { id: 'custom', command: `${script} --goto "{file}:{line}:{col}" --from lookout` } }) });
  });
  afterAll(() => rm(tools, { recursive: true, force: true }));

  /** Resolves once the fake editor has written its arguments (it renames the file into place). */
  function editorArgs(): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const done = () => { watcher.close(); clearTimeout(timer); void readFile(argvFile, 'utf8').then((t) => resolve(t.split('\n').slice(0, -1)), reject); };
      const watcher = watch(tools, () => { if (existsSync(argvFile)) done(); });
      const timer = setTimeout(() => { watcher.close(); reject(new Error('the fake editor was not started')); }, 10_000);
      if (existsSync(argvFile)) done();
    });
  }

  it('keeps the template in settings and reports the editor `auto` would pick', async () => {
    const settings = await lookout.api<Settings>('settings');
    expect(settings.editor).toEqual({ id: 'custom', command: expect.stringContaining('{file}:{line}:{col}') as unknown });
    expect(typeof settings.detectedEditor?.id).toBe('string');
  });

  it('starts the editor without a shell, with FILE:LINE:COL filled in', async () => {
    const file = path.join(dir, 'src/validate.js');
    const res = await raw('open', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ file, line: 3, col: 11, eventId: minified.eventId }) });
    expect(res.status).toBe(200);
    expect(await editorArgs()).toEqual(['--goto', `${file}:3:11`, '--from', 'lookout']);
  });

  it('refuses files outside the roots, traversal, and other origins', async () => {
    const post = (body: unknown, headers: Record<string, string> = {}) => raw('open', {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    for (const file of ['/etc/passwd', `${dir}/../../../etc/passwd`, `${dir}/src/../../etc/hosts`]) {
      const res = await post({ file, line: 1, col: 1, eventId: minified.eventId });
      expect(res.status, file).toBeGreaterThanOrEqual(400);
      expect(res.status, file).toBeLessThan(500);
    }
    const foreign = await post({ file: path.join(dir, 'src/cart.js'), line: 1 }, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
  });
});
