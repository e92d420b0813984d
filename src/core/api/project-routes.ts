import type { DeletedProject, Project } from '../../shared/api-types';
import type { DB } from '../store/db';
import { deletionEventId, deletionMark, streamPosition } from '../store/deletion-mark';
import { oneIssueOpAtATime } from '../store/issue-ops-lock';
import { deleteProjectStep, startProjectDeletion } from '../store/project-delete';
import { listProjects, renameProject } from '../store/project-repo';
import { HttpError, intParam, readJson } from './http-util';
import type { Router } from './router';
import type { SseHub } from './sse-hub';

export interface ProjectRouteDeps {
  db: DB;
  hub: SseHub;
  dsnFor: (projectId: number) => string;
  /** Runs a write in the store's writer, so a rename never interleaves with ingest naming the project. */
  submitWrite: <T>(run: () => T) => Promise<T>;
}

/**
 * `GET /projects` (with names, platforms and counts), `PUT /projects/:id` `{ "name": "…" }`,
 * which renames a project and tells every open window (`{ type: 'project' }` on the stream), as
 * Sentry's project name/slug field, and `DELETE /projects/:id`, which deletes the project and
 * everything stored for it in short writer jobs (ingest goes on between them), then tells every
 * window (`{ type: 'project_deleted' }`). A project an SDK sends to again is created anew.
 * @see https://docs.sentry.io/api/projects/update-a-project/
 * @see https://docs.sentry.io/api/projects/delete-a-project/
 */
export function projectRoutes(r: Router, deps: ProjectRouteDeps): void {
  const { db } = deps;
  r.on('GET', /^\/projects$/, () => listProjects(db, deps.dsnFor));
  r.on('PUT', /^\/projects\/(\d+)$/, async (ctx): Promise<Project> => {
    const id = intParam(ctx.params[0] ?? null, 0, 0, Number.MAX_SAFE_INTEGER);
    const body = await readJson(ctx.req);
    const name = typeof body === 'object' && body !== null ? (body as { name?: unknown }).name : undefined;
    const result = await deps.submitWrite(() => renameProject(db, id, name));
    if (!result.ok) throw new HttpError(result.status, result.reason);
    const project = listProjects(db, deps.dsnFor).find((p) => p.id === id);
    if (!project) throw new HttpError(404, `no project ${id}`);
    deps.hub.publish(streamPosition(db), { type: 'project', project });
    return project;
  });
  r.on('DELETE', /^\/projects\/(\d+)$/, async (ctx): Promise<DeletedProject> => {
    const id = intParam(ctx.params[0] ?? null, 0, 0, Number.MAX_SAFE_INTEGER);
    if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(id)) throw new HttpError(404, `no project ${id}`);
    // Not between the jobs of a merge or an unmerge, which move the project's issues.
    const deleted = await oneIssueOpAtATime(db, async () => {
      const job = startProjectDeletion(id);
      while (!(await deps.submitWrite(() => deleteProjectStep(db, job)))) { /* next job: ingest runs between them */ }
      return job.deleted;
    });
    deps.hub.publish(deletionEventId(deletionMark(db)), { type: 'project_deleted', projectId: id });
    return deleted;
  });
}
