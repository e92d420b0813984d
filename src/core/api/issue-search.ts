/**
 * The issue search box read the way Sentry's is: `key:value` tokens filter, the rest is free text.
 * `is:unresolved|resolved|ignored|all` sets the status (`!is:` leaves one out), `level:` the level, `user.email:` (and
 * `user.id:`, `user.username:`, `user.ip:`) a user by that field, whichever its key is, and any other key a
 * tag (`environment:staging`, `feature:checkout`, `browser:"Chrome 119"`); `!key:value` excludes.
 * A token whose key is no tag the store has (`http://…`, `Error: x`) stays free text.
 * @see https://docs.sentry.io/concepts/search/
 */

export interface TagFilter { key: string; value: string; negate: boolean }

export interface IssueSearch {
  /** Words for the full-text index. */
  text: string;
  status?: 'unresolved' | 'resolved' | 'ignored' | 'all';
  /** `!is:resolved` and the like: statuses left out. */
  notStatuses?: ('unresolved' | 'resolved' | 'ignored')[];
  level?: string;
  tags: TagFilter[];
  /** `user.email:x` and the like, as the `field:value` of a user (see `userFields`). */
  users: { value: string; negate: boolean }[];
}

const TOKEN = /(^|\s)(!?)([\w.-]+):(?:"([^"]*)"|(\S+))/g;
const STATUSES = new Set(['unresolved', 'resolved', 'ignored', 'all']);
const USER_FIELDS: Record<string, string> = { id: 'id', email: 'email', username: 'username', ip: 'ip_address', ip_address: 'ip_address' };
/** At most this many filters are applied; more would only slow the query. */
const MAX_FILTERS = 10;

/** `isTagKey` says whether any issue has a tag of that key (the free-text fallback for anything else). */
export function parseIssueSearch(input: string, isTagKey: (key: string) => boolean): IssueSearch {
  const search: IssueSearch = { text: '', tags: [], users: [] };
  const text = input.replace(TOKEN, (whole, lead: string, bang: string, key: string, quoted?: string, bare?: string) => {
    const value = quoted ?? bare ?? '';
    const lower = key.toLowerCase();
    if (search.tags.length + search.users.length >= MAX_FILTERS) return whole;
    if (lower === 'is' && STATUSES.has(value.toLowerCase())) {
      const status = value.toLowerCase() as NonNullable<IssueSearch['status']>;
      if (!bang) search.status = status;
      else if (status !== 'all') (search.notStatuses ??= []).push(status);
    } else if (lower === 'level' && !bang) {
      search.level = value.toLowerCase();
    } else if (lower.startsWith('user.') && USER_FIELDS[lower.slice(5)]) {
      search.users.push({ value: `${USER_FIELDS[lower.slice(5)]}:${value}`, negate: bang === '!' });
    } else if (isTagKey(key)) {
      search.tags.push({ key, value, negate: bang === '!' });
    } else {
      return whole;
    }
    return lead;
  });
  search.text = text.trim();
  return search;
}
