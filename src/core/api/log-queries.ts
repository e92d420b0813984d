/**
 * The logs list (`GET /logs`) and a trace's logs: newest first, keyset-paged on (timestamp, id)
 * through the `logs_time` index (`after` pages the other way, oldest first: what followed a moment). Filtered pages look at a bounded number of rows, so a rare
 * level, a body search or an attribute filter (`log-search-sql.ts`) never scans the whole table in one request.
 * @see https://develop.sentry.dev/sdk/telemetry/logs/
 */
import type { LogEntry, LogQuery, Page } from '../../shared/api-types';
import type { DB } from '../store/db';
import { HttpError } from './http-util';
import { readAttributes, stringAttribute } from '../ingest/telemetry-attributes';
import { traceIdForms } from './trace-id';
import { parseLogSearch } from '../../shared/log-search-syntax';
import { logSearchSql } from './log-search-sql';

/** Body characters sent per row of a list; the stored body may be up to 1,000,000. */
const LIST_BODY_CAP = 20_000;
/** Rows a filtered page may look at before it answers with what it found and a cursor. */
export const LOG_SCAN_CAP = 100_000;
const MAX_SEARCH = 200;
const COLS = `id, project_id, timestamp, trace_id, level, substr(body, 1, ${LIST_BODY_CAP}) AS body, length(body) AS body_length, attributes`;
const NEWEST_FIRST = 'ORDER BY timestamp DESC, id DESC';
const OLDEST_FIRST = 'ORDER BY timestamp, id';

interface LogRow {
  id: number; project_id: number; timestamp: number; trace_id: string | null; level: string | null;
  body: string | null; body_length: number | null; attributes: string | null;
}

/**
 * A stored log row as the API sends it: attributes flattened, the active span taken from
 * `sentry.trace.parent_span_id`.
 * @see https://develop.sentry.dev/sdk/telemetry/logs/#default-attributes
 */
export function toLogEntry(r: LogRow): LogEntry {
  const attributes = readAttributes(r.attributes);
  const body = r.body ?? '';
  const length = r.body_length ?? body.length;
  return {
    id: r.id, projectId: r.project_id, timestamp: r.timestamp, traceId: r.trace_id,
    spanId: stringAttribute(attributes, 'sentry.trace.parent_span_id'), level: r.level, body,
    ...(length > body.length ? { bodyTruncated: true, bodyLength: length } : {}), attributes,
  };
}

export { likePattern } from './log-search-sql';

/** `warning` and `warn` name the same level (SDKs send `warn`, Sentry's event levels say `warning`). */
function levelsOf(raw: string): string[] {
  const out = new Set<string>();
  for (const part of raw.split(',').slice(0, 10)) {
    const level = part.trim().toLowerCase();
    if (!level) continue;
    out.add(level);
    if (level === 'warning') out.add('warn');
    if (level === 'warn') out.add('warning');
  }
  return [...out];
}

function parseCursor(cursor: string): { ts: number; id: number } {
  const at = cursor.lastIndexOf(':');
  const ts = Number(cursor.slice(0, at));
  const id = Number(cursor.slice(at + 1));
  if (at <= 0 || !Number.isFinite(ts) || !Number.isInteger(id)) throw new HttpError(400, 'invalid cursor');
  return { ts, id };
}

/**
 * `list` serves `GET /logs`; `ofTrace` the logs of `GET /traces/:id`.
 * @see https://develop.sentry.dev/sdk/telemetry/logs/
 */
