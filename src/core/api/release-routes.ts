import type { DB } from '../store/db';
import { HttpError, intParam } from './http-util';
import { releaseIssueLists } from './release-issue-lists';
import { listReleases, releaseDetail } from './release-queries';
import type { Router } from './router';

const MAX_TEXT = 200;

function projectParam(value: string | null, required: boolean): number | undefined {
  if (value === null || value === '') {
    if (required) throw new HttpError(400, 'name the project: ?project=1');
    return undefined;
  }
  if (!/^\d{1,15}$/.test(value)) throw new HttpError(400, `project ${JSON.stringify(value)} is not a number`);
  return Number(value);
}

/**
 * `GET /releases?project=&environment=&query=&limit=&cursor=` (Sentry's releases list, a page at a
 * time: `cursor` is the `nextCursor` of the page before) and
 * `GET /releases/detail?project=&version=&environment=` (a release's page; the version as sent, so
 * any character it holds travels in the query string), with its Resolved and Unhandled lists.
 */
export function releaseRoutes(r: Router, db: DB): void {
  r.on('GET', /^\/releases$/, ({ url }) => {
    const p = url.searchParams;
    return listReleases(db, {
      project: projectParam(p.get('project'), false), environment: p.get('environment') || undefined,
      query: p.get('query')?.slice(0, MAX_TEXT) || undefined, limit: intParam(p.get('limit'), 100, 1, 500),
      cursor: p.get('cursor')?.slice(0, MAX_TEXT + 40) || undefined,
    });
  });
  r.on('GET', /^\/releases\/detail$/, ({ url }) => {
    const p = url.searchParams;
    const version = p.get('version');
    if (!version) throw new HttpError(400, 'name the release: ?version=');
    const project = projectParam(p.get('project'), true)!;
    const detail = releaseDetail(db, project, version, p.get('environment') || undefined);
    if (!detail) throw new HttpError(404, 'no such release');
    return { ...detail, ...releaseIssueLists(db, project, version) };
  });
}
