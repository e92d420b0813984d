import type { DB } from '../store/db';
import { STORED_EVENTS_COUNTED, type IssueDetail, type IssueQuery, type IssueSummary, type Page, type TagDistribution } from '../../shared/api-types';
import { HttpError } from './http-util';
import { parseIssueSearch, type IssueField, type TagFilter } from './issue-search';
import { addSearchConditions, searchNotes } from './issue-search-sql';
import { categoriesAllowed } from '../../shared/issue-search-syntax';

interface IssueRow {
  metadata?: string | null;
  id: number; project_id: number; title: string; culprit: string | null; level: string; type: string; status: string;
  regressed: number; regressed_release: string | null; first_seen: number; last_seen: number; count: number; users: number;
  first_release: string | null; last_release: string | null; latest_event_id: string | null; ignore_until_count: number | null;
}

const HOUR = 3_600_000;

/** Sentry's `issueCategory`/`issueType` of a performance issue (labelled by a transaction); nothing for an error's. */
function performanceType(r: IssueRow): Pick<IssueSummary, 'issueCategory' | 'issueType'> {
  // A failing cron monitor's issue (src/core/crons): Sentry's `cron` category, type `monitor_check_in_failure`.
  if (r.type === 'cron') return { issueCategory: 'cron', issueType: 'monitor_check_in_failure' };
  if (r.type !== 'transaction') return {};
  let issueType: unknown;
  try { issueType = (JSON.parse(r.metadata ?? '{}') as { issueType?: unknown }).issueType; } catch { /* an old row */ }
  return { issueCategory: 'performance', ...(typeof issueType === 'string' ? { issueType } : {}) };
}
const SORTS = { last_seen: 'last_seen', first_seen: 'first_seen', count: 'count', users: 'users' } as const;

