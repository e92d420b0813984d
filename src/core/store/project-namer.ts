import type { DB } from './db';
import { cacheVersion } from './cache-versions';
import type { ProjectNameSource } from '../../shared/api-types';
import { platformOf, releasePackageName } from './project-naming';

/** The facts of an event a project's name and platform are read from. */
export interface NamingFacts { platform: string | null; release: string | null; sdk: string | null }

interface Known { source: ProjectNameSource; hasPlatform: boolean; triedRelease: string | null | undefined }

/** How many of a project's first stored events the migration reads for its name. */
const BACKFILL_EVENTS = 200;

/**
 * Names projects from their events (see project-naming.ts): the first platform seen is kept; a
 * `package@version` release names the project unless the user renamed it; until one comes, the
 * platform does. Runs in the writer's transaction. What it learnt per project is kept in memory,
 * so an event costs a map lookup once a project is named, and a project whose releases name no
 * package is written again only when its release changes.
 */
export function projectNamer(db: DB) {
  const read = db.prepare('SELECT name_source, platform FROM projects WHERE id = ?');
  const setPlatform = db.prepare('UPDATE projects SET platform = ? WHERE id = ? AND platform IS NULL');
  // Never over a name the user chose, nor a release's name by a platform's.
  const setName = db.prepare(`UPDATE projects SET name = ?, name_source = ? WHERE id = ?
    AND (name_source = 'placeholder' OR (name_source = 'platform' AND ? = 'release'))`);
  const taken = db.prepare('SELECT 1 FROM projects WHERE name = ? COLLATE NOCASE AND id != ?');
  const known = new Map<number, Known>();
  let knownAt = -1;

  // Sentry's slugs are unique in an organization: a second `shop` (its browser and server halves) is `shop-2`.
  const name = (projectId: number, wanted: string, source: ProjectNameSource) => {
    const unique = taken.get(wanted, projectId) ? `${wanted}-${projectId}` : wanted;
    setName.run(unique, source, projectId, source);
  };

  const stateOf = (projectId: number): Known | null => {
    const version = cacheVersion(db, 'issues');
    if (version !== knownAt) { known.clear(); knownAt = version; }
    const cached = known.get(projectId);
    if (cached) return cached;
    const row = read.get(projectId) as { name_source: ProjectNameSource; platform: string | null } | undefined;
    if (!row) return null;
    const state: Known = { source: row.name_source, hasPlatform: row.platform !== null, triedRelease: undefined };
    known.set(projectId, state);
    return state;
  };

  return {
    learn(projectId: number, facts: NamingFacts): void {
      const s = stateOf(projectId);
      const settled = (source: ProjectNameSource) => source === 'release' || source === 'user';
      if (!s || (s.hasPlatform && settled(s.source))) return;
      const platform = platformOf(facts.platform, facts.sdk);
      if (!s.hasPlatform && platform) { setPlatform.run(platform, projectId); s.hasPlatform = true; }
      if (!settled(s.source) && facts.release !== s.triedRelease) {
        s.triedRelease = facts.release;
        const fromRelease = releasePackageName(facts.release);
        if (fromRelease) { name(projectId, fromRelease, 'release'); s.source = 'release'; return; }
      }
      if (s.source === 'placeholder' && platform) { name(projectId, platform, 'platform'); s.source = 'platform'; }
    },
  };
}

/** Migration 028's step: names the projects of a store written before names were read, from their first events. */
export function nameStoredProjects(db: DB): void {
  const namer = projectNamer(db);
  const firstEvents = db.prepare(`SELECT platform, release, sdk FROM events WHERE project_id = ?
    AND kind IN ('event', 'transaction', 'feedback') ORDER BY id LIMIT ${BACKFILL_EVENTS}`);
  for (const id of db.prepare('SELECT id FROM projects ORDER BY id').pluck().all() as number[]) {
    for (const facts of firstEvents.all(id) as NamingFacts[]) namer.learn(id, facts);
  }
}
