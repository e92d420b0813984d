import { categoriesAllowed, categoryFilters, ISSUE_CATEGORIES, listValues, PERFORMANCE_ISSUE_TYPES, SEARCH_TOKEN, type IssueCategory, type PerformanceIssueType } from '../../../shared/issue-search-syntax';

/**
 * What the Category menu shows: every category (''), one, `some` when the search's tokens let
 * through several but not all (the menu cannot pick those), or `none` when they rule out all.
 */
export type CategoryMenuValue = '' | IssueCategory | 'some' | 'none';

/**
 * The menu's reading of the search's `issue.category:` tokens, by the code the server filters with:
 * `issue.category:Performance` is performance, `issue.category:[error,performance]` and no token
 * both, `!issue.category:error` performance, `issue.category:error issue.category:performance` none.
 * @see https://docs.sentry.io/concepts/search/
 */
export function categoryMenuValue(query: string | undefined): CategoryMenuValue {
  const filters = categoryFilters(query ?? '');
  if (filters.length === 0) return '';
  const allowed = categoriesAllowed(filters);
  if (allowed.length === 0) return 'none';
  if (allowed.length === ISSUE_CATEGORIES.length) return '';
  return allowed.length === 1 ? (allowed[0] ?? '') : 'some';
}

/** The search with every `issue.category:` token (negated, quoted or a list too) replaced by `category` ('' drops them). */
export function withCategory(query: string | undefined, category: IssueCategory | ''): string | undefined {
  const rest = (query ?? '').replace(SEARCH_TOKEN, (whole, lead: string, _bang: string, key: string) =>
    (key.toLowerCase() === 'issue.category' ? lead : whole)).replace(/\s{2,}/g, ' ').trim();
  return [rest, category ? `issue.category:${category}` : ''].filter((p) => p !== '').join(' ') || undefined;
}

/** The Type menu's choices: Sentry's performance issue types, by slug and title, in Sentry's detector order. */
export const PERFORMANCE_TYPE_OPTIONS = Object.entries(PERFORMANCE_ISSUE_TYPES)
  .map(([slug, { title }]) => [slug as PerformanceIssueType, title] as const);

/** What the Type menu shows: no `issue.type:` token (''), the one type a single plain token names, or `other` for any other use of the key. */
export type TypeMenuValue = '' | PerformanceIssueType | 'other';

const isType = (v: string): v is PerformanceIssueType => Object.hasOwn(PERFORMANCE_ISSUE_TYPES, v);

/** The menu's reading of the search's `issue.type:` tokens: `issue.type:performance_slow_db_query` (in any case, or a one-value list) is that type. */
export function typeMenuValue(query: string | undefined): TypeMenuValue {
  const tokens = [...(query ?? '').matchAll(SEARCH_TOKEN)].filter((m) => m[3]?.toLowerCase() === 'issue.type');
  const [only, ...more] = tokens;
  if (!only) return '';
  const raw = only[4] ?? only[5] ?? only[6] ?? '';
  const values = (listValues(raw) ?? [raw]).map((v) => v.toLowerCase());
  const [value] = values;
  return more.length === 0 && only[2] !== '!' && values.length === 1 && value !== undefined && isType(value) ? value : 'other';
}

/** The search with every `issue.type:` token replaced by `issue.type:<type>` ('' drops them). */
export function withType(query: string | undefined, type: PerformanceIssueType | ''): string | undefined {
  const rest = (query ?? '').replace(SEARCH_TOKEN, (whole, lead: string, _bang: string, key: string) =>
    (key.toLowerCase() === 'issue.type' ? lead : whole)).replace(/\s{2,}/g, ' ').trim();
  return [rest, type ? `issue.type:${type}` : ''].filter((p) => p !== '').join(' ') || undefined;
}
