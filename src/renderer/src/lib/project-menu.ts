import { projectTokens, projectValueNames, SEARCH_TOKEN } from '../../../shared/issue-search-syntax';

/**
 * What the Project menu shows: '' (all projects), a project's id, or `search` when the search's
 * `project:` tokens pick something the menu cannot name (several projects, `!project:`, an unknown name).
 */
export type ProjectMenuValue = '' | number | 'search';

/**
 * The menu's reading of the list's project: the URL's project when set, else the one project a
 * single plain `project:` token names, as the server reads it. One source of truth: typing
 * `project:billing` shows "billing" in the menu.
 * @see https://docs.sentry.io/concepts/search/searchable-properties/issues/
 */
export function projectMenuValue(query: string | undefined, project: number | undefined, projects: readonly { id: number; name: string }[]): ProjectMenuValue {
  const tokens = projectTokens(query ?? '');
  if (tokens.length === 0) return project ?? '';
  const [only, ...more] = tokens;
  const named = only && more.length === 0 && !only.negate && only.values.length === 1 && only.values[0] !== undefined
    ? projects.filter((p) => projectValueNames(only.values[0] ?? '', p)) : [];
  const [one] = named;
  if (named.length !== 1 || !one || (project !== undefined && project !== one.id)) return 'search';
  return one.id;
}

/** A project name as a search value: quoted when it holds a space or a quote-free `,`/`]`. */
function searchValue(name: string): string {
  return /[\s,[\]"]/.test(name) ? `"${name.replace(/"/g, '')}"` : name;
}

/** The search with every `project:` token (negated, quoted or a list too) replaced by `project:<name>` (null drops them). */
export function withProject(query: string | undefined, name: string | null): string | undefined {
  const rest = (query ?? '').replace(SEARCH_TOKEN, (whole, lead: string, _bang: string, key: string) =>
    (key.toLowerCase() === 'project' ? lead : whole)).replace(/\s{2,}/g, ' ').trim();
  return [rest, name !== null ? `project:${searchValue(name)}` : ''].filter((p) => p !== '').join(' ') || undefined;
}

/** Whether the search has a `project:` token: then the menu writes to the search, not the URL's project. */
export function hasProjectToken(query: string | undefined): boolean {
  return projectTokens(query ?? '').length > 0;
}
