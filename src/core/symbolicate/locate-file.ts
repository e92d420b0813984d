import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAllowed, type ReadScope } from './safe-read';
import { probe } from './file-probe';

/** Where dev servers and builds put served files, relative to a project root. */
const SERVED_DIRS = ['', 'dist', 'build', 'out', 'public', 'static', '.output/public', 'dist/client', 'build/client'];
const MAX_REF_LENGTH = 4096;

function stripQueryAndHash(p: string): string {
  const q = p.search(/[?#]/);
  return q === -1 ? p : p.slice(0, q);
}

function safeDecode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

/** Splits a relative reference into clean segments; `.` is dropped, `..` makes it unusable. */
function relativeSegments(p: string): string[] | null {
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  return parts.includes('..') ? null : parts;
}

function underRoots(rel: string, roots: readonly string[], dirs: readonly string[]): string[] {
  const segs = relativeSegments(rel);
  if (segs === null || segs.length === 0) return [];
  const out: string[] = [];
  for (const root of roots) for (const dir of dirs) out.push(path.join(root, dir, ...segs));
  return out;
}

/**
 * Turns a frame's `abs_path`/`filename` (a path or a URL) into local candidate paths, most
 * likely first. Pure: nothing here touches the disk.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
 */
export function candidatePaths(ref: string, roots: readonly string[]): string[] {
  if (typeof ref !== 'string' || ref === '' || ref.length > MAX_REF_LENGTH || ref.includes('\0')) return [];
  if (ref.startsWith('file:')) {
    try {
      return [fileURLToPath(ref)];
    } catch {
      return [];
    }
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(ref);
  if (!scheme) {
    if (path.isAbsolute(ref)) return [path.resolve(ref)];
    if (/^[a-z]+:/i.test(ref) || ref.startsWith('<') || ref === '[native code]') return []; // node:, native
    return underRoots(stripQueryAndHash(ref), roots, ['']);
  }
  const kind = (scheme[1] ?? '').toLowerCase();
  const rest = safeDecode(stripQueryAndHash(ref.slice(scheme[0].length)));
  if (kind === 'webpack' || kind === 'webpack-internal') {
    // webpack://<namespace>/./src/x.js — the namespace is the first segment unless it is empty or `.`
    const slash = rest.indexOf('/');
    const afterNamespace = slash === -1 ? rest : rest.slice(slash + 1);
    const firstIsNamespace = rest !== '' && !rest.startsWith('/') && !rest.startsWith('.');
    const stripped = firstIsNamespace ? underRoots(afterNamespace, roots, ['']) : [];
    return [...stripped, ...underRoots(rest, roots, [''])];
  }
  if (kind === 'app') {
    const absolute = rest.startsWith('/') && relativeSegments(rest) !== null ? [path.resolve(rest)] : [];
    return [...absolute, ...underRoots(rest, roots, ['', 'dist', 'build', 'out'])];
  }
  if (kind === 'http' || kind === 'https') {
    const slash = rest.indexOf('/');
    const pathname = slash === -1 ? '' : rest.slice(slash);
    if (pathname.startsWith('/@fs/')) return [pathname.slice('/@fs'.length)]; // Vite serves files outside the root this way
    return underRoots(pathname, roots, SERVED_DIRS);
  }
  return [];
}

/**
 * Finds the local file for a frame reference: the first candidate that exists, is a regular
 * file, and may be read under `scope`.
 */
export async function locateFile(ref: unknown, scope: ReadScope): Promise<string | null> {
  if (typeof ref !== 'string') return null;
  for (const candidate of candidatePaths(ref, scope.roots)) {
    if ((await probe(candidate, scope.reuseProbes)) !== 'file') continue;
    if ((await checkAllowed(candidate, scope)).ok) return path.resolve(candidate);
  }
  return null;
}