export function issueQueries(db: DB) {
  const hourly = db.prepare('SELECT hour, count FROM issue_hourly WHERE issue_id = ? AND hour >= ?');
  const envs = db.prepare("SELECT value FROM issue_tags WHERE issue_id = ? AND key = 'environment' ORDER BY count DESC LIMIT 20").pluck();
  const byId = db.prepare('SELECT * FROM issues WHERE id = ?');
  const tagKey = db.prepare('SELECT 1 FROM issue_tags WHERE key = ? LIMIT 1').pluck();
  const unhandled = db.prepare("SELECT 1 FROM issue_tags WHERE issue_id = ? AND key = 'handled' AND value = 'no'").pluck();
  const isTagKey = (key: string) => tagKey.get(key) !== undefined;

  function summary(r: IssueRow, now = Date.now()): IssueSummary {
    const nowHour = Math.floor(now / HOUR);
    const spark = new Array<number>(24).fill(0);
    for (const h of hourly.all(r.id, nowHour - 23) as { hour: number; count: number }[]) {
      const i = h.hour - (nowHour - 23);
      if (i >= 0 && i < 24) spark[i] = h.count;
    }
    return {
      id: r.id, projectId: r.project_id, title: r.title, culprit: r.culprit, level: r.level, type: r.type,
      status: r.status as IssueSummary['status'], regressed: r.regressed === 1 && r.status === 'unresolved',
      regressedInRelease: r.regressed_release, unhandled: unhandled.get(r.id) !== undefined, firstSeen: r.first_seen, lastSeen: r.last_seen, count: r.count, users: r.users,
      firstRelease: r.first_release, lastRelease: r.last_release, environments: envs.all(r.id) as string[],
      sparkline: spark, latestEventId: r.latest_event_id, ...performanceType(r),
    };
  }

  function get(id: number): IssueSummary | null {
    const row = byId.get(id) as IssueRow | undefined;
    return row ? summary(row) : null;
  }

  function tags(id: number): TagDistribution[] {
    const rows = db.prepare('SELECT key, value, count FROM issue_tags WHERE issue_id = ? ORDER BY key, count DESC').all(id) as
      { key: string; value: string; count: number }[];
    const byKey = new Map<string, { value: string; count: number }[]>();
    for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), { value: r.value, count: r.count }]);
    return [...byKey].map(([key, values]) => {
      const total = values.reduce((n, v) => n + v.count, 0);
      return { key, total, values: values.slice(0, 10).map((v) => ({ ...v, percent: total ? Math.round((v.count / total) * 1000) / 10 : 0 })) };
    });
  }

  const storedEvents = db.prepare('SELECT COUNT(*) FROM (SELECT 1 FROM events WHERE issue_id = ? LIMIT ?)').pluck();
  function detail(id: number): IssueDetail | null {
    const row = byId.get(id) as IssueRow | undefined;
    if (!row) return null;
    return { ...summary(row), ignoreUntilCount: row.ignore_until_count, tags: tags(id), storedEvents: storedEvents.get(id, STORED_EVENTS_COUNTED) as number };
  }

  /** Keyset-paged issue list: the cursor is the sort value and id of the last row. */
  function list(q: IssueQuery): Page<IssueSummary> {
    const sort = SORTS[q.sort ?? 'last_seen'] ?? 'last_seen';
    const where: string[] = [];
    const args: Record<string, unknown> = {};
    // The total's own conditions: a tag filter reads the tag index first, which is what keeps a
    // count over 100,000 issues cheap when the tag is selective (the page itself walks its sort index).
    const counted: string[] = [];
    const both = (condition: string) => { where.push(condition); counted.push(condition); };
    // `key:value` tokens of the search box filter as the fields do (an `is:` in it wins over the status tab).
    const search = q.query?.trim() ? parseIssueSearch(q.query, isTagKey) : { text: '', tags: [], users: [], fields: [] };
    // Each `is:` status holds, as Sentry ANDs them: `is:resolved is:unresolved` matches nothing.
    const statuses: string[] = search.statuses ?? (q.status ? [q.status] : []);
    if (q.project !== undefined) { both('i.project_id = @project'); args.project = q.project; }
    statuses.forEach((status, n) => {
      if (status === 'resolved') both("i.status IN ('resolved', 'resolved_next_release')");
      else if (status !== 'all') { both(`i.status = @status${n}`); args[`status${n}`] = status; }
    });
    for (const excluded of search.notStatuses ?? []) {
      both(excluded === 'resolved' ? "i.status NOT IN ('resolved', 'resolved_next_release')" : `i.status != '${excluded === 'ignored' ? 'ignored' : 'unresolved'}'`);
    }
    // The level menu and `level:` tokens in the search all hold (Sentry ANDs them); `level:[a,b]` is any of a and b.
    const levels = search.levels ? search.levels.filter((l) => !q.level || l === q.level) : q.level ? [q.level] : null;
    if (levels) { both('i.level IN (SELECT value FROM json_each(@levels))'); args.levels = JSON.stringify(levels); }
    const tags: TagFilter[] = [...search.tags];
    for (const key of ['environment', 'release'] as const) if (q[key]) tags.push({ key, value: q[key], negate: false });
    tags.forEach((tag, n) => {
      const not = tag.negate ? 'NOT ' : '';
      const value = tag.values ? `IN (SELECT value FROM json_each(@tv${n}))` : `= @tv${n}`;
      where.push(`${not}EXISTS (SELECT 1 FROM issue_tags t WHERE t.issue_id = i.id AND t.key = @tk${n} AND t.value ${value})`);
      counted.push(`i.id ${not}IN (SELECT issue_id FROM issue_tags WHERE key = @tk${n} AND value ${value})`);
      args[`tk${n}`] = tag.key; args[`tv${n}`] = tag.values ? JSON.stringify(tag.values) : tag.value;
    });
    search.users.forEach((user, n) => {
      const not = user.negate ? 'NOT ' : '';
      where.push(`${not}EXISTS (SELECT 1 FROM user_fields f JOIN issue_users u ON u.user_key = f.user_key WHERE f.value = @uv${n} AND u.issue_id = i.id)`);
      counted.push(`i.id ${not}IN (SELECT u.issue_id FROM user_fields f JOIN issue_users u ON u.user_key = f.user_key WHERE f.value = @uv${n})`);
      args[`uv${n}`] = user.value;
    });
    search.fields.forEach((f, n) => {
      const field = f.field;
      if (field === 'issue.category') return;
      // A list (`issue.type:[a,b]`) matches any of its values.
      const patterns = f.values ?? [f.value];
      const any = patterns.map((_, k) => FIELD_SQL[field].replaceAll('@fv', `@fv${n}_${k}`)).join(' OR ');
      both(`${f.negate ? 'NOT ' : ''}(${any})`);
      patterns.forEach((p, k) => { args[`fv${n}_${k}`] = likePattern(p, f.field === 'message'); });
    });
    // The categories all `issue.category:` tokens let through, read by the same code as the list's Category menu.
    const categoryTokens = search.fields.filter((f) => f.field === 'issue.category');
    if (categoryTokens.length > 0) {
      both(`${CATEGORY_SQL} IN (SELECT value FROM json_each(@categories))`);
      args.categories = JSON.stringify(categoriesAllowed(categoryTokens));
    }
    addSearchConditions(search, (page, total) => { where.push(page); counted.push(total); }, args);
    if (search.text) {
      both('i.id IN (SELECT rowid FROM issues_fts WHERE issues_fts MATCH @query)');
      args.query = ftsQuery(search.text);
    }
    // Counted on the first page only: later pages keep the total the list got first.
    const total = q.cursor ? undefined : count(counted, args);
    if (q.cursor) {
      const [v, id] = q.cursor.split(':').map(Number);
      if (!Number.isFinite(v) || !Number.isFinite(id)) throw new HttpError(400, 'invalid cursor');
      where.push(`(i.${sort} < @cv OR (i.${sort} = @cv AND i.id < @cid))`);
      args.cv = v; args.cid = id;
    }
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
    const sql = `SELECT i.* FROM issues i ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY i.${sort} DESC, i.id DESC LIMIT ${limit + 1}`;
    const rows = db.prepare(sql).all(args) as IssueRow[];
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const notes = searchNotes(search, isTagKey);
    return { items: page.map((r) => summary(r)), nextCursor: more && last ? `${last[sort]}:${last.id}` : null, ...(total !== undefined ? { total } : {}),
      ...(notes.length ? { notes } : {}) };
  }

  function count(where: string[], args: Record<string, unknown>): number {
    return db.prepare(`SELECT COUNT(*) FROM issues i ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).pluck().get(args) as number;
  }

  return { get, detail, list, tags };
}

/** An issue's Sentry category: a performance issue is labelled by a transaction (performance/detect.ts), every other by an error. */
const CATEGORY_SQL = "(CASE WHEN i.type = 'transaction' THEN 'performance' WHEN i.type = 'cron' THEN 'cron' ELSE 'error' END)";

/** The condition each event-field key puts on an issue row (`@fv`: its LIKE pattern); `issue.category:` is `CATEGORY_SQL`'s. */
const FIELD_SQL: Record<Exclude<IssueField, 'issue.category'>, string> = {
  'error.type': "COALESCE(json_extract(i.metadata, '$.type'), '') LIKE @fv ESCAPE '\\'",
  'error.value': "COALESCE(json_extract(i.metadata, '$.value'), '') LIKE @fv ESCAPE '\\'",
  message: "(i.title LIKE @fv ESCAPE '\\' OR COALESCE(json_extract(i.metadata, '$.value'), '') LIKE @fv ESCAPE '\\'"
    + " OR COALESCE(json_extract(i.metadata, '$.message'), '') LIKE @fv ESCAPE '\\')",
  'issue.type': "COALESCE(json_extract(i.metadata, '$.issueType'), 'error') LIKE @fv ESCAPE '\\'",
};

/** `*` is Sentry's wildcard; `contains` matches anywhere (Sentry's `message:`). LIKE ignores ASCII case. */
function likePattern(value: string, contains: boolean): string {
  const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%');
  return contains ? `%${escaped}%` : escaped;
}

/** Each word becomes a quoted prefix term, so user input cannot inject FTS syntax. */
export function ftsQuery(input: string): string {
  const words = input.match(/[\p{L}\p{N}_]+/gu) ?? [];
  return words.slice(0, 20).map((w) => `"${w}"*`).join(' ') || '""';
}
