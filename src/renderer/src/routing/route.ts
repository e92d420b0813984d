/**
 * Hash routes. Every view has a URL so a reload or a pasted link reopens the same view:
 * `#/issues?status=all&query=foo`, `#/issues/12?period=7d`, `#/issues/12/events/<id>`, `#/events/<id>`,
 * `#/stream?kind=errors`, `#/settings`, `#/setup`, `#/replays?sort=-count_dead_clicks`, `#/replays/<id>?t=<ms>`, `#/traces`,
 * `#/traces/<traceId>?span=<spanId>`, `#/logs?level=&query=&trace=`, `#/feedback?mailbox=&project=&query=&id=`.
 */
import type { IssueQuery, IssueStatus } from '../../../shared/api-types';
import { STATS_WINDOWS } from '../../../shared/api-stats';
import { HISTORY_PERIODS, type HistoryPeriod } from '../../../shared/api-issue-history';
import { REPLAY_SORTS, type ReplaySort } from '../../../shared/api-replay';
import { formatReleaseRoute, parseReleaseRoute, type ReleaseListRoute, type ReleaseRoute } from './release-route';

export type IssueSort = NonNullable<IssueQuery['sort']>;

export interface IssueFilters {
  project?: number;
  status: IssueStatus | 'all';
  level?: string;
  environment?: string;
  release?: string;
  query?: string;
  sort: IssueSort;
  /** The trend column's period (Sentry's "Graph: 24h | 14d"); absent is 24h. */
  trend?: '14d';
}

export type Route =
  | { name: 'issues'; filters: IssueFilters }
  /** `period`: the events chart's period, when a link names one (else the last one picked). */
  | { name: 'issue'; issueId: number; eventId?: string; period?: HistoryPeriod }
  | { name: 'event'; eventId: string }
  /** `kind`: the Stream's item-type tab; absent is "all". */
  | { name: 'stream'; kind?: StreamKind }
  | { name: 'settings' }
  | { name: 'setup' }
  /** `sort`: Sentry's replay sort (`?sort=-count_dead_clicks`); absent is newest first, {@link DEFAULT_REPLAY_SORT}. */
  | { name: 'replays'; project?: number; sort?: ReplaySort }
  /** `t`: where playback opens, epoch ms (error links) or ms into the replay. */
  | { name: 'replay'; replayId: string; t?: number }
  | { name: 'traces'; project?: number; query?: string; view?: 'vitals'; hours?: number }
  /** A trace, `span` a span of it to show (its groups opened) and select: `#/traces/<id>?span=<spanId>`. */
  | { name: 'trace'; traceId: string; span?: string }
  /** A profile: a stored item (`#/profiles/item/12`), a transaction's (`…/event/<id>`) or a trace's chunks (`…/trace/<id>`). */
  | { name: 'profile'; source: ProfileSourceKind; id: string }
  | { name: 'logs'; filters: LogFilters }
  | { name: 'crons' }
  /** The User Feedback page: its filters and the feedback open in its detail pane (a `feedback` row id). */
  | { name: 'feedback'; project?: number; query?: string; id?: number; mailbox?: 'resolved' | 'ignored' }
  /** A cron monitor: its slug in a project and environment (`#/crons/1/nightly?environment=production`). */
  | { name: 'cron'; project: number; slug: string; environment?: string }
  /** Sentry's Stats: accepted and dropped over the last `hours` (`#/stats?hours=168`; 24 when absent). */
  | { name: 'stats'; hours?: number }
  /** Releases and a release's page (release-route.ts). */
  | ReleaseListRoute | ReleaseRoute;

export type ProfileSourceKind = 'item' | 'event' | 'trace';

/** Filters of the Logs view, kept in its URL (`#/logs?level=warn&query=…&trace=…`). */
export interface LogFilters {
  project?: number;
  level?: string;
  query?: string;
  trace?: string;
}

/** The Stream view's tabs, kept in its URL (`#/stream?kind=errors`) as the issue list keeps its status. */
export const STREAM_KINDS = ['all', 'errors', 'transactions', 'logs', 'sessions', 'check_ins', 'feedback', 'replays', 'reports', 'rejected'] as const;
export type StreamKind = (typeof STREAM_KINDS)[number];

