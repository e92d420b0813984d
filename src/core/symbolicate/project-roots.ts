import path from 'node:path';
import type { SentryEvent } from '../../shared/sentry';
import { probeSync } from './file-probe';
import { detectSourceRoots } from './source-roots';
import type { ScrapeOptions } from './scrape-policy';

const MAX_ROOTS = 200;
/** Files that mark a folder as a project; detected roots without one are not trusted as roots. */
const PROJECT_MARKERS = ['package.json', '.git', 'pyproject.toml', 'Cargo.toml', 'go.mod', 'composer.json', 'Gemfile'];

/** The configured source roots: `--source-root` and the settings' (global), and each project's own. */
export interface RootsSnapshot {
  global: string[];
  byProject: Record<number, string[]>;
  /** Fetching scripts and maps from their URLs (on/off, extra hosts): travels with the roots to the prepare worker. */
  fetching?: ScrapeOptions;
}

/**
 * A folder detected from event data (which any local page can send) becomes a root only when it
 * looks like a project: a frame naming /etc/hosts must not make /etc readable. The frame's own
 * file stays readable as an exact frame path either way.
 */
function looksLikeProject(dir: string, reuse: boolean): boolean {
  return PROJECT_MARKERS.some((m) => probeSync(path.join(dir, m), reuse) !== 'missing');
}

/**
 * Source roots for one event: the configured ones ∪ the project folders of its in-app frames
 * that exist on disk. `reuseProbes` takes file-existence answers up to a second old (ingest).
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
 */
export function withDetectedRoots(configured: readonly unknown[], event: SentryEvent | null, reuseProbes = false): string[] {
  const detected = event ? detectSourceRoots(event, { reuseProbes }).filter((d) => looksLikeProject(d, reuseProbes)) : [];
  const out = new Set<string>();
  for (const root of [...configured, ...detected]) {
    if (out.size >= MAX_ROOTS) break;
    if (typeof root === 'string' && root !== '' && !root.includes('\0') && path.isAbsolute(root)) out.add(path.resolve(root));
  }
  return [...out];
}

/** The configured roots that apply to a project. */
export function rootsForProject(snapshot: RootsSnapshot, projectId: number | null): string[] {
  return [...snapshot.global, ...(projectId === null ? [] : snapshot.byProject[projectId] ?? [])];
}
