/**
 * The SQL of the issue search's `has:`, `timesSeen:`, `firstSeen:` / `age:` and `lastSeen:` filters, and
 * the notes said under the search box. Each filter is an index seek: `has:` on a tag reads the issue's own
 * `issue_tags` rows (primary key) for a page and the `issue_tags_filter` index for the total; `has:user.email`
 * the issue's users (`issue_users` primary key) and their fields (`user_fields_key`); the counters their
 * issue columns, which `issues_count`, `issues_first_seen` and `issues_last_seen` index.
 * @see https://docs.sentry.io/concepts/search/searchable-properties/issues/
 */
import type { HasFilter, IssueSearch, RangeColumn, RangeFilter } from './issue-search';

/** Adds one condition: `page` for the listed rows (read per issue), `counted` for the total (read through an index). */
export type AddCondition = (page: string, counted: string) => void;

/** `user.email` and the like, by the prefix their values are stored under in `user_fields` (`email:jane@…`). */
const USER_FIELD_PREFIX: Record<string, string> = {
  'user.id': 'id:', 'user.email': 'email:', 'user.username': 'username:', 'user.ip': 'ip_address:', 'user.ip_address': 'ip_address:',
};
const COLUMNS: Record<RangeColumn, string> = { count: 'i.count', first_seen: 'i.first_seen', last_seen: 'i.last_seen' };

function hasCondition(filter: HasFilter, n: number, args: Record<string, unknown>): [string, string] {
  const not = filter.negate ? 'NOT ' : '';
  const prefix = USER_FIELD_PREFIX[filter.key.toLowerCase()];
  if (prefix) {
    // The prefix as a range of the `user_fields` key, so its index is searched, never scanned.
    args[`hf${n}`] = prefix; args[`hfEnd${n}`] = `${prefix.slice(0, -1)};`;
    const fields = `f.value >= @hf${n} AND f.value < @hfEnd${n}`;
    return [
      `${not}EXISTS (SELECT 1 FROM issue_users u JOIN user_fields f ON f.user_key = u.user_key WHERE u.issue_id = i.id AND ${fields})`,
      `i.id ${not}IN (SELECT u.issue_id FROM user_fields f JOIN issue_users u ON u.user_key = f.user_key WHERE ${fields})`,
    ];
  }
  args[`hk${n}`] = filter.key;
  return [
    `${not}EXISTS (SELECT 1 FROM issue_tags t WHERE t.issue_id = i.id AND t.key = @hk${n})`,
    `i.id ${not}IN (SELECT issue_id FROM issue_tags WHERE key = @hk${n})`,
  ];
}

function rangeCondition(filter: RangeFilter, n: number, args: Record<string, unknown>): string {
  const all = filter.bounds.map((bound, k) => {
    args[`rv${n}_${k}`] = bound.value;
    return `${COLUMNS[filter.column]} ${bound.op} @rv${n}_${k}`;
  }).join(' AND ');
  return filter.negate ? `NOT (${all})` : `(${all})`;
}

/** Adds the conditions of the search's `has:` and counter filters (named arguments go into `args`). */
export function addSearchConditions(search: IssueSearch, add: AddCondition, args: Record<string, unknown>): void {
  search.has?.forEach((filter, n) => add(...hasCondition(filter, n, args)));
  search.ranges?.forEach((filter, n) => {
    const condition = rangeCondition(filter, n, args);
    add(condition, condition);
  });
}

/** What to say under the search box: keys Lookout cannot answer, values it left out, `has:` of a key no issue has. */
export function searchNotes(search: IssueSearch, isTagKey: (key: string) => boolean): string[] {
  const unsupported = (search.unsupported ?? []).map((token) => /^!?stack\./i.test(token)
    ? `Lookout does not support the Sentry search ${JSON.stringify(token)}: it keeps no index of stack frames, so it was looked for as text.`
    : `Lookout does not support the Sentry search ${JSON.stringify(token)}: it was looked for as text.`);
  const unknownHas = (search.has ?? []).filter((h) => !h.negate && !USER_FIELD_PREFIX[h.key.toLowerCase()] && !isTagKey(h.key))
    .map((h) => `No issue has a ${JSON.stringify(h.key)} tag, so has:${h.key} matches none.`);
  return [...unsupported, ...(search.problems ?? []), ...unknownHas];
}
