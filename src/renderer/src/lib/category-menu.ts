import { categoriesAllowed, categoryFilters, SEARCH_TOKEN, type IssueCategory } from '../../../shared/issue-search-syntax';

/** What the Category menu shows: both categories (''), one, or `none` when the search's tokens rule out both. */
export type CategoryMenuValue = '' | IssueCategory | 'none';

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
  return allowed.length === 1 ? (allowed[0] ?? '') : '';
}

/** The search with every `issue.category:` token (negated, quoted or a list too) replaced by `category` ('' drops them). */
export function withCategory(query: string | undefined, category: IssueCategory | ''): string | undefined {
  const rest = (query ?? '').replace(SEARCH_TOKEN, (whole, lead: string, _bang: string, key: string) =>
    (key.toLowerCase() === 'issue.category' ? lead : whole)).replace(/\s{2,}/g, ' ').trim();
  return [rest, category ? `issue.category:${category}` : ''].filter((p) => p !== '').join(' ') || undefined;
}
