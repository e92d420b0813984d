/**
 * The replays list's SQL: its orders (Sentry's sort names), its search and the error count and
 * activity score each row shows. Sorting by errors or activity counts every replay's errors (two
 * index seeks each); with the other orders only the page's rows are counted.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/replays/usecases/query/configs/aggregate.py (activity)
 * @see https://docs.sentry.io/concepts/search/searchable-properties/session-replay/
 */
import type { ReplaySort } from '../../shared/api-replay';

/**
 * Stored error events linked to replay row `r`: those carrying its id, plus those its `error_ids`
 * names that do not (the same set replay-queries' `linked` lists, without listing it).
 */
const ERROR_COUNT = (r: string): string => `((SELECT COUNT(*) FROM events e WHERE e.replay_id = ${r}.replay_id AND e.kind = 'event')
  + (SELECT COUNT(*) FROM events e WHERE e.project_id IN (SELECT id FROM projects)
      AND e.event_id IN (SELECT value FROM json_each(COALESCE(${r}.error_ids, '[]'))) AND e.kind = 'event' AND e.replay_id IS NOT ${r}.replay_id))`;

/** Sentry's activity score from an error count and the pages visited, 1–10 (integer division, as ClickHouse's `intDiv`). */
export function replayActivity(errorCount: number, pageCount: number): number {
  return Math.max(1, Math.min(10, Math.floor((errorCount * 25 + pageCount * 5) / 10)));
}

const ACTIVITY_SQL = 'MAX(1, MIN(10, (error_count * 25 + json_array_length(urls) * 5) / 10))';
/** A replay without a recording segment has nothing to play: it sorts as the shortest. */
const DURATION_SQL = 'CASE WHEN segment_count > 0 AND start_ms IS NOT NULL AND end_ms IS NOT NULL THEN end_ms - start_ms ELSE -1 END';

/**
 * Each order, ties newest first. By a click count the tie-break is `received` in the same direction,
 * so the indexes of migration 039 give the first page without sorting every replay.
 */
const REPLAY_ORDER: Record<ReplaySort, string> = {
  '-started_at': 'COALESCE(start_ms, received) DESC', started_at: 'COALESCE(start_ms, received)',
  '-count_dead_clicks': 'dead_clicks DESC, received DESC', count_dead_clicks: 'dead_clicks, received',
  '-count_rage_clicks': 'rage_clicks DESC, received DESC', count_rage_clicks: 'rage_clicks, received',
  '-duration': `${DURATION_SQL} DESC, received DESC`, duration: `${DURATION_SQL}, received DESC`,
  '-count_errors': 'error_count DESC, received DESC', count_errors: 'error_count, received DESC',
  '-activity': `${ACTIVITY_SQL} DESC, received DESC`, activity: `${ACTIVITY_SQL}, received DESC`,
};

const NEEDS_ERRORS = new Set<ReplaySort>(['-count_errors', 'count_errors', '-activity', 'activity']);

/** Where a search term looks, by Sentry's replay search keys; a bare term looks in every one. */
const SEARCH_COLUMNS: Record<string, readonly string[]> = {
  url: ['urls'], 'user.email': ['user'], 'user.id': ['user'], 'user.username': ['user'], 'user.ip': ['user'], user: ['user'],
};

/** One search condition and its parameters: each term (`key:value` or a bare word) must match. */
export function replaySearchWhere(query: string): { sql: string; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  for (const token of query.trim().split(/\s+/).filter(Boolean).slice(0, 20)) {
    const colon = token.indexOf(':');
    const key = colon > 0 ? token.slice(0, colon).toLowerCase() : '';
    const columns = SEARCH_COLUMNS[key];
    const value = columns ? token.slice(colon + 1) : token;
    if (!value) continue;
    const like = `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const within = columns ?? ['urls', 'user'];
    clauses.push(`(${within.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    for (let i = 0; i < within.length; i++) params.push(like);
  }
  return { sql: clauses.join(' AND '), params };
}

/**
 * The list's query and its parameters (project, search, then the limit). Sorted by errors or
 * activity, every row carries its `error_count` (`countsErrors`); else the caller counts the
 * page's rows' errors, so the click-count orders read their index without sorting every replay.
 */
export function replayListQuery(q: { sort: ReplaySort; project?: number; search?: string; limit: number }): {
  sql: string; params: (string | number)[]; countsErrors: boolean;
} {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (q.project !== undefined) { where.push('project_id = ?'); params.push(q.project); }
  const search = replaySearchWhere(q.search ?? '');
  if (search.sql) { where.push(search.sql); params.push(...search.params); }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const order = REPLAY_ORDER[q.sort];
  params.push(q.limit);
  if (NEEDS_ERRORS.has(q.sort)) {
    // Materialized: each replay's errors are counted once, not again wherever the order names the count.
    const counted = `WITH counted AS MATERIALIZED (SELECT r.*, ${ERROR_COUNT('r')} AS error_count FROM replays r ${filter})`;
    return { sql: `${counted} SELECT * FROM counted ORDER BY ${order} LIMIT ?`, params, countsErrors: true };
  }
  return { sql: `SELECT * FROM replays ${filter} ORDER BY ${order} LIMIT ?`, params, countsErrors: false };
}