export const DEFAULT_FILTERS: IssueFilters = { status: 'unresolved', sort: 'last_seen' };
/** The Replays list's order when its URL names none: newest first, as Sentry's. */
export const DEFAULT_REPLAY_SORT: ReplaySort = '-started_at';

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
    ...(search.get('trend') === '14d' ? { trend: '14d' as const } : {}),
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
      const period = HISTORY_PERIODS.find((p) => p === search.get('period'));
      return { name: 'issue', issueId, ...(sub === 'events' && subId ? { eventId: subId } : {}), ...(period ? { period } : {}) };
    }
  }
  if (head === 'events' && id) return { name: 'event', eventId: id };
  if (head === 'replays' && id) {
    const t = positiveInt(search.get('t'));
    return t === undefined ? { name: 'replay', replayId: id } : { name: 'replay', replayId: id, t };
  }
  if (head === 'replays') {
    const project = positiveInt(search.get('project'));
    const sort = REPLAY_SORTS.find((s) => s === search.get('sort'));
    return { name: 'replays', ...(project !== undefined ? { project } : {}), ...(sort && sort !== DEFAULT_REPLAY_SORT ? { sort } : {}) };
  }
  if (head === 'traces' && id) { const span = search.get('span'); return span ? { name: 'trace', traceId: id, span } : { name: 'trace', traceId: id }; }
  if (head === 'traces') {
    const project = positiveInt(search.get('project'));
    const query = search.get('query') || undefined;
    // `view=vitals`: the Web Vitals section (Sentry's Web Vitals page) over `hours`.
    const hours = positiveInt(search.get('hours'));
    const vitals = search.get('view') === 'vitals' ? { view: 'vitals' as const, ...(hours !== undefined ? { hours } : {}) } : {};
    return { name: 'traces', ...(project !== undefined ? { project } : {}), ...(query ? { query } : {}), ...vitals };
  }
  if (head === 'profiles' && (id === 'item' || id === 'event' || id === 'trace') && sub) return { name: 'profile', source: id, id: sub };
  if (head === 'logs') return { name: 'logs', filters: parseLogFilters(search) };
  if (head === 'crons') return parseCronRoute(parts, search);
  if (head === 'feedback') return parseFeedbackRoute(search);
  if (head === 'stream') {
    const kind = STREAM_KINDS.find((k) => k === search.get('kind'));
    return kind && kind !== 'all' ? { name: 'stream', kind } : { name: 'stream' };
  }
  if (head === 'settings') return { name: 'settings' };
  if (head === 'stats') return parseStatsRoute(search);
  if (head === 'releases') return parseReleaseRoute(parts.slice(1), search);
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
  if (filters.trend) search.set('trend', filters.trend);
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
    case 'issue': return `#/issues/${route.issueId}${route.eventId ? `/events/${enc(route.eventId)}` : ''}${route.period ? `?period=${route.period}` : ''}`;
    case 'event': return `#/events/${enc(route.eventId)}`;
    case 'replay': return `#/replays/${enc(route.replayId)}${route.t !== undefined ? `?t=${Math.round(route.t)}` : ''}`;
    case 'replays': {
      const params = new URLSearchParams();
      if (route.project !== undefined) params.set('project', String(route.project));
      if (route.sort && route.sort !== DEFAULT_REPLAY_SORT) params.set('sort', route.sort);
      const text = params.toString();
      return `#/replays${text ? `?${text}` : ''}`;
    }
    case 'traces': {
      const params = new URLSearchParams();
      if (route.project !== undefined) params.set('project', String(route.project));
      if (route.query) params.set('query', route.query);
      if (route.view) params.set('view', route.view);
      if (route.view && route.hours !== undefined) params.set('hours', String(route.hours));
      const text = params.toString();
      return `#/traces${text ? `?${text}` : ''}`;
    }
    case 'trace': return `#/traces/${enc(route.traceId)}${route.span ? `?span=${enc(route.span)}` : ''}`;
    case 'profile': return `#/profiles/${route.source}/${enc(route.id)}`;
    case 'logs': return `#/logs${logFiltersToSearch(route.filters)}`;
    case 'cron': return `#/crons/${route.project}/${enc(route.slug)}${route.environment ? `?environment=${enc(route.environment)}` : ''}`;
    case 'feedback': return formatFeedbackRoute(route);
    case 'stream': return `#/stream${route.kind && route.kind !== 'all' ? `?kind=${route.kind}` : ''}`;
    case 'stats': return `#/stats${route.hours !== undefined ? `?hours=${route.hours}` : ''}`;
    case 'releases': case 'release': return formatReleaseRoute(route);
    default: return `#/${route.name}`;
  }
}

/** `#/crons` or a monitor, `#/crons/<project>/<slug>?environment=`; a bad project lands on the list. */
function parseCronRoute(parts: string[], search: URLSearchParams): Route {
  const project = positiveInt(parts[1]);
  const slug = parts[2];
  if (project === undefined || slug === undefined) return { name: 'crons' };
  const environment = nonEmpty(search.get('environment'));
  return environment === undefined ? { name: 'cron', project, slug } : { name: 'cron', project, slug, environment };
}

/** `#/feedback?mailbox=&project=&query=&id=`: each part optional (the Inbox unless `mailbox` is resolved or ignored, Sentry's names), a bad value left out. */
function parseFeedbackRoute(search: URLSearchParams): Route {
  const project = positiveInt(search.get('project'));
  const query = nonEmpty(search.get('query'));
  const id = positiveInt(search.get('id'));
  const mailbox = search.get('mailbox');
  return { name: 'feedback', ...(mailbox === 'resolved' || mailbox === 'ignored' ? { mailbox } : {}),
    ...(project !== undefined ? { project } : {}), ...(query ? { query } : {}), ...(id !== undefined ? { id } : {}) };
}

function formatFeedbackRoute(route: Extract<Route, { name: 'feedback' }>): string {
  const params = new URLSearchParams();
  if (route.mailbox) params.set('mailbox', route.mailbox);
  if (route.project !== undefined) params.set('project', String(route.project));
  if (route.query) params.set('query', route.query);
  if (route.id !== undefined) params.set('id', String(route.id));
  const text = params.toString();
  return `#/feedback${text ? `?${text}` : ''}`;
}

/** `#/stats?hours=N`: a window the Stats view offers, else its default. */
function parseStatsRoute(search: URLSearchParams): Route {
  const hours = positiveInt(search.get('hours'));
  return hours !== undefined && (STATS_WINDOWS as readonly number[]).includes(hours) ? { name: 'stats', hours } : { name: 'stats' };
}
