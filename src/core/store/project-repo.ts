import type { DB } from './db';
import { bumpCacheVersion, cacheVersion } from './cache-versions';
import type { Project } from '../../shared/api-types';
import { OCCURRENCE_KIND } from '../pipeline/occurrence';

/** How stale a project's last_seen may get: writing it for every event cost ~2 µs each. */
const LAST_SEEN_STEP_MS = 1000;

/** Creates the project row the first time an id is seen; keeps last_seen current to the second. */
export function projectWriter(db: DB) {
  const upsert = db.prepare(`INSERT INTO projects (id, name, first_seen, last_seen) VALUES (?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET last_seen = MAX(last_seen, excluded.last_seen)`);
  // What this writer last wrote per project, trusted only while no transaction has rolled back.
  const written = new Map<number, number>();
  let writtenAt = -1;
  return {
    touch(projectId: number, at: number): void {
      const version = cacheVersion(db, 'issues');
      if (version !== writtenAt) { written.clear(); writtenAt = version; }
      const last = written.get(projectId);
      if (last !== undefined && at >= last && at - last < LAST_SEEN_STEP_MS) return;
      upsert.run(projectId, `project-${projectId}`, at, at);
      written.set(projectId, at);
    },
  };
}

/**
 * The projects with their issue and event counts. The events are those issues count: errors and
 * the occurrences of performance problems (a transaction's problem files an `occurrence` row in
 * its issue, the transaction itself joins none), so an N+1 issue seen once reads "1 · 1", not "1 · 0".
 */
export function listProjects(db: DB, dsnFor: (id: number) => string): Project[] {
  const rows = db.prepare(`SELECT p.id, p.name, p.first_seen, p.last_seen,
      (SELECT COUNT(*) FROM events e WHERE e.project_id = p.id AND e.kind IN ('event', '${OCCURRENCE_KIND}')) AS event_count,
      (SELECT COUNT(*) FROM issues i WHERE i.project_id = p.id) AS issue_count
    FROM projects p ORDER BY p.id`).all() as {
      id: number; name: string; first_seen: number; last_seen: number; event_count: number; issue_count: number }[];
  return rows.map((r) => ({
    id: r.id, name: r.name, dsn: dsnFor(r.id), firstSeen: r.first_seen, lastSeen: r.last_seen,
    eventCount: r.event_count, issueCount: r.issue_count,
  }));
}

/** Per-project settings kept in `projects.settings` (JSON). */
export interface ProjectSettings { sourceRoots: string[] }

function parseProjectSettings(text: unknown): ProjectSettings {
  let parsed: unknown = null;
  try { parsed = typeof text === 'string' ? JSON.parse(text) : null; } catch { /* damaged: defaults */ }
  const roots = typeof parsed === 'object' && parsed !== null ? (parsed as { sourceRoots?: unknown }).sourceRoots : undefined;
  return { sourceRoots: Array.isArray(roots) ? roots.filter((r): r is string => typeof r === 'string') : [] };
}

/** A project's settings, or null when no such project has been seen. */
export function readProjectSettings(db: DB, projectId: number): ProjectSettings | null {
  const row = db.prepare('SELECT settings FROM projects WHERE id = ?').get(projectId) as { settings: string | null } | undefined;
  return row ? parseProjectSettings(row.settings) : null;
}

/** Merges `patch` into a project's settings; null when no such project has been seen. */
export function saveProjectSettings(db: DB, projectId: number, patch: Partial<ProjectSettings>): ProjectSettings | null {
  const current = readProjectSettings(db, projectId);
  if (!current) return null;
  const next: ProjectSettings = { ...current, ...patch };
  db.prepare('UPDATE projects SET settings = ? WHERE id = ?').run(JSON.stringify(next), projectId);
  bumpCacheVersion(db, 'settings');
  return next;
}
