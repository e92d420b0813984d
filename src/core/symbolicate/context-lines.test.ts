import { mkdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { readSourceWindow, symbolicateEvent } from './index';
import { clipLine, MAX_LINE_CHARS } from './context-lines';
import { withDetectedRoots } from './project-roots';
import { captureCheckoutError, FIXTURE_SOURCES, framesOfEvent, makeProject, projectFrames } from './test-support';

let dir: string;
let event: SentryEvent;
beforeAll(async () => {
  dir = await makeProject('lookout-context-');
  event = await captureCheckoutError(path.join(dir, 'src/main.js'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The fixture's lines (its final newline ends the last line). */
const cartLines = (): string[] => (FIXTURE_SOURCES['src/cart.js'] ?? '').split('\n').slice(0, -1);

describe('context lines from local files', () => {
  it('fills context for frames the SDK sent without it (browser-style localhost URLs)', async () => {
    const stripped = structuredClone(event);
    for (const f of framesOfEvent(stripped)) {
      const file = String(f.filename);
      if (file.startsWith(dir)) f.filename = `http://localhost:5173${file.slice(dir.length)}?t=1`;
      delete f.context_line;
      delete f.pre_context;
      delete f.post_context;
    }
    const { event: out, changed } = await symbolicateEvent(stripped, { sourceRoots: [dir] });
    expect(changed).toBe(true);
    const filled = framesOfEvent(out).filter((f) => String(f.filename).startsWith('http://localhost'));
    const original = projectFrames(event, dir).reverse();
    expect(filled.length).toBe(original.length);
    filled.forEach((f, i) => {
      expect([f.pre_context, f.context_line, f.post_context]).toEqual([original[i]?.pre_context, original[i]?.context_line, original[i]?.post_context]);
    });
  });

  it('readSourceWindow returns ±radius lines, clipped at the file edges', async () => {
    const file = path.join(dir, 'src/cart.js');
    expect(await readSourceWindow(file, 11, 5, { sourceRoots: [dir] })).toEqual({
      file,
      startLine: 6,
      lines: cartLines().slice(5, 16),
      changedSinceEvent: false,
    });
    const top = await readSourceWindow(file, 2, 5, { sourceRoots: [dir] });
    expect(top).toMatchObject({ startLine: 1, lines: cartLines().slice(0, 7) });
    const all = await readSourceWindow(file, 11, 10_000, { sourceRoots: [dir] });
    expect(all).toMatchObject({ startLine: 1, lines: cartLines() });
    expect(await readSourceWindow(file, 999, 5, { sourceRoots: [dir] })).toEqual({ error: expect.stringContaining('past the end') });
    expect(await readSourceWindow(file, 0, 5, { sourceRoots: [dir] })).toEqual({ error: expect.stringContaining('positive') });
  });

  it('says when the file changed after the event', async () => {
    const file = path.join(dir, 'src/cart.js');
    const eventTimeMs = (event.timestamp ?? 0) * 1000;
    expect(await readSourceWindow(file, 11, 1, { sourceRoots: [dir], eventTimeMs })).toMatchObject({ changedSinceEvent: false });
    const later = new Date(eventTimeMs + 60_000);
    await writeFile(file, FIXTURE_SOURCES['src/cart.js'] ?? '');
    await utimes(file, later, later);
    expect(await readSourceWindow(file, 11, 1, { sourceRoots: [dir], eventTimeMs })).toMatchObject({ changedSinceEvent: true });
  });

  it('reads exact frame paths outside the roots only when they look like source', async () => {
    const file = path.join(dir, 'src/cart.js');
    expect(await readSourceWindow(file, 1, 0, { sourceRoots: [], frameFiles: [file] })).toMatchObject({ lines: [cartLines()[0]] });
    expect(await readSourceWindow(file, 1, 0, { sourceRoots: [] })).toEqual({ error: expect.stringContaining('outside the source roots') });
    await writeFile(path.join(dir, '.env'), 'TOKEN=secret\n');
    const env = path.join(dir, '.env');
    expect(await readSourceWindow(env, 1, 0, { sourceRoots: [], frameFiles: [env] })).toEqual({ error: expect.stringContaining('not a source file') });
  });

  it('never reads secrets a frame names inside a project, detected or configured (.env, keys, links to them)', async () => {
    await writeFile(path.join(dir, '.env'), 'DB_PASSWORD=hunter2\n');
    await writeFile(path.join(dir, '.env.local'), 'TOKEN=secret\n');
    await mkdir(path.join(dir, 'keys'), { recursive: true });
    await writeFile(path.join(dir, 'keys/id_ed25519'), '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----\n');
    await symlink(path.join(dir, '.env'), path.join(dir, 'src/settings.js')).catch(() => undefined);
    await mkdir(path.join(dir, 'bin'), { recursive: true });
    await writeFile(path.join(dir, 'bin/www'), '#!/usr/bin/env node\nrequire("../src/main.js");\n');
    await writeFile(path.join(dir, 'src/notes.txt'), 'see below\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n');
    const secrets = ['.env', '.env.local', 'keys/id_ed25519', 'src/settings.js', 'src/notes.txt'].map((f) => path.join(dir, f));
    const www = path.join(dir, 'bin/www');
    const frames = [...secrets, www].map((abs_path) => ({ abs_path, filename: abs_path, lineno: 1, in_app: true, function: 'f' }));
    const sent: SentryEvent = { exception: { values: [{ type: 'Error', value: 'x', stacktrace: { frames } }] } };
    // As the ingest does it: the project folder of the event's in-app frames becomes a root.
    const detected = withDetectedRoots([], sent);
    expect(detected).toEqual([dir]);
    for (const sourceRoots of [detected, [dir]]) {
      const { event: out } = await symbolicateEvent(structuredClone(sent), { sourceRoots });
      const byPath = new Map(framesOfEvent(out).map((f) => [f.abs_path, f.context_line]));
      expect(secrets.map((f) => byPath.get(f))).toEqual([undefined, undefined, undefined, undefined, undefined]);
      expect(byPath.get(www)).toBe('#!/usr/bin/env node');
      for (const file of secrets) {
        expect(await readSourceWindow(file, 1, 0, { sourceRoots: [dir], frameFiles: [file] })).toEqual({ error: expect.stringContaining('not a source file') });
      }
    }
  });

  it('reads every kind of source inside a root, whatever its name: Rakefile, config.ru, templates, bundles', async () => {
    const files: Record<string, string> = { Rakefile: 'task :default\n', 'config.ru': 'run App\n', 'views/cart.haml': '%p= total\n',
      'android/index.android.bundle': 'var a=1;\n' };
    for (const [rel, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), text);
      expect(await readSourceWindow(path.join(dir, rel), 1, 0, { sourceRoots: [dir] })).toMatchObject({ lines: [text.trimEnd()] });
    }
  });

  it('cuts a minified line around the frame column, where the throw is, as Sentry trims it', async () => {
    const before = `var a=${'1+'.repeat(15_000)}1;`;
    const line = `${before}throw new TypeError("tiny-fmt: bad price");${'var b=2;'.repeat(500)}`;
    const file = path.join(dir, 'dist/min.js');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${line}\n`);
    const colno = before.length + 1;
    const frames = [{ abs_path: file, filename: file, lineno: 1, colno, in_app: true, function: 'cs' }];
    const { event: out } = await symbolicateEvent({ exception: { values: [{ type: 'TypeError', value: 'x', stacktrace: { frames } }] } }, { sourceRoots: [dir] });
    const context = String(framesOfEvent(out)[0]?.context_line);
    expect(context).toContain('throw new TypeError("tiny-fmt: bad price")');
    expect(context.startsWith('…') && context.endsWith('…')).toBe(true);
    expect(context.length).toBe(MAX_LINE_CHARS + 2);
    expect(clipLine(line)).toBe(`${line.slice(0, MAX_LINE_CHARS)}…`);
    expect(clipLine(line, line.length)).toBe(`…${line.slice(-MAX_LINE_CHARS)}`);
    expect(clipLine('short', 400)).toBe('short');
  });
});
