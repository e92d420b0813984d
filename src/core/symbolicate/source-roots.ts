import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SentryEvent } from '../../shared/sentry';
import { isInside } from './safe-read';
import { probeSync } from './file-probe';
import { asFrame, exceptionsOf, framesOf, frameRef } from './frames';

const MAX_PATHS_CHECKED = 200;
const MAX_WALK_UP = 40;

const MAX_REMEMBERED_REFS = 10_000;

interface LocalFile { path: string; vendored: boolean }
const localFiles = new Map<string, LocalFile | null>();

function resolveLocalFile(ref: string): LocalFile | null {
  let p: string | null;
  if (ref.startsWith('file:')) {
    try {
      p = fileURLToPath(ref);
    } catch {
      p = null;
    }
  } else {
    p = path.isAbsolute(ref) ? path.resolve(ref) : null;
  }
  return p === null ? null : { path: p, vendored: p.split(path.sep).includes('node_modules') };
}

/**
 * The local file a frame names, if it names one by absolute path or file URL. Remembered: an
 * app sends the same frames thousands of times a second, and resolving them was a tenth of the
 * prepare worker's time on 40-frame Node errors.
 */
function localFile(ref: string): LocalFile | null {
  let file = localFiles.get(ref);
  if (file !== undefined) return file;
  file = resolveLocalFile(ref);
  if (localFiles.size >= MAX_REMEMBERED_REFS) localFiles.clear();
  localFiles.set(ref, file);
  return file;
}

/** The absolute local paths named by the event's frames (the "exact paths" that may be read). */
export function frameFiles(event: SentryEvent): string[] {
  const out = new Set<string>();
  for (const { exception } of exceptionsOf(event)) {
    for (const raw of framesOf(exception) ?? []) {
      const frame = asFrame(raw);
      const ref = frame ? frameRef(frame) : undefined;
      const file = ref ? localFile(ref) : null;
      if (file) out.add(file.path);
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
      const file = ref ? localFile(ref) : null;
      if (!file || file.vendored) continue;
      if (++checked > MAX_PATHS_CHECKED) break;
      if (isFile(file.path, reuse)) roots.add(projectRootOf(file.path, reuse));
    }
  }
  const list = [...roots].sort((a, b) => a.length - b.length);
  return list.filter((r, i) => !list.slice(0, i).some((outer) => isInside(r, outer)));
}