export function logQueries(db: DB) {
  /**
   * Conditions on the time index only (the cursor): they bound the scan cheaply. Each is written
   * as a range on `timestamp` first, so the index (`logs_time`, or `logs_trace` after its trace id)
   * seeks to the cursor instead of walking the rows on the other side of it.
   */
  function indexConditions(q: LogQuery, args: Record<string, unknown>): string[] {
    if (q.before) {
      const c = parseCursor(q.before);
      args.cts = c.ts; args.cid = c.id;
      return ['timestamp <= @cts', '(timestamp < @cts OR id < @cid)'];
    }
    if (q.after) {
      const c = parseCursor(q.after);
      args.ats = c.ts; args.aid = c.id;
      return ['timestamp >= @ats', '(timestamp > @ats OR id > @aid)'];
    }
    return [];
  }

  function list(q: LogQuery): Page<LogEntry> {
    if (q.before && q.after) throw new HttpError(400, 'before and after cannot be combined');
    // `after` pages forward in time (oldest first): the logs that followed a moment, such as an error's.
    const forward = Boolean(q.after);
    const order = forward ? OLDEST_FIRST : NEWEST_FIRST;
    const limit = Math.min(Math.max(q.limit ?? 100, 1), 500);
    const args: Record<string, unknown> = {};
    const filters: string[] = [];
    if (q.trace) {
      const ids = traceIdForms(q.trace);
      if (!ids) throw new HttpError(400, 'trace must be a 32-digit hex trace id');
      // Indexed (migration 004): the trace's logs are found directly, in time order when the id has one form.
      filters.push(ids[0] === ids[1] ? 'trace_id = @t0' : 'trace_id IN (@t0, @t1)');
      [args.t0, args.t1] = ids;
    }
    if (q.project !== undefined) { filters.push('project_id = @project'); args.project = q.project; }
    const levels = q.level ? levelsOf(q.level) : [];
    if (levels.length) {
      filters.push(`lower(level) IN (${levels.map((_, i) => `@l${i}`).join(', ')})`);
      levels.forEach((l, i) => { args[`l${i}`] = l; });
    }
    // Free text searches the body; `key:value` tokens filter attributes, level, trace (Sentry's log search).
    const search = q.query?.trim().slice(0, MAX_SEARCH);
    const parsed = search ? parseLogSearch(search) : null;
    if (parsed) {
      const sql = logSearchSql(parsed);
      filters.push(...sql.conditions);
      Object.assign(args, sql.args);
    }
    const where = [...indexConditions(q, args), ...filters];
    let bound: { timestamp: number; id: number } | undefined;
    // A trace filter goes through its own index; other filters look at a bounded number of rows.
    if (filters.length && !q.trace && !parsed?.traces.length) {
      const scanWhere = indexConditions(q, {});
      bound = db.prepare(`SELECT timestamp, id FROM logs ${scanWhere.length ? `WHERE ${scanWhere.join(' AND ')}` : ''}
        ${order} LIMIT 1 OFFSET ${LOG_SCAN_CAP - 1}`).get(args) as typeof bound;
      if (bound) {
        where.push(forward ? '(timestamp < @bts OR (timestamp = @bts AND id <= @bid))' : '(timestamp > @bts OR (timestamp = @bts AND id >= @bid))');
        args.bts = bound.timestamp; args.bid = bound.id;
      }
    }
    const rows = db.prepare(`SELECT ${COLS} FROM logs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ${order} LIMIT ${limit + 1}`).all(args) as LogRow[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    let nextCursor: string | null = null;
    if (rows.length > limit && last) nextCursor = `${last.timestamp}:${last.id}`;
    else if (bound) nextCursor = `${bound.timestamp}:${bound.id}`;
    return { items: page.map(toLogEntry), nextCursor };
  }

  /**
   * The first `max` logs of a trace, and the time range and projects of all of them: a trace
   * with more logs than are listed still lasts as long as its last log.
   */
  function ofTrace(ids: readonly [string, string], max = 1000): { logs: LogEntry[]; truncated: boolean; firstMs: number | null; lastMs: number | null; projectIds: number[] } {
    const args = { t0: ids[0], t1: ids[1] };
    const rows = db.prepare(`SELECT ${COLS} FROM logs WHERE trace_id IN (@t0, @t1)
      ORDER BY timestamp, id LIMIT ${max + 1}`).all(args) as LogRow[];
    const logs = rows.slice(0, max).map(toLogEntry);
    const truncated = rows.length > max;
    if (!truncated) {
      return { logs, truncated, firstMs: logs[0]?.timestamp ?? null, lastMs: logs.at(-1)?.timestamp ?? null, projectIds: [...new Set(logs.map((l) => l.projectId))] };
    }
    const all = db.prepare(`SELECT MIN(timestamp) AS first, MAX(timestamp) AS last, GROUP_CONCAT(DISTINCT project_id) AS projects
      FROM logs WHERE trace_id IN (@t0, @t1)`).get(args) as { first: number | null; last: number | null; projects: string | null };
    return { logs, truncated, firstMs: all.first, lastMs: all.last, projectIds: (all.projects ?? '').split(',').filter(Boolean).map(Number) };
  }

  return { list, ofTrace };
}
