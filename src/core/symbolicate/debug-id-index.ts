import type { Dirent } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_MAP_BYTES } from './safe-read';
import { normalizeDebugId } from './map-cache';

const MAX_ENTRIES = 20_000;
const MAX_DEPTH = 12;
const MAX_MEMO = 50_000;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
const MAP_KEY = /"debug_?id"\s*:\s*"([0-9a-f-]{32,40})"/i;
const JS_COMMENT = /\/\/[#@] ?debugId=([0-9a-f-]{32,40})/i;
/**
 * The id the Sentry bundler plugins' snippet registers at the top of a chunk
 * (`_sentryDebugIds[stack]="<uuid>"`): some set-ups leave only it in the served file and write
 * the `//# debugId=` comment into the uploaded copy.
 */
export const JS_SNIPPET = /_sentryDebugIds\[[^\]]{1,40}\]\s*=\s*["']([0-9a-f-]{32,40})["']/i;
/** How far into a generated file the snippet is looked for: bundlers put it first, as a banner. */
export const SNIPPET_HEAD_CHARS = 4096;

export interface DebugIdFiles {
  maps: string[];
  generated: string[];
}

/** Debug id per file, remembered by mtime and size so rescans only read changed files. */
const memo = new Map<string, { stamp: string; id: string | null }>();

async function readEdges(file: string, size: number, bytes: number, head: boolean): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const tailLen = Math.min(size, bytes);
    const tail = Buffer.alloc(tailLen);
    await handle.read(tail, 0, tailLen, size - tailLen);
    if (!head || size <= bytes) return tail.toString('utf8');
    const first = Buffer.alloc(bytes);
    await handle.read(first, 0, bytes, 0);
    return `${first.toString('utf8')}\n${tail.toString('utf8')}`;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function readHead(file: string, size: number, bytes: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, bytes));
    await handle.read(head, 0, head.length, 0);
    return head.toString('utf8');
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * The debug id a `.map` (its `debugId`/`debug_id` key) or generated `.js` (a trailing
 * `//# debugId=` comment, else the plugins' snippet at its top) carries. Tools write the key first or last, so only the edges are read.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/debugmeta/
 */
async function debugIdOf(file: string, kind: 'map' | 'js'): Promise<string | null> {
  let s;
  try {
    s = await stat(file);
  } catch {
    return null;
  }
  if (!s.isFile() || s.size > MAX_MAP_BYTES) return null;
  const stamp = `${s.mtimeMs}:${s.size}`;
  const known = memo.get(file);
  if (known && known.stamp === stamp) return known.id;
  let id: string | null = null;
  try {
    if (kind === 'map') id = normalizeDebugId(MAP_KEY.exec(await readEdges(file, s.size, 4096, true))?.[1]);
    else {
      id = normalizeDebugId(JS_COMMENT.exec(await readEdges(file, s.size, 1024, false))?.[1]);
      if (!id) id = normalizeDebugId(JS_SNIPPET.exec(await readHead(file, s.size, SNIPPET_HEAD_CHARS))?.[1]);
    }
  } catch {}
  if (memo.size >= MAX_MEMO) memo.clear();
  memo.set(file, { stamp, id });
  return id;
}

function kindOf(name: string): 'map' | 'js' | null {
  if (name.endsWith('.map')) return 'map';
  return /\.[cm]?js$/.test(name) ? 'js' : null;
}

/** Walks the roots (no symlinks, no node_modules, bounded) and indexes files by debug id. */
export async function scanDebugIds(roots: readonly string[]): Promise<Map<string, DebugIdFiles>> {
  const index = new Map<string, DebugIdFiles>();
  const queue: { dir: string; depth: number }[] = roots.filter((r) => path.isAbsolute(r)).map((dir) => ({ dir, depth: 0 }));
  let seen = 0;
  while (queue.length > 0 && seen < MAX_ENTRIES) {
    const next = queue.shift();
    if (!next) break;
    let entries: Dirent[];
    try {
      entries = await readdir(next.dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (++seen > MAX_ENTRIES) break;
      const full = path.join(next.dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && next.depth < MAX_DEPTH) queue.push({ dir: full, depth: next.depth + 1 });
        continue;
      }
      const kind = entry.isFile() ? kindOf(entry.name) : null;
      const id = kind ? await debugIdOf(full, kind) : null;
      if (!kind || !id) continue;
      const files = index.get(id) ?? { maps: [], generated: [] };
      (kind === 'map' ? files.maps : files.generated).push(full);
      index.set(id, files);
    }
  }
  return index;
}

/**
 * The indexed files that still carry `debugId`: a file rebuilt since the scan (another mtime or
 * size) is read again, so a bundle rebuilt under the same name never answers for its old id.
 * Null when none does.
 */
async function stillCarrying(files: DebugIdFiles, debugId: string): Promise<DebugIdFiles | null> {
  const keep = async (list: string[], kind: 'map' | 'js') => {
    const out: string[] = [];
    for (const file of list) if ((await debugIdOf(file, kind)) === debugId) out.push(file);
    return out;
  };
  const maps = await keep(files.maps, 'map');
  const generated = await keep(files.generated, 'js');
  return maps.length + generated.length > 0 ? { maps, generated } : null;
}

/** One symbolication run's use of the index: whether it rescanned, and the ids it checked against the disk. */
export interface DebugScanSession {
  rescanned: boolean;
  checked?: Map<string, DebugIdFiles>;
}

/** Events with unknown debug ids must not walk the disk on every ingest. */
const MIN_RESCAN_INTERVAL_MS = 2000;
let lastIndex: { key: string; index: Map<string, DebugIdFiles>; at: number } | null = null;

/**
 * Looks a debug id up, reusing the last index; on a miss the roots are rescanned (at most once
 * per `session`, i.e. one symbolication run, and once per 2 s unless indexed files changed), so
 * maps built after the event are found. Cached files are checked against the disk once per run
 * (see `stillCarrying`); `staleHit` says the caller found they did not hold the id any more.
 */
export async function filesForDebugId(
  debugId: string,
  roots: readonly string[],
  session: DebugScanSession,
  staleHit = false,
): Promise<DebugIdFiles | null> {
  const key = JSON.stringify(roots);
  const cached = lastIndex?.key === key ? lastIndex.index.get(debugId) : undefined;
  // Checked once per run: an event's frames share their few debug ids.
  const seen = staleHit ? undefined : session.checked?.get(debugId);
  if (seen) return seen;
  const current = cached && !staleHit ? await stillCarrying(cached, debugId) : null;
  if (current) {
    (session.checked ??= new Map()).set(debugId, current);
    return current;
  }
  // Files that changed under the index are news of a build: worth a rescan now, not in 2 s.
  const rebuilt = cached !== undefined;
  if (lastIndex?.key === key && (session.rescanned || (!rebuilt && Date.now() - lastIndex.at < MIN_RESCAN_INTERVAL_MS))) return null;
  session.rescanned = true;
  lastIndex = { key, index: await scanDebugIds(roots), at: Date.now() };
  return lastIndex.index.get(debugId) ?? null;
}
