import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { detectSourceRoots } from '../symbolicate';
import { probeSync } from '../symbolicate/file-probe';
import type { DB } from '../store/db';
import { readProjectSettings } from '../store/project-repo';
import { settingsStore } from './settings';
import { cacheVersion } from '../store/cache-versions';

/** Where local files for an event may be read: the folders that apply to its project and frames. */
export type SourceRootsFor = (projectId: number | null, event: SentryEvent | null, opts?: { reuseProbes?: boolean }) => string[];

const MAX_ROOTS = 200;
/** Files that mark a folder as a project; detected roots without one are not trusted as roots. */
const PROJECT_MARKERS = ['package.json', '.git', 'pyproject.toml', 'Cargo.toml', 'go.mod', 'composer.json', 'Gemfile'];

/**
 * A folder detected from event data (which any local page can send) becomes a root only when it
 * looks like a project: a frame naming /etc/hosts must not make /etc readable. The frame's own
 * file stays readable as an exact frame path either way.
 */
function looksLikeProject(dir: string, reuse: boolean): boolean {
  return PROJECT_MARKERS.some((m) => probeSync(path.join(dir, m), reuse) !== 'missing');
}

/**
 * Source roots = `--source-root` ∪ the settings' roots ∪ the project's own roots ∪ the roots
 * detected from the event's in-app frames that exist on disk. Settings are cached until a settings
 * write bumps its {@link cacheVersion}, so a change applies to the next event without a restart.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
 */
export function sourceRootsResolver(db: DB, cliRoots: readonly string[]): SourceRootsFor {
  const settings = settingsStore(db);
  let cachedAt = -1;
  let fromSettings: unknown = [];
  const projectRoots = new Map<number, string[]>();
  return (projectId, event, opts = {}) => {
    const reuse = opts.reuseProbes === true;
    if (cachedAt !== cacheVersion(db, 'settings')) {
      cachedAt = cacheVersion(db, 'settings');
      fromSettings = settings.get().sourceRoots;
      projectRoots.clear();
    }
    let fromProject: string[] = [];
    if (projectId !== null) {
      fromProject = projectRoots.get(projectId) ?? readProjectSettings(db, projectId)?.sourceRoots ?? [];
      if (projectRoots.size < 1000) projectRoots.set(projectId, fromProject);
    }
    const detected = event ? detectSourceRoots(event, { reuseProbes: reuse }).filter((d) => looksLikeProject(d, reuse)) : [];
    const out = new Set<string>();
    for (const root of [...cliRoots, ...(Array.isArray(fromSettings) ? fromSettings : []), ...fromProject, ...detected]) {
      if (out.size >= MAX_ROOTS) break;
      if (typeof root === 'string' && root !== '' && !root.includes('\0') && path.isAbsolute(root)) out.add(path.resolve(root));
    }
    return [...out];
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const MAX_EXCEPTIONS = 64;
const MAX_FRAMES = 1024;

/** Every exception's frames (object entries only), main exception last as in the payload. */
export function exceptionFrames(event: SentryEvent): SentryFrame[][] {
  const values: unknown = isRecord(event.exception) ? event.exception.values : undefined;
  if (!Array.isArray(values)) return [];
  const out: SentryFrame[][] = [];
  for (const v of values.slice(0, MAX_EXCEPTIONS)) {
    const st: unknown = isRecord(v) ? v.stacktrace : undefined;
    const frames: unknown = isRecord(st) ? st.frames : undefined;
    if (Array.isArray(frames)) out.push(frames.slice(-MAX_FRAMES).filter(isRecord) as SentryFrame[]);
  }
  return out;
}

/** A frame's local file: an absolute path or a file: URL in `abs_path`, else in `filename`. */
export function localFileOf(frame: SentryFrame): string | null {
  for (const ref of [frame.abs_path, frame.filename]) {
    if (typeof ref !== 'string' || ref === '' || ref.includes('\0')) continue;
    if (ref.startsWith('file://')) {
      try { return fileURLToPath(ref); } catch { continue; }
    }
    if (path.isAbsolute(ref)) return ref;
  }
  return null;
}
