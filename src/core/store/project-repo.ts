import type { DB } from './db';
import { bumpCacheVersion, cacheVersion } from './cache-versions';
import type { Project, ProjectNameSource } from '../../shared/api-types';
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

/** Every project with its counts, from `issues` alone (see {@link listProjects}); exported for its plan check. */
export const PROJECTS_SQL = `SELECT p.id, p.name, p.name_source, p.platform, p.first_seen, p.last_seen,
  COALESCE(c.event_count, 0) AS event_count, COALESCE(c.issue_count, 0) AS issue_count
    FROM projects p LEFT JOIN (SELECT project_id, SUM(count) AS event_count, COUNT(*) AS issue_count FROM issues GROUP BY project_id) c
      ON c.project_id = p.id
    ORDER BY p.id`;

/**
 * The projects with their issue and event counts, read from the issues alone: the events are those
 * issues count (Sentry's `times_seen`: errors and the occurrences of performance problems, so an
 * N+1 issue seen once reads "1 · 1"; a transaction joins no issue). Counting the `events` rows
 * instead cost 0.7–1.2 s at ~470,000 events, with ingest waiting behind it, and the sidebar asks
 * often. As each issue's count, the sum keeps the events retention pruned since (as Sentry's
 * project and issue counts do); deleting an issue takes its events out of it. A merge moves its
 * children's counts into the parent, so the sum is the same before and after.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/models/group.py (Group.times_seen)
 */
export function listProjects(db: DB, dsnFor: (id: number) => string): Project[] {
  const rows = db.prepare(PROJECTS_SQL).all() as {
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
