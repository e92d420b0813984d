// Staleness logic for ensure-web-build.mjs, kept free of side effects so it can be unit-tested.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the headless server needs built: each output file, the config that builds it, and the
 * sources it depends on (a change anywhere under src/ rebuilds, as does a change to the config).
 */
export const WEB_TARGETS = [
  { name: 'renderer', output: 'out/renderer/index.html', config: 'vite.web.config.ts', inputs: ['src', 'vite.web.config.ts'] },
  { name: 'cli', output: 'out/cli/index.js', config: 'vite.cli.config.ts', inputs: ['src', 'vite.cli.config.ts'] },
];

/**
 * Newest modification time (ms) of the given files or directory trees, or 0 when none exist.
 * Walks iteratively; skips node_modules and dot-folders, which are never build inputs.
 * @param {string[]} paths
 */
export function newestMtime(paths) {
  let newest = 0;
  const pending = paths.filter((p) => existsSync(p));
  while (pending.length > 0) {
    const path = /** @type {string} */ (pending.pop());
    const stat = statSync(path);
    if (!stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs);
      continue;
    }
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.isDirectory() && (entry.name === 'node_modules' || entry.name.startsWith('.'))) continue;
      pending.push(join(path, entry.name));
    }
  }
  return newest;
}

/**
 * Why `output` must be rebuilt, or null when it is newer than every input.
 * @param {number | null} outputMtime null when the output does not exist
 * @param {number} newestInputMtime
 */
export function staleReason(outputMtime, newestInputMtime) {
  if (outputMtime === null) return 'missing';
  if (outputMtime < newestInputMtime) return 'older than its sources';
  return null;
}

/**
 * The targets under `root` that need a build, each with the reason.
 * @param {string} root
 * @param {typeof WEB_TARGETS} [targets]
 */
export function planWebBuild(root, targets = WEB_TARGETS) {
  const plan = [];
  for (const target of targets) {
    const output = join(root, target.output);
    const outputMtime = existsSync(output) ? statSync(output).mtimeMs : null;
    const reason = staleReason(outputMtime, newestMtime(target.inputs.map((input) => join(root, input))));
    if (reason !== null) plan.push({ ...target, reason });
  }
  return plan;
}
