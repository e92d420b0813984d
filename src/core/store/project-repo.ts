import type { DB } from './db';
import { bumpCacheVersion, cacheVersion } from './cache-versions';
import type { Project, ProjectNameSource } from '../../shared/api-types';
import { OCCURRENCE_KIND } from '../pipeline/occurrence';
import { projectNamer, type NamingFacts } from './project-namer';
import { cleanProjectName, placeholderName, PROJECT_NAME_MAX } from './project-naming';

/** How stale a project's last_seen may get: writing it for every event cost ~2 µs each. */
const LAST_SEEN_STEP_MS = 1000;

/**
 * Creates the project row the first time an id is seen (named `project-N` until its events say
 * more: `learn`); keeps last_seen current to the second.
 */
export function projectWriter(db: DB) {
  const namer = projectNamer(db);
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
      upsert.run(projectId, placeholderName(projectId), at, at);
      written.set(projectId, at);
    },
    /** Reads the project's name and platform from an event it stored (after `touch`). */
    learn(projectId: number, facts: NamingFacts): void { namer.learn(projectId, facts); },
  };
}

/**
 * The projects with their issue and event counts. The events are those issues count: errors and
 * the occurrences of performance problems (a transaction's problem files an `occurrence` row in
 * its issue, the transaction itself joins none), so an N+1 issue seen once reads "1 · 1", not "1 · 0".
 */
export function listProjects(db: DB, dsnFor: (id: number) => string): Project[] {
  const rows = db.prepare(`SELECT p.id, p.name, p.name_source, p.platform, p.first_seen, p.last_seen,
      (SELECT COUNT(*) FROM events e WHERE e.project_id = p.id AND e.kind IN ('event', '${OCCURRENCE_KIND}')) AS event_count,
      (SELECT COUNT(*) FROM issues i WHERE i.project_id = p.id) AS issue_count
    FROM projects p ORDER BY p.id`).all() as {
      id: number; name: string; name_source: ProjectNameSource; platform: string | null; first_seen: number; last_seen: number;
      event_count: number; issue_count: number }[];
  return rows.map((r) => ({
    id: r.id, name: r.name, nameFrom: r.name_source, platform: r.platform, dsn: dsnFor(r.id), firstSeen: r.first_seen, lastSeen: r.last_seen,
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

/** Why a rename was refused, or the project renamed. */
export type RenameResult = { ok: true } | { ok: false; status: 400 | 404 | 409; reason: string };

/**
 * Names a project as the user asked. Names are unique, as Sentry's project slugs are in an
 * organization, so two projects never read alike in a list; letter case aside, so `Shop` and
 * `shop` are one name.
 * @see https://docs.sentry.io/product/projects/
 */
export function renameProject(db: DB, projectId: number, wanted: unknown): RenameResult {
  const name = typeof wanted === 'string' ? cleanProjectName(wanted) : null;
  if (!name) return { ok: false, status: 400, reason: `a name must be text of 1 to ${PROJECT_NAME_MAX} characters` };
  if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) return { ok: false, status: 404, reason: `no project ${projectId}` };
  const other = db.prepare('SELECT id FROM projects WHERE name = ? COLLATE NOCASE AND id != ?').pluck().get(name, projectId) as number | undefined;
  if (other !== undefined) return { ok: false, status: 409, reason: `project ${other} is already called ${name}` };
  db.prepare("UPDATE projects SET name = ?, name_source = 'user' WHERE id = ?").run(name, projectId);
  return { ok: true };
}
