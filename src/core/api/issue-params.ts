import type { IssueQuery, IssueStatus } from '../../shared/api-types';
import { HttpError, intParam } from './http-util';

const STATUSES = new Set(['unresolved', 'resolved', 'resolved_next_release', 'ignored', 'all']);

/** The query string of `GET /issues` (and of bulk changes by query) as an IssueQuery; 400 for an unknown status or sort. */
export function issueQuery(url: URL): IssueQuery {
  const p = url.searchParams;
  const status = p.get('status') ?? undefined;
  if (status && !STATUSES.has(status)) throw new HttpError(400, `unknown status ${status}`);
  const sort = p.get('sort') ?? undefined;
  if (sort && !['last_seen', 'first_seen', 'count', 'users'].includes(sort)) throw new HttpError(400, `unknown sort ${sort}`);
  return {
    project: p.get('project') ? intParam(p.get('project'), 0, 0, Number.MAX_SAFE_INTEGER) : undefined,
    status: status as IssueStatus | 'all' | undefined, level: p.get('level') ?? undefined,
    environment: p.get('environment') ?? undefined, release: p.get('release') ?? undefined, query: p.get('query') ?? undefined,
    sort: sort as IssueQuery['sort'], ...(p.get('trend') === '14d' ? { trend: '14d' as const } : {}), limit: intParam(p.get('limit'), 50, 1, 500), cursor: p.get('cursor') ?? undefined,
  };
}

const MAX_BULK_IDS = 1000;

/** The `id` parameters of a bulk request: at least one, every one a positive integer. */
export function issueIdsParam(url: URL): number[] {
  const raw = url.searchParams.getAll('id');
  if (raw.length === 0) throw new HttpError(400, 'name the issues: ?id=1&id=2');
  if (raw.length > MAX_BULK_IDS) throw new HttpError(400, `at most ${MAX_BULK_IDS} issues at once`);
  return raw.map((v) => {
    if (!/^\d{1,15}$/.test(v)) throw new HttpError(400, `issue id ${JSON.stringify(v)} is not a number`);
    return Number(v);
  });
}
