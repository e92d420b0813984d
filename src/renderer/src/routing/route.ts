/**
 * Hash routes. Every view has a URL so a reload or a pasted link reopens the same view:
 * `#/issues?status=all&query=foo`, `#/issues/12`, `#/issues/12/events/<id>`, `#/events/<id>`,
 * `#/stream`, `#/settings`, `#/setup`, `#/replays`, `#/replays/<id>?t=<ms>`, `#/traces`,
 * `#/traces/<traceId>`, `#/logs?level=&query=&trace=`.
 */
import type { IssueQuery, IssueStatus } from '../../../shared/api-types';

export type IssueSort = NonNullable<IssueQuery['sort']>;

export interface IssueFilters {
  project?: number;
  status: IssueStatus | 'all';
  level?: string;
  environment?: string;
  release?: string;
  query?: string;
  sort: IssueSort;
}

export type Route =
  | { name: 'issues'; filters: IssueFilters }
  | { name: 'issue'; issueId: number; eventId?: string }
  | { name: 'event'; eventId: string }
  | { name: 'stream' }
  | { name: 'settings' }
  | { name: 'setup' }
  | { name: 'replays'; project?: number }
  /** `t`: where playback opens, epoch ms (error links) or ms into the replay. */
  | { name: 'replay'; replayId: string; t?: number }
  | { name: 'traces'; project?: number; query?: string }
  | { name: 'trace'; traceId: string }
  | { name: 'logs'; filters: LogFilters };

/** Filters of the Logs view, kept in its URL (`#/logs?level=warn&query=…&trace=…`). */
export interface LogFilters {
  project?: number;
  level?: string;
  query?: string;
  trace?: string;
}

export const DEFAULT_FILTERS: IssueFilters = { status: 'unresolved', sort: 'last_seen' };

const STATUSES: readonly string[] = ['unresolved', 'resolved', 'resolved_next_release', 'ignored', 'all'];
const SORTS: readonly string[] = ['last_seen', 'first_seen', 'count', 'users'];

function positiveInt(value: string | null | undefined): number | undefined {
  if (!value || !/^\d{1,15}$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

function nonEmpty(value: string | null): string | undefined {
  return value ? value : undefined;
}

function safeDecode(segment: string): string {
  try { return decodeURIComponent(segment); } catch { return segment; }
}

export function parseFilters(search: URLSearchParams): IssueFilters {
  const status = search.get('status') ?? '';
  const sort = search.get('sort') ?? '';
  return {
    project: positiveInt(search.get('project')),
    status: (STATUSES.includes(status) ? status : DEFAULT_FILTERS.status) as IssueFilters['status'],
    level: nonEmpty(search.get('level')),
    environment: nonEmpty(search.get('environment')),
    release: nonEmpty(search.get('release')),
    query: nonEmpty(search.get('query')),
    sort: (SORTS.includes(sort) ? sort : DEFAULT_FILTERS.sort) as IssueSort,
  };
}

/** Parses `location.hash` (with or without the leading `#`). Unknown paths land on the issue list. */
export function parseRoute(hash: string): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const qIndex = raw.indexOf('?');
  const path = qIndex >= 0 ? raw.slice(0, qIndex) : raw;
  const search = new URLSearchParams(qIndex >= 0 ? raw.slice(qIndex + 1) : '');
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  const [head, id, sub, subId] = parts;
  if (head === 'issues' && id) {
    const issueId = positiveInt(id);
    if (issueId !== undefined) {
      return sub === 'events' && subId ? { name: 'issue', issueId, eventId: subId } : { name: 'issue', issueId };
    }
  }
  if (head === 'events' && id) return { name: 'event', eventId: id };
  if (head === 'replays' && id) {
    const t = positiveInt(search.get('t'));
    return t === undefined ? { name: 'replay', replayId: id } : { name: 'replay', replayId: id, t };
  }
  if (head === 'replays') {
    const project = positiveInt(search.get('project'));
    return project === undefined ? { name: 'replays' } : { name: 'replays', project };
  }
  if (head === 'traces' && id) return { name: 'trace', traceId: id };
  if (head === 'traces') {
    const project = positiveInt(search.get('project'));
    const query = search.get('query') || undefined;
    return { name: 'traces', ...(project !== undefined ? { project } : {}), ...(query ? { query } : {}) };
  }
  if (head === 'logs') return { name: 'logs', filters: parseLogFilters(search) };
  if (head === 'stream') return { name: 'stream' };
  if (head === 'settings') return { name: 'settings' };
  if (head === 'setup') return { name: 'setup' };
  return { name: 'issues', filters: parseFilters(search) };
}

export function filtersToSearch(filters: IssueFilters): string {
  const search = new URLSearchParams();
  if (filters.project !== undefined) search.set('project', String(filters.project));
  if (filters.status !== DEFAULT_FILTERS.status) search.set('status', filters.status);
  if (filters.level) search.set('level', filters.level);
  if (filters.environment) search.set('environment', filters.environment);
  if (filters.release) search.set('release', filters.release);
  if (filters.query) search.set('query', filters.query);
  if (filters.sort !== DEFAULT_FILTERS.sort) search.set('sort', filters.sort);
  const s = search.toString();
  return s ? `?${s}` : '';
}

export function parseLogFilters(search: URLSearchParams): LogFilters {
  const filters: LogFilters = {};
  const project = positiveInt(search.get('project'));
  if (project !== undefined) filters.project = project;
  for (const key of ['level', 'query', 'trace'] as const) {
    const value = nonEmpty(search.get(key));
    if (value !== undefined) filters[key] = value;
  }
  return filters;
}

function logFiltersToSearch(filters: LogFilters): string {
  const search = new URLSearchParams();
  if (filters.project !== undefined) search.set('project', String(filters.project));
  for (const key of ['level', 'query', 'trace'] as const) if (filters[key]) search.set(key, filters[key]);
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** The canonical hash (with `#`) of a route. */
export function formatRoute(route: Route): string {
  const enc = encodeURIComponent;
  switch (route.name) {
    case 'issues': return `#/issues${filtersToSearch(route.filters)}`;
    case 'issue': return route.eventId
      ? `#/issues/${route.issueId}/events/${enc(route.eventId)}`
      : `#/issues/${route.issueId}`;
    case 'event': return `#/events/${enc(route.eventId)}`;
    case 'replay': return `#/replays/${enc(route.replayId)}${route.t !== undefined ? `?t=${Math.round(route.t)}` : ''}`;
    case 'replays': return `#/replays${route.project !== undefined ? `?project=${route.project}` : ''}`;
    case 'traces': {
      const params = new URLSearchParams();
      if (route.project !== undefined) params.set('project', String(route.project));
      if (route.query) params.set('query', route.query);
      const text = params.toString();
      return `#/traces${text ? `?${text}` : ''}`;
    }
    case 'trace': return `#/traces/${enc(route.traceId)}`;
    case 'logs': return `#/logs${logFiltersToSearch(route.filters)}`;
    default: return `#/${route.name}`;
  }
}
