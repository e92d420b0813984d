/**
 * The WHERE of an issue list query: its filters (project, status tab, level, environment, release) and
 * its search box (`issue-search.ts`), as two lists of conditions on `issues i` that select the same
 * issues: `where` reads per listed row (for a page walking its sort index), `counted` reads through the
 * side tables' indexes (for the total, and for every issue a bulk action by query changes).
 * @see https://docs.sentry.io/concepts/search/searchable-properties/issues/
 */
import type { DB } from '../store/db';
import type { IssueQuery } from '../../shared/api-types';
import { categoriesAllowed } from '../../shared/issue-search-syntax';
import { parseIssueSearch, type IssueField, type IssueSearch, type ProjectFilter, type SubStatus, type TagFilter } from './issue-search';
import { addSearchConditions, searchNotes } from './issue-search-sql';
import { freeTextCondition } from './issue-search-text';
import { LATEST, latestReleases, withLatest, type ReleaseScope } from './issue-search-release';
import { knownReleases, semverTest } from './issue-search-semver';
import { hasWildcard, valueCondition, wildcardLike } from './issue-search-wildcard';

export interface IssueWhere {
  where: string[];
  counted: string[];
  args: Record<string, unknown>;
  /** What to say under the search box. */
  notes: string[];
}

/** An issue's Sentry category: a performance issue is labelled by a transaction (performance/detect.ts), every other by an error. */
const CATEGORY_SQL = "(CASE WHEN i.type = 'transaction' THEN 'performance' WHEN i.type = 'cron' THEN 'cron' ELSE 'error' END)";

/** The condition each event-field key puts on an issue row (`@fv`: its LIKE pattern); `issue.category:` is `CATEGORY_SQL`'s. */
const FIELD_SQL: Record<Exclude<IssueField, 'issue.category'>, string> = {
  // A synthetic exception's type (sentry-native's SIGSEGV) is kept apart from Sentry's `type` (title.ts), and still its error.type.
  'error.type': "COALESCE(json_extract(i.metadata, '$.type'), json_extract(i.metadata, '$.exceptionType'), '') LIKE @fv ESCAPE '\\'",
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

/** Sentry moves a new or regressed issue on to "ongoing" after 7 days (`TRANSITION_AFTER_DAYS`). */
const SUBSTATUS_DAYS = 7;
/** Came back within the window: the flag a regression sets (cleared by any triage) and the activity it recorded. */
const REGRESSED_RECENTLY = "(i.regressed = 1 AND EXISTS (SELECT 1 FROM issue_activity a WHERE a.issue_id = i.id AND a.kind = 'regressed' AND a.at > @substatusSince))";
/**
 * Sentry's substatuses of an unresolved issue.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issues/ongoing.py
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/types/group.py (GroupSubStatus)
 */
const SUBSTATUS_SQL: Record<SubStatus, string> = {
  new: "(i.status = 'unresolved' AND i.first_seen > @substatusSince AND i.regressed = 0)",
  regressed: `(i.status = 'unresolved' AND ${REGRESSED_RECENTLY})`,
  ongoing: `(i.status = 'unresolved' AND i.first_seen <= @substatusSince AND NOT ${REGRESSED_RECENTLY})`,
};

/** Sentry's slug of a name: lower case, every run of other characters a `-`. */
function slugOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_]+/g, '-').replace(/^-+|-+$/g, '');
}

/** The ids of the projects a `project:` filter names, and the values that named none. */
function projectIds(db: DB, filter: ProjectFilter): { ids: number[]; unknown: string[] } {
  const projects = db.prepare('SELECT id, name FROM projects').all() as { id: number; name: string }[];
  const ids: number[] = [];
  const unknown: string[] = [];
  for (const value of filter.values) {
    const found = projects.filter((p) => String(p.id) === value || p.name.toLowerCase() === value.toLowerCase() || slugOf(p.name) === slugOf(value));
    if (found.length === 0) unknown.push(value);
    ids.push(...found.map((p) => p.id));
  }
  return { ids, unknown };
}

/** The projects and environments the list is filtered by, which `latest` is read within (Sentry's selected projects and environments). */
function releaseScope(db: DB, q: IssueQuery, search: IssueSearch): ReleaseScope {
  const named = search.projects?.find((p) => !p.negate);
  const environment = search.tags.find((t) => t.key === 'environment' && !t.negate);
  return {
    projectIds: q.project !== undefined ? [q.project] : named ? projectIds(db, named).ids : null,
    environments: q.environment ? [q.environment] : environment ? environment.values ?? [environment.value] : null,
  };
}

