#!/usr/bin/env node
// Used by `npm run serve`, `test:e2e` and `bench`: builds out/renderer and out/cli only when they
// are missing or older than the sources, so repeated runs start instantly.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planWebBuild } from './web-build-state.mjs';
import { withDirLock } from './dir-lock.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// vite's exports map hides bin/, so locate it from its package.json.
const viteBin = join(dirname(createRequire(join(root, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
// Test files build in parallel (vitest runs several at once): one builds, the others wait and
// then find the outputs fresh, instead of emptying out/cli under a running Lookout.
mkdirSync(join(root, 'out'), { recursive: true });
withDirLock(join(root, 'out', '.web-build-lock'), () => {
  const plan = planWebBuild(root);
  // Progress goes to stderr: `npm run serve` must keep Lookout's ready line first on stdout.
  if (plan.length === 0) console.error('[web-build] out/renderer and out/cli are up to date');
  for (const target of plan) {
    console.error(`[web-build] building ${target.name} (${target.output} ${target.reason}): vite build --config ${target.config}`);
    const result = spawnSync(process.execPath, [viteBin, 'build', '--config', target.config], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
    if (result.status !== 0) {
      console.error(`[web-build] building ${target.name} failed`);
      process.exitCode = result.status ?? 1;
      return;
    }
  }
}, { onWait: () => console.error('[web-build] another build is running; waiting for it') });
