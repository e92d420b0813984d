import { mkdirSync, mkdtempSync, utimesSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newestMtime, planWebBuild, staleReason, WEB_TARGETS } from '../../scripts/web-build-state.mjs';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const T0 = new Date('2025-01-01T00:00:00Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

/** Writes `files` (relative path → minutes after T0) under a fresh root. */
function tree(files: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), 'lookout-web-build-'));
  made.push(root);
  for (const [file, minutes] of Object.entries(files)) {
    const path = join(root, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file);
    utimesSync(path, at(minutes), at(minutes));
  }
  return root;
}

describe('newestMtime', () => {
  it('finds the newest file anywhere in the tree', () => {
    const root = tree({ 'src/a.ts': 1, 'src/deep/er/b.ts': 7, 'src/c.ts': 3 });
    expect(newestMtime([join(root, 'src')])).toBe(at(7).getTime());
  });

  it('ignores node_modules and dot-folders, and paths that do not exist', () => {
    const root = tree({ 'src/a.ts': 1, 'src/node_modules/x.js': 50, 'src/.cache/y': 60 });
    expect(newestMtime([join(root, 'src'), join(root, 'missing')])).toBe(at(1).getTime());
    expect(newestMtime([join(root, 'missing')])).toBe(0);
  });
});

describe('staleReason', () => {
  it('builds missing outputs and outputs older than a source', () => {
    expect(staleReason(null, 0)).toBe('missing');
    expect(staleReason(at(1).getTime(), at(2).getTime())).toMatch(/older/);
    expect(staleReason(at(2).getTime(), at(2).getTime())).toBeNull();
    expect(staleReason(at(3).getTime(), at(2).getTime())).toBeNull();
  });
});

describe('planWebBuild', () => {
  const built = { 'out/renderer/index.html': 10, 'out/cli/index.js': 10 };

  it('plans both builds on a fresh checkout', () => {
    const root = tree({ 'src/core/app.ts': 1, 'vite.web.config.ts': 1, 'vite.cli.config.ts': 1 });
    expect(planWebBuild(root).map((t) => [t.name, t.reason])).toEqual(WEB_TARGETS.map((t) => [t.name, 'missing']));
  });

  it('plans nothing when outputs are newer than every source', () => {
    const root = tree({ 'src/core/app.ts': 1, 'src/renderer/x.tsx': 2, 'vite.web.config.ts': 1, 'vite.cli.config.ts': 1, ...built });
    expect(planWebBuild(root)).toEqual([]);
  });

  it('rebuilds both after a source edit, and only the affected one after a config edit', () => {
    const edited = tree({ 'src/renderer/x.tsx': 11, 'vite.web.config.ts': 1, 'vite.cli.config.ts': 1, ...built });
    expect(planWebBuild(edited).map((t) => t.name).sort()).toEqual(['cli', 'renderer']);
    const config = tree({ 'src/renderer/x.tsx': 1, 'vite.web.config.ts': 12, 'vite.cli.config.ts': 1, ...built });
    expect(planWebBuild(config).map((t) => t.name)).toEqual(['renderer']);
  });
});