/** The conditions of a list query; `now` dates `firstSeen:-24h` and the substatuses. */
export function issueSearchWhere(db: DB, q: IssueQuery, isTagKey: (key: string) => boolean, now = Date.now()): IssueWhere {
  const where: string[] = [];
  const counted: string[] = [];
  const args: Record<string, unknown> = {};
  const notes: string[] = [];
  const both = (condition: string) => { where.push(condition); counted.push(condition); };
  const search: IssueSearch = q.query?.trim() ? parseIssueSearch(q.query, isTagKey, now) : { text: '', tags: [], users: [], fields: [] };
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
  if (search.substatuses?.length) {
    args.substatusSince = now - SUBSTATUS_DAYS * 86_400_000;
    for (const s of search.substatuses) both(`${s.negate ? 'NOT ' : ''}${SUBSTATUS_SQL[s.value]}`);
  }
  search.projects?.forEach((filter, n) => {
    const { ids, unknown } = projectIds(db, filter);
    for (const name of unknown) notes.push(`No project is named ${JSON.stringify(name)}, so project:${name} matches none.`);
    both(`i.project_id ${filter.negate ? 'NOT ' : ''}IN (SELECT value FROM json_each(@projects${n}))`);
    args[`projects${n}`] = JSON.stringify(ids);
  });
  // The level menu and `level:` tokens in the search all hold (Sentry ANDs them); `level:[a,b]` is any of a and b.
  const levels = search.levels ? search.levels.filter((l) => !q.level || l === q.level) : q.level ? [q.level] : null;
  if (levels) { both('i.level IN (SELECT value FROM json_each(@levels))'); args.levels = JSON.stringify(levels); }
  // `latest` (in `release:` and `firstRelease:`) is read once, within the projects and environments searched.
  let latest: string[] | undefined;
  const latestOnce = () => (latest ??= latestReleases(db, releaseScope(db, q, search)));
  const tags: TagFilter[] = search.tags.map((tag) => {
    const values = tag.values ?? [tag.value];
    if (tag.key !== 'release' || !values.includes(LATEST)) return tag;
    return { ...tag, values: withLatest(values, latestOnce) };
  });
  if (q.environment) tags.push({ key: 'environment', value: q.environment, negate: false });
  // The Release menu's value reads `latest` as the search's `release:latest` does.
  if (q.release) tags.push({ key: 'release', value: q.release, negate: false, ...(q.release === LATEST ? { values: withLatest([LATEST], latestOnce) } : {}) });
  search.firstReleases?.forEach((filter, n) => {
    // The matching ids read once through `issues_first_release` (partial: first_release IS NOT NULL), for a page
    // as for the total: a rare release is no walk of every issue. `!` keeps the issues with no first release, as Sentry's exclude does.
    const releases = `(SELECT value FROM json_each(@firstRelease${n}))`;
    both(`i.id ${filter.negate ? 'NOT ' : ''}IN (SELECT id FROM issues WHERE first_release IS NOT NULL AND first_release IN ${releases})`);
    args[`firstRelease${n}`] = JSON.stringify(withLatest(filter.values, latestOnce));
  });
  // Sentry's semver keys become the releases they match, searched as the release tag.
  let releases: string[] | undefined;
  for (const filter of search.semver ?? []) {
    const test = semverTest(filter);
    if (typeof test === 'string') { notes.push(test); continue; }
    tags.push({ key: 'release', value: filter.value, negate: filter.negate, values: (releases ??= knownReleases(db)).filter(test) });
  }
  if (latest !== undefined) {
    const found: string[] = latest;
    notes.push(found.length > 0
      ? `"${LATEST}" is ${found.join(', ')}: the newest release of each project searched.`
      : `No release was seen in the projects and environments searched, so "${LATEST}" matches none.`);
  }
  tags.forEach((tag, n) => {
    const not = tag.negate ? 'NOT ' : '';
    // `*` in a value is Sentry's wildcard (issue-search-wildcard.ts); a list may mix both kinds.
    const values = tag.values ?? [tag.value];
    const exactOnly = !values.some(hasWildcard);
    const value = exactOnly ? (tag.values ? `t.value IN (SELECT value FROM json_each(@tv${n}))` : `t.value = @tv${n}`)
      : valueCondition('t.value', values, `tv${n}`, args);
    where.push(`${not}EXISTS (SELECT 1 FROM issue_tags t WHERE t.issue_id = i.id AND t.key = @tk${n} AND ${value})`);
    counted.push(`i.id ${not}IN (SELECT t.issue_id FROM issue_tags t WHERE t.key = @tk${n} AND ${value})`);
    args[`tk${n}`] = tag.key;
    if (exactOnly) args[`tv${n}`] = tag.values ? JSON.stringify(tag.values) : tag.value;
  });
  search.users.forEach((user, n) => {
    const not = user.negate ? 'NOT ' : '';
    // A user value is `field:value`; a wildcard reads only that field's range of the index (its `field:` prefix).
    const field = user.value.slice(0, user.value.indexOf(':') + 1);
    const value = user.anyOf ? `f.value IN (SELECT value FROM json_each(@uv${n}))` : hasWildcard(user.value.slice(field.length))
      ? `f.value >= @uf${n} AND f.value < @uf${n} || char(127) AND f.value LIKE @uv${n} ESCAPE '\\'` : `f.value = @uv${n}`;
    where.push(`${not}EXISTS (SELECT 1 FROM user_fields f JOIN issue_users u ON u.user_key = f.user_key WHERE ${value} AND u.issue_id = i.id)`);
    counted.push(`i.id ${not}IN (SELECT u.issue_id FROM user_fields f JOIN issue_users u ON u.user_key = f.user_key WHERE ${value})`);
    if (value.includes('LIKE')) { args[`uf${n}`] = field; args[`uv${n}`] = field + wildcardLike(user.value.slice(field.length)); }
    else args[`uv${n}`] = user.anyOf ? JSON.stringify(user.anyOf) : user.value;
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
  const text = freeTextCondition(search.text, args);
  if (text) both(text);
  return { where, counted, args, notes: [...searchNotes(search, isTagKey), ...notes] };
}
