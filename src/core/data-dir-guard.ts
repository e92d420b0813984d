import { accessSync, constants, mkdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Another Lookout serves this data dir: two writers would fight over server.json and the store. */
export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly pid: number, readonly url: string) {
    super(`Another Lookout (pid ${pid}, ${url}) is using the data dir ${dataDir}. Stop it first, or start this one with another data dir.`);
  }
}

/** The data dir cannot be created or written (a read-only disk, a file in its place, no permission). */
export class DataDirNotWritableError extends Error {
  constructor(readonly dataDir: string, reason: string, sentence?: string) {
    super(sentence ?? `The data dir ${dataDir} is not writable (${reason}). Choose another one, or fix its permissions.`);
  }
}

/**
 * The file standing where the data dir (or one of its parent folders) should be, if any: mkdir
 * says only EEXIST or ENOTDIR then, which reads as a permissions problem.
 */
function fileInTheWay(dataDir: string): string | null {
  for (let path = dataDir; ; path = dirname(path)) {
    try { return statSync(path).isDirectory() ? null : path; } catch { /* not there: look at its parent */ }
    if (dirname(path) === path) return null;
  }
}

function sameDir(a: string, b: string): boolean {
  try { return realpathSync(a) === realpathSync(b); } catch { return a === b; }
}

/**
 * Creates the data dir and refuses one that is not writable, or that a live Lookout serves
 * ({@link lookoutServing}).
 */
export async function claimDataDir(dataDir: string): Promise<void> {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    const file = code === 'EEXIST' || code === 'ENOTDIR' ? fileInTheWay(dataDir) : null;
    throw new DataDirNotWritableError(dataDir, code, file === null ? undefined
      : `The data dir ${dataDir} cannot be used: ${file} is a file, not a folder. Pass a folder with --data-dir (Lookout creates it if missing).`);
  }
  const serving = await lookoutServing(dataDir);
  if (serving) throw new DataDirInUseError(dataDir, serving.pid, serving.url);
}

/**
 * The Lookout (another process) serving `dataDir` now, from its server.json, or null. A file
 * left by a crash names a dead pid, or one since reused by another program: only a Lookout
 * answering at its URL for this same dir counts. `ephemeralPort`: it was started with `--port 0`.
 */
export async function lookoutServing(dataDir: string): Promise<{ pid: number; url: string; ephemeralPort: boolean } | null> {
  let info: { pid?: unknown; url?: unknown; ephemeralPort?: unknown };
  try { info = JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')) as typeof info; } catch { return null; }
  if (typeof info.pid !== 'number' || typeof info.url !== 'string' || info.pid === process.pid) return null;
  try { process.kill(info.pid, 0); } catch { return null; }
  return (await lookoutServes(info.url, dataDir)) ? { pid: info.pid, url: info.url, ephemeralPort: info.ephemeralPort === true } : null;
}

/**
 * Whether a Lookout answers at `url` for `dataDir`: its health says so, or it is a Lookout that
 * wants its token (bound beyond loopback; its 401 names itself). Anything else there (another
 * program on a reused port, nothing at all) is not.
 */
async function lookoutServes(url: string, dataDir: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/_lookout/api/health`, { signal: AbortSignal.timeout(2000) });
    const body = await res.text();
    if (res.status === 401) return /this Lookout listens beyond loopback/.test(body);
    if (!res.ok) return false;
    const health = JSON.parse(body) as { dataDir?: unknown };
    return typeof health.dataDir === 'string' && sameDir(health.dataDir, dataDir);
  } catch {
    return false;
  }
}
