import type { Project } from '../../shared/api-types';
import type { DB } from '../store/db';
import { streamPosition } from '../store/deletion-mark';
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
 * `GET /projects` (with names, platforms and counts) and `PUT /projects/:id` `{ "name": "…" }`,
 * which renames a project and tells every open window (`{ type: 'project' }` on the stream).
 * Sentry's equivalent is the project settings' name/slug field.
 * @see https://docs.sentry.io/api/projects/update-a-project/
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
}
