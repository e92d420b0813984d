import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SentryEvent } from '../../shared/sentry';
import { isInside } from './safe-read';
import { probeSync } from './file-probe';
import { asFrame, exceptionsOf, framesOf, frameRef } from './frames';

const MAX_PATHS_CHECKED = 200;
const MAX_WALK_UP = 40;

function localPath(ref: string): string | null {
  if (ref.startsWith('file:')) {
    try {
      return fileURLToPath(ref);
    } catch {
      return null;
    }
  }
  return path.isAbsolute(ref) ? path.resolve(ref) : null;
}

/** The absolute local paths named by the event's frames (the "exact paths" that may be read). */
export function frameFiles(event: SentryEvent): string[] {
  const out = new Set<string>();
  for (const { exception } of exceptionsOf(event)) {
    for (const raw of framesOf(exception) ?? []) {
      const frame = asFrame(raw);
      const ref = frame ? frameRef(frame) : undefined;
      const p = ref ? localPath(ref) : null;
      if (p) out.add(p);
    }
  }
  return [...out];
}

function isFile(p: string, reuse: boolean): boolean {
  return probeSync(p, reuse) === 'file';
}

/** Nearest ancestor holding package.json, else nearest holding .git, else the file's folder. */
function projectRootOf(file: string, reuse: boolean): string {
  const exists = (p: string): boolean => probeSync(p, reuse) !== 'missing';
  let dir = path.dirname(file);
  let gitRoot: string | null = null;
  for (let i = 0; i < MAX_WALK_UP; i++) {
    if (exists(path.join(dir, 'package.json'))) return dir;
    if (gitRoot === null && exists(path.join(dir, '.git'))) gitRoot = dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return gitRoot ?? path.dirname(file);
}

/**
 * Guesses the project folders from in-app frames whose files exist on this machine: each such
 * file contributes its project root. Roots nested in another root are dropped.
 */
export function detectSourceRoots(event: SentryEvent, opts: { reuseProbes?: boolean } = {}): string[] {
  const reuse = opts.reuseProbes === true;
  const roots = new Set<string>();
  let checked = 0;
  for (const { exception } of exceptionsOf(event)) {
    for (const raw of framesOf(exception) ?? []) {
      const frame = asFrame(raw);
      if (!frame || frame.in_app === false) continue;
      const ref = frameRef(frame);
      const file = ref ? localPath(ref) : null;
      if (!file || file.split(path.sep).includes('node_modules')) continue;
      if (++checked > MAX_PATHS_CHECKED) break;
      if (isFile(file, reuse)) roots.add(projectRootOf(file, reuse));
    }
  }
  const list = [...roots].sort((a, b) => a.length - b.length);
  return list.filter((r, i) => !list.slice(0, i).some((outer) => isInside(r, outer)));
}
