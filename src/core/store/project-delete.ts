import type { DeletedProject } from '../../shared/api-types';
import { bumpCacheVersion } from './cache-versions';
import type { DB } from './db';
import { markDeletion } from './deletion-mark';
import { deleteEnvelopes } from './envelope-delete';
import { deleteIssues } from './issue-delete';

/** Issues deleted per writer job: each job is a short transaction, so ingest goes on between them. */
const ISSUES_PER_JOB = 200;
/** Envelope ids looked at per writer job (envelopes has no project index: the walk goes by id ranges). */
const ENVELOPE_IDS_PER_JOB = 20_000;

/**
 * Release health first (migration 037): emptying the session states then takes nothing back row
 * by row, as in "Delete all data". `projects` goes last, by itself.
 */
const FIRST_TABLES = ['release_health'];

/** Every table with a `project_id` column, read from the schema so a table a later migration adds is not missed. */
export function projectKeyedTables(db: DB): string[] {
  const tables = db.prepare(`SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c
    WHERE m.type = 'table' AND c.name = 'project_id' AND m.name <> 'projects' ORDER BY m.name`).pluck().all() as string[];
  return [...FIRST_TABLES.filter((t) => tables.includes(t)), ...tables.filter((t) => !FIRST_TABLES.includes(t))];
}

/** Where a project deletion is: the envelope ids walked so far and what went. */
export interface ProjectDeletion { projectId: number; envelopeCursor: number; deleted: DeletedProject }

export function startProjectDeletion(projectId: number): ProjectDeletion {
  return { projectId, envelopeCursor: 0, deleted: { issues: 0, events: 0, envelopes: 0 } };
}

/**
 * One writer job of deleting a project, as Sentry's project deletion removes its issues, events
 * and everything else it owns: first its issues (with their events, aggregates and the requests that
 * carried them), then its other stored requests and what came from them (spans, logs, replays,
 * sessions…), then every other row keyed by the project (Stats, release health, web vitals, cron
 * states, hashes) and the project itself. Returns true once nothing is left. Must run in the
 * writer, like deleting an issue (the ingest path remembers issues and projects).
 * @see https://docs.sentry.io/api/projects/delete-a-project/
 */
export function deleteProjectStep(db: DB, job: ProjectDeletion): boolean {
  const { projectId, deleted } = job;
  const issueIds = db.prepare('SELECT id FROM issues WHERE project_id = ? LIMIT ?').pluck().all(projectId, ISSUES_PER_JOB) as number[];
  if (issueIds.length > 0) {
    // Merged-away issues of this project redirect to its issues: those links go with them.
    db.prepare(`DELETE FROM issue_redirects WHERE to_id IN (SELECT value FROM json_each(?))`).run(JSON.stringify(issueIds));
    const gone = deleteIssues(db, issueIds);
    deleted.issues += gone.issues;
    deleted.events += gone.events;
    return false;
  }
  const lastId = (db.prepare('SELECT MAX(id) FROM envelopes').pluck().get() as number | null) ?? 0;
  if (job.envelopeCursor < lastId) {
    const to = job.envelopeCursor + ENVELOPE_IDS_PER_JOB;
    const ids = db.prepare('SELECT id FROM envelopes WHERE id > ? AND id <= ? AND project_id = ?').pluck()
      .all(job.envelopeCursor, to, projectId) as number[];
    deleteEnvelopes(db, ids);
    deleted.envelopes += ids.length;
    job.envelopeCursor = to;
    return false;
  }
  // Rows kept without their request (an import's), and everything else keyed by the project. One
  // pass over each table: most have no project index, and a project is deleted rarely.
  for (const table of projectKeyedTables(db)) db.prepare(`DELETE FROM ${table} WHERE project_id = ?`).run(projectId);
  db.prepare('DELETE FROM projects WHERE id = ?').run(projectId);
  // The writer's memory of issues and projects is keyed on this version: the project's next event creates it anew.
  bumpCacheVersion(db, 'issues');
  markDeletion(db);
  return true;
}
