/**
 * `is:` values beyond the statuses and substatuses Lookout answers. Sentry reads `is:` against a
 * fixed list (its statuses with the aliases `archived` and `muted` for ignored, `reprocessing`,
 * the assignee values, `linked` / `unlinked`, and the substatuses) and refuses any other value
 * ("Invalid value for "is" search"), so an unknown value is an error to say, never a text search
 * that quietly finds nothing (`is:unhandled` would otherwise list 0 issues).
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/models/group.py (STATUS_QUERY_CHOICES)
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/api/issue_search.py (is_filter_translation)
 * @see https://docs.sentry.io/concepts/search/searchable-properties/issues/
 */

/** Sentry's other names for the ignored status (`archived` is today's UI word, `muted` the old one). */
export const IS_STATUS_ALIASES: Readonly<Record<string, 'ignored'>> = { archived: 'ignored', muted: 'ignored' };

/** `is:` values Sentry has but Lookout keeps no data for: searched as text and said (issue-search-sql.ts). */
export const SENTRY_IS_UNSUPPORTED = new Set(['escalating', 'reprocessing', 'linked', 'unlinked']);

/** What a user most likely meant by an `is:` value Sentry does not have. */
const MEANT: Readonly<Record<string, string>> = {
  unhandled: 'error.unhandled:true', crashed: 'error.unhandled:true', crash: 'error.unhandled:true',
  handled: 'error.handled:true',
  open: 'is:unresolved', active: 'is:unresolved', closed: 'is:resolved', fixed: 'is:resolved', done: 'is:resolved',
  fatal: 'level:fatal', error: 'level:error', warning: 'level:warning', info: 'level:info', debug: 'level:debug',
  performance: 'issue.category:performance', cron: 'issue.category:cron',
};

const VALID = 'unresolved, resolved, ignored (or archived), new, ongoing, regressed';

/** The sentence under the search box for `whole` (`is:unhandled`, `!is:x`), whose value Sentry's `is:` does not take. */
export function unknownIsValue(whole: string, value: string): string {
  const meant = MEANT[value.toLowerCase()];
  const token = JSON.stringify(whole.trim());
  return meant
    ? `${token} is not a status: use ${meant}. It was left out of the search.`
    : `${token} is not a status (is: takes ${VALID}). It was left out of the search.`;
}
