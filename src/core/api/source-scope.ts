import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { rootsForProject, withDetectedRoots, type RootsSnapshot } from '../symbolicate/project-roots';
import type { DB } from '../store/db';
import { readProjectSettings } from '../store/project-repo';
import { settingsStore } from './settings';
import { cacheVersion } from '../store/cache-versions';
import type { ScrapeOptions } from '../symbolicate/scrape-policy';
import type { SourceFetchSettings } from '../../shared/fetch-hosts';

/** Where local files for an event may be read: the folders that apply to its project and frames. */
export interface SourceRootsFor {
  (projectId: number | null, event: SentryEvent | null, opts?: { reuseProbes?: boolean }): string[];
  /** What may be fetched from URLs now (Settings and `--fetch-host`); absent: loopback hosts only. */
  fetching?: () => ScrapeOptions;
}

/** The settings' fetch switch and hosts with `--fetch-host`'s, as symbolication takes them. */
function fetchingOf(stored: Partial<SourceFetchSettings> | undefined, cliHosts: readonly string[]): ScrapeOptions {
  const hosts = Array.isArray(stored?.hosts) ? stored.hosts.filter((h): h is string => typeof h === 'string') : [];
  return { enabled: stored?.enabled !== false, extraHosts: [...new Set([...cliHosts, ...hosts])] };
}

/**
 * The configured roots (`--source-root`, the settings', each project's own) and fetch settings,
 * re-read only after a settings write bumps its {@link cacheVersion}, so a change applies to the
 * next event (and, as a new snapshot, reaches the prepare worker).
 */
export function configuredRoots(db: DB, cliRoots: readonly string[], cliFetchHosts: readonly string[] = []): () => RootsSnapshot {
  const settings = settingsStore(db);
  const projects = db.prepare("SELECT id, settings FROM projects WHERE settings IS NOT NULL AND settings != ''");
  let cachedAt = -1;
  let snapshot: RootsSnapshot = { global: [...cliRoots], byProject: {}, fetching: fetchingOf(undefined, cliFetchHosts) };
  return () => {
    if (cachedAt === cacheVersion(db, 'settings')) return snapshot;
    cachedAt = cacheVersion(db, 'settings');
    const stored = settings.get();
    const fromSettings: unknown = stored.sourceRoots;
    const global = [...cliRoots, ...(Array.isArray(fromSettings) ? fromSettings.filter((r): r is string => typeof r === 'string') : [])];
    const byProject: Record<number, string[]> = {};
    for (const row of projects.all() as { id: number }[]) {
      const roots = readProjectSettings(db, row.id)?.sourceRoots ?? [];
      if (roots.length > 0) byProject[row.id] = roots;
    }
    const fetch: unknown = stored.sourceFetch;
    snapshot = { global, byProject, fetching: fetchingOf(typeof fetch === 'object' && fetch !== null ? fetch : undefined, cliFetchHosts) };
    return snapshot;
  };
}

/**
 * Source roots = `--source-root` ∪ the settings' roots ∪ the project's own roots ∪ the roots
 * detected from the event's in-app frames that exist on disk.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
 */
export function sourceRootsResolver(configured: () => RootsSnapshot): SourceRootsFor {
  const resolve: SourceRootsFor = (projectId, event, opts = {}) => withDetectedRoots(rootsForProject(configured(), projectId), event, opts.reuseProbes === true);
  resolve.fetching = () => configured().fetching ?? {};
  return resolve;
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
