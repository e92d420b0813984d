import type { DB } from '../store/db';
import { issueTitlesQuery } from './issue-variety';
import { STORED_EVENTS_COUNTED, type IssueDetail, type IssueQuery, type IssueSummary, type Page, type TagDistribution } from '../../shared/api-types';
import { HttpError } from './http-util';
import { issueSearchWhere } from './issue-search-where';
import { issueHistoryQueries } from './issue-history';
import { issueResolutionReader, type ReleasesByProject } from './issue-resolution';
import { issueSubtitle } from './issue-subtitle';

interface IssueRow {
  metadata?: string | null;
  id: number; project_id: number; title: string; culprit: string | null; level: string; type: string; status: string;
  regressed: number; regressed_release: string | null; first_seen: number; last_seen: number; count: number; users: number;
  first_release: string | null; last_release: string | null; latest_event_id: string | null; ignore_until_count: number | null;
  resolved_release: string | null;
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
  const history = issueHistoryQueries(db);
  const resolution = issueResolutionReader(db);

  /**
   * The summary of `r`; a "resolved in the next release" issue also says which release it was
   * resolved in, as its page does (other issues pay nothing). `seen` shares the releases read
   * between the rows of one list page.
   */
  function summary(r: IssueRow, seen?: ReleasesByProject): IssueSummary {
    const now = Date.now();
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
      sparkline: spark, latestEventId: r.latest_event_id, ...performanceType(r), ...issueSubtitle(r.type, r.metadata),
      ...(r.status === 'resolved_next_release' ? resolution(r, seen) : {}),
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
  const titlesOf = issueTitlesQuery(db);
  function detail(id: number): IssueDetail | null {
    const row = byId.get(id) as IssueRow | undefined;
    if (!row) return null;
    const base = summary(row);
    return { ...base, ignoreUntilCount: row.ignore_until_count,
      resolvedInRelease: base.resolvedInRelease ?? null, resolvedAfterRelease: base.resolvedAfterRelease ?? null, tags: tags(id),
      storedEvents: storedEvents.get(id, STORED_EVENTS_COUNTED) as number, titles: titlesOf(id) };
  }

  /** Keyset-paged issue list: the cursor is the sort value and id of the last row. */
  function list(q: IssueQuery): Page<IssueSummary> {
    const sort = SORTS[q.sort ?? 'last_seen'] ?? 'last_seen';
    // The total has its own conditions: a tag filter reads the tag index first, which is what keeps a
    // count over 100,000 issues cheap when the tag is selective (the page itself walks its sort index).
    const { where, counted, args, notes } = issueSearchWhere(db, q, isTagKey);
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
    // The 14-day trend (Sentry's "Graph: 14d") is read for this page's issues only.
    const daily = q.trend === '14d' ? history.dailyTrend(page.map((r) => r.id)) : null;
    const seen: ReleasesByProject = new Map();
    return { items: page.map((r) => (daily ? { ...summary(r, seen), dailyTrend: daily.get(r.id) } : summary(r, seen))), nextCursor: more && last ? `${last[sort]}:${last.id}` : null, ...(total !== undefined ? { total } : {}),
      ...(notes.length ? { notes } : {}) };
  }

  function count(where: string[], args: Record<string, unknown>): number {
    return db.prepare(`SELECT COUNT(*) FROM issues i ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).pluck().get(args) as number;
  }

  /** Every issue the query matches (a bulk action on "all that match this search"), in id order. */
  function matchingIds(q: IssueQuery): number[] {
    const { counted, args } = issueSearchWhere(db, { ...q, cursor: undefined }, isTagKey);
    return db.prepare(`SELECT i.id FROM issues i ${counted.length ? `WHERE ${counted.join(' AND ')}` : ''} ORDER BY i.id`).pluck().all(args) as number[];
  }

  return { get, detail, list, tags, matchingIds };
}
