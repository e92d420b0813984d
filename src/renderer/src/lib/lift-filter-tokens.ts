import type { IssueFilters } from '../routing/route';

const STATUS_VALUES: readonly string[] = ['unresolved', 'resolved', 'ignored', 'all'];
const LEVEL_VALUES: readonly string[] = ['fatal', 'error', 'warning', 'info', 'debug'];
const LIFTED = /(^|\s)(is|level):(\S+)(?=\s|$)/gi;

/**
 * Moves `is:resolved` and `level:warning` typed in the search into the status tabs and the level
 * menu, which show them. Left in the query they overrode the tabs unseen: "Ignored" highlighted
 * over a list of resolved issues. `!is:` and unknown values stay in the query for the server.
 */
export function liftFilterTokens(query: string): { query: string; status?: IssueFilters['status']; level?: string } {
  let status: IssueFilters['status'] | undefined;
  let level: string | undefined;
  // Two different levels both hold on the server (Sentry ANDs them): the level menu could show only one.
  const levels = new Set([...query.matchAll(LIFTED)].filter((m) => m[2]?.toLowerCase() === 'level').map((m) => m[3]?.toLowerCase()));
  const liftLevel = levels.size <= 1;
  // Two different statuses both hold too (so nothing matches): one tab cannot show that either.
  const statuses = new Set([...query.matchAll(LIFTED)].filter((m) => m[2]?.toLowerCase() === 'is').map((m) => m[3]?.toLowerCase() ?? '')
    .filter((v) => STATUS_VALUES.includes(v)));
  const liftStatus = statuses.size <= 1;
  const rest = query.replace(LIFTED, (whole, lead: string, key: string, value: string) => {
    const v = value.toLowerCase();
    if (liftStatus && key.toLowerCase() === 'is' && STATUS_VALUES.includes(v)) { status = v as IssueFilters['status']; return lead; }
    if (liftLevel && key.toLowerCase() === 'level' && LEVEL_VALUES.includes(v)) { level = v; return lead; }
    return whole;
  });
  return { query: rest.replace(/\s{2,}/g, ' ').trim(), ...(status ? { status } : {}), ...(level ? { level } : {}) };
}

/** A filter set outside the search text, as the token that would say it in the box. */
export interface FilterBeyondText { field: 'level' | 'environment' | 'release'; token: string }

/**
 * The filters that apply besides the text and away from the status tabs beside it: the level menu
 * (where a typed `level:` goes), the environment and release fields. Shown as chips by the box.
 */
export function filtersBeyondText(filters: IssueFilters): FilterBeyondText[] {
  const quote = (v: string) => (/[\s"]/.test(v) ? `"${v.replace(/"/g, '')}"` : v);
  return (['level', 'environment', 'release'] as const).flatMap((field) => {
    const value = filters[field];
    return value ? [{ field, token: `${field}:${quote(value)}` }] : [];
  });
}
