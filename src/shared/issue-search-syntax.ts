/**
 * The parts of Sentry's issue search syntax both sides read: the server filters by them
 * (`core/api/issue-search.ts`), the issue list's menus show what they mean. One reading, so a menu
 * never shows a filter the server does not apply.
 * @see https://docs.sentry.io/concepts/search/
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issues/grouptype.py (GroupCategory: error, performance)
 */

/** `key:value` or `!key:value`; groups: 1 lead space, 2 `!`, 3 key, 4 quoted value, 5 `[list]`, 6 bare value. */
export const SEARCH_TOKEN = /(^|\s)(!?)([\w.-]+):(?:"([^"]*)"|(\[[^\]]*\])|(\S+))/g;

/** Sentry's list syntax, `[a,b,"c d"]`: its values, or null for a plain value. */
export function listValues(value: string): string[] | null {
  if (!value.startsWith('[') || !value.endsWith(']')) return null;
  const values = value.slice(1, -1).split(',').map((v) => v.trim().replace(/^"(.*)"$/, '$1')).filter((v) => v !== '');
  return values.length > 0 ? values.slice(0, 50) : null;
}

/**
 * The performance issue types Lookout detects, by Sentry's group type slug (the `issue.type:` value):
 * Sentry's type id and title. Listed in Sentry's detector order (`DETECTOR_CLASSES`).
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issues/grouptype.py
 */
export const PERFORMANCE_ISSUE_TYPES = {
  performance_consecutive_db_queries: { typeId: 1007, title: 'Consecutive DB Queries' },
  performance_consecutive_http: { typeId: 1009, title: 'Consecutive HTTP' },
  performance_slow_db_query: { typeId: 1001, title: 'Slow DB Query' },
  performance_render_blocking_asset_span: { typeId: 1004, title: 'Large Render Blocking Asset' },
  performance_n_plus_one_db_queries: { typeId: 1006, title: 'N+1 Query' },
  performance_n_plus_one_api_calls: { typeId: 1010, title: 'N+1 API Call' },
  performance_uncompressed_assets: { typeId: 1012, title: 'Uncompressed Asset' },
  performance_large_http_payload: { typeId: 1015, title: 'Large HTTP payload' },
} as const;
export type PerformanceIssueType = keyof typeof PERFORMANCE_ISSUE_TYPES;

export const ISSUE_CATEGORIES = ['error', 'performance', 'cron'] as const;
export type IssueCategory = (typeof ISSUE_CATEGORIES)[number];

/** One `issue.category:` token: a value, or a list (any of its values), `negate` for `!`. */
export interface CategoryFilter { value: string; negate: boolean; values?: string[] }

/** Whether a typed value names the category: in any case, `*` standing for any run of characters (Sentry's wildcard). */
function names(value: string, category: IssueCategory): boolean {
  const pattern = value.toLowerCase().split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern}$`, 's').test(category);
}

/** The categories all the filters let through (Sentry ANDs filters): several contradicting ones leave none. */
export function categoriesAllowed(filters: readonly CategoryFilter[]): IssueCategory[] {
  return ISSUE_CATEGORIES.filter((category) => filters.every((f) => {
    const named = (f.values ?? [f.value]).some((v) => names(v, category));
    return f.negate ? !named : named;
  }));
}

/** The `issue.category:` tokens of a search box text, as the server's parser reads them. */
export function categoryFilters(query: string): CategoryFilter[] {
  return [...query.matchAll(SEARCH_TOKEN)].filter((m) => m[3]?.toLowerCase() === 'issue.category').map((m) => {
    const value = m[4] ?? m[5] ?? m[6] ?? '';
    const values = listValues(value);
    return { value, negate: m[2] === '!', ...(values ? { values } : {}) };
  });
}

/**
 * The keys the issue search answers besides tags, as Sentry names them, with what each does: the search
 * box suggests them (before the tag keys issues have), the server reads them (`core/api/issue-search.ts`).
 * @see https://docs.sentry.io/concepts/search/searchable-properties/issues/
 */
export const ISSUE_SEARCH_KEYS: readonly { key: string; hint: string }[] = [
  { key: 'is', hint: 'status: unresolved, resolved, ignored, new, ongoing, regressed' },
  { key: 'project', hint: 'a project by name' },
  { key: 'level', hint: 'fatal, error, warning, info, debug' },
  { key: 'has', hint: 'has a tag or user field' },
  { key: 'timesSeen', hint: 'number of events: >10, <=3' },
  { key: 'firstSeen', hint: 'first event: -24h, +7d, >2026-01-31' },
  { key: 'lastSeen', hint: 'last event: -1h, +30d, <2026-01-31' },
  { key: 'age', hint: 'same as firstSeen' },
  { key: 'release', hint: 'seen in a release, or latest' },
  { key: 'firstRelease', hint: 'first seen in a release, or latest' },
  { key: 'release.version', hint: 'semantic version: >=2.4.0, 2.3.*' },
  { key: 'release.package', hint: 'the package of name@version' },
  { key: 'release.build', hint: 'the build of version+build: 412, >=400' },
  { key: 'error.type', hint: 'exception type, * wildcards' },
  { key: 'error.value', hint: 'exception message, * wildcards' },
  { key: 'message', hint: 'part of the title or message' },
  { key: 'error.unhandled', hint: 'true: nothing caught it' },
  { key: 'error.handled', hint: 'true: the app caught it' },
  { key: 'issue.category', hint: ISSUE_CATEGORIES.join(', ') },
  { key: 'issue.type', hint: 'a performance issue type' },
  { key: 'user.id', hint: 'a user by id' },
  { key: 'user.email', hint: 'a user by email' },
  { key: 'user.username', hint: 'a user by username' },
  { key: 'user.ip', hint: 'a user by IP address' },
];

/** The `is:` statuses the server reads. */
export const ISSUE_STATUS_VALUES = ['unresolved', 'resolved', 'ignored', 'all'] as const;
/**
 * Sentry's substatuses of an unresolved issue the server reads as `is:` values, with what each means.
 * @see https://docs.sentry.io/product/issues/states-triage/
 */
export const ISSUE_SUBSTATUS_VALUES: readonly [string, string][] = [
  ['new', 'first seen in the last 7 days'],
  ['ongoing', 'unresolved, neither new nor regressed'],
  ['regressed', 'came back in the last 7 days'],
];
/** Sentry's event levels, most severe first. */
export const ISSUE_LEVEL_VALUES = ['fatal', 'error', 'warning', 'info', 'debug'] as const;

/** One `project:` token: its value or list values, `negate` for `!project:`. */
export interface ProjectToken { values: string[]; negate: boolean }

/** The `project:` tokens of a search box text, as the server's parser reads them (`core/api/issue-search.ts`). */
export function projectTokens(query: string): ProjectToken[] {
  return [...query.matchAll(SEARCH_TOKEN)].filter((m) => m[3]?.toLowerCase() === 'project').map((m) => {
    const value = m[4] ?? m[5] ?? m[6] ?? '';
    return { values: listValues(value) ?? [value], negate: m[2] === '!' };
  });
}

/**
 * Whether a `project:` value names the project as the server reads it (`core/api/issue-search-where.ts`):
 * its id, its name in any case, or Sentry's slug of the name (lower case, other characters as `-`).
 */
export function projectValueNames(value: string, project: { id: number; name: string }): boolean {
  const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9_]+/g, '-').replace(/^-+|-+$/g, '');
  return String(project.id) === value || project.name.toLowerCase() === value.toLowerCase() || slug(project.name) === slug(value);
}
