import { mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentryEvent } from '../../shared/sentry';
import { readSourceWindow, symbolicateEvent } from './index';
import { bundle, captureCheckoutError, framePath, makeProject, projectFrames } from './test-support';

let dir: string;
let outside: string;
beforeAll(async () => {
  dir = await makeProject('lookout-fail-');
  outside = await realpath(await mkdtemp(path.join(os.tmpdir(), 'lookout-outside-')));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

/** Bundles, lets `damage` break the map or its link, captures, symbolicates. */
async function runWith(name: string, damage: (js: string) => Promise<void>): Promise<{ before: SentryEvent; after: SentryEvent; reasons: string[] }> {
  const js = await bundle(dir, name, { sourcemap: true });
  await damage(js);
  const before = await captureCheckoutError(js);
  const { event: after, notes } = await symbolicateEvent(before, { sourceRoots: [dir] });
  return { before, after, reasons: notes.map((n) => n.reason) };
}

/** The bundle frames are exactly as sent, apart from the reason written into their data. */
function expectUnmapped(before: SentryEvent, after: SentryEvent, reason: RegExp): void {
  const was = projectFrames(before, dir);
  const now = projectFrames(after, dir);
  expect(now.length).toBe(was.length);
  now.forEach((f, i) => {
    const { data, ...rest } = f;
    const { data: _old, ...restBefore } = was[i] ?? {};
    expect(rest).toEqual(restBefore);
    expect(String(data?.sourcemap_error)).toMatch(reason);
  });
}

describe('maps that cannot be used leave frames as sent, with a reason', () => {
  it('a missing map', async () => {
    const { before, after, reasons } = await runWith('missing.js', (js) => rm(`${js}.map`));
    expectUnmapped(before, after, /source map missing\.js\.map: file not found/);
    expect(reasons.length).toBe(4);
  });

  it('a map that is not JSON', async () => {
    const { before, after } = await runWith('notjson.js', (js) => writeFile(`${js}.map`, '{"version":3, "mappings": '));
    expectUnmapped(before, after, /not valid JSON/);
  });

  it('a map whose mappings are corrupt', async () => {
    const { before, after } = await runWith('corrupt.js', async (js) => {
      const map = JSON.parse(await readFile(`${js}.map`, 'utf8')) as Record<string, unknown>;
      await writeFile(`${js}.map`, JSON.stringify({ ...map, mappings: '!!!!,####;@@@' }));
    });
    expectUnmapped(before, after, /could not be parsed/);
  });

  it('a map of another build, with nothing mapped on the frame line', async () => {
    const { before, after } = await runWith('other.js', async (js) => {
      const map = JSON.parse(await readFile(`${js}.map`, 'utf8')) as Record<string, unknown>;
      await writeFile(`${js}.map`, JSON.stringify({ ...map, mappings: ';AAAA' }));
    });
    expectUnmapped(before, after, /no mapping for 1:\d+ .*may not match/);
  });
});

describe('reads stay inside the source roots', () => {
  it('refuses a sourceMappingURL that climbs out with ..', async () => {
    const { before, after } = await runWith('climb.js', async (js) => {
      const code = (await readFile(js, 'utf8')).replace(/sourceMappingURL=.*$/m, 'sourceMappingURL=../../../../../../../../etc/passwd');
      await writeFile(js, code);
    });
    expectUnmapped(before, after, /outside the source roots: \/etc\/passwd/);
  });

  it('refuses a map symlinked to a file outside the root', async () => {
    const real = await bundle(dir, 'real.js', { sourcemap: true });
    await writeFile(path.join(outside, 'secret.map'), await readFile(`${real}.map`, 'utf8'));
    const { before, after } = await runWith('linked.js', async (js) => {
      await rm(`${js}.map`);
      await symlink(path.join(outside, 'secret.map'), `${js}.map`);
    });
    expectUnmapped(before, after, /outside the source roots/);
  });

  it('never reads map sources outside the roots into context lines', async () => {
    await writeFile(path.join(outside, 'secret.js'), 'TOP SECRET\n'.repeat(20));
    const { after } = await runWith('leaky.js', async (js) => {
      const map = JSON.parse(await readFile(`${js}.map`, 'utf8')) as { sources: string[]; sourcesContent?: unknown };
      delete map.sourcesContent;
      map.sources = map.sources.map(() => path.relative(path.join(dir, 'dist'), path.join(outside, 'secret.js')));
      await writeFile(`${js}.map`, JSON.stringify(map));
    });
    const frames = projectFrames(after, dir);
    expect(JSON.stringify(after)).not.toContain('TOP SECRET');
    expect(frames.length).toBe(0); // mapped to the outside path, which is shown but not read
    const mapped = (after.exception?.values?.[0]?.stacktrace?.frames ?? []).filter((f) => framePath(f).includes('secret.js'));
    expect(mapped.length).toBe(4);
    for (const f of mapped) expect(f.context_line).toBeUndefined();
  });

  it('a frame path with ../../etc/passwd gets no context', async () => {
    const event: SentryEvent = {
      exception: { values: [{ type: 'Error', stacktrace: { frames: [
        { filename: '../../etc/passwd', lineno: 1, colno: 1, in_app: true },
        { filename: `${dir}/../../../../etc/passwd`, lineno: 1, colno: 1, in_app: true },
        { filename: 'http://localhost:3000/../../etc/passwd', lineno: 1, colno: 1, in_app: true },
      ] } }] },
    };
    const { event: out, changed } = await symbolicateEvent(event, { sourceRoots: [dir] });
    expect(changed).toBe(false);
    expect(JSON.stringify(out)).not.toContain('root:');
  });

  it('readSourceWindow refuses traversal, symlinks out of the root, binaries and huge files', async () => {
    await writeFile(path.join(outside, 'outside.js'), 'const a = 1;\n');
    await symlink(path.join(outside, 'outside.js'), path.join(dir, 'src/link.js'));
    const opts = { sourceRoots: [dir] };
    expect(await readSourceWindow(path.join(dir, '../../etc/passwd'), 1, 5, opts)).toEqual({ error: expect.stringContaining('outside the source roots') });
    expect(await readSourceWindow(path.join(dir, 'src/link.js'), 1, 5, opts)).toEqual({ error: expect.stringContaining('outside the source roots') });
    expect(await readSourceWindow('/etc/passwd', 1, 5, { sourceRoots: [dir], frameFiles: ['/etc/passwd'] })).toEqual({ error: expect.stringContaining('outside') });
    await writeFile(path.join(dir, 'src/blob.js'), Buffer.from([0x63, 0x6f, 0x00, 0x01, 0x02]));
    expect(await readSourceWindow(path.join(dir, 'src/blob.js'), 1, 5, opts)).toEqual({ error: expect.stringContaining('binary') });
    await writeFile(path.join(dir, 'src/huge.js'), 'x = 1;\n'.repeat(1_600_000));
    expect(await readSourceWindow(path.join(dir, 'src/huge.js'), 1, 5, opts)).toEqual({ error: expect.stringContaining('too large') });
  });
});
