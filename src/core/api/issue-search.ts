/**
 * The issue search box read the way Sentry's is: `key:value` tokens filter, the rest is free text.
 * `is:unresolved|resolved|ignored|all` sets the status (`!is:` leaves one out; two `is:` must both hold, so
 * `is:resolved is:unresolved` matches nothing, as in Sentry), `level:` the level, `user.email:` (and
 * `user.id:`, `user.username:`, `user.ip:`) a user by that field, whichever its key is, and any other key a
 * tag (`environment:staging`, `feature:checkout`, `browser:"Chrome 119"`); `!key:value` excludes.
 * `key:[a,b]` is any of a and b (tags and `level:`); two `level:` tokens must both hold, as Sentry ANDs filters.
 * `error.type:` and `error.value:` match the issue's main exception (`*` is a wildcard), `message:` any
 * part of its title, value or message; `error.handled:` / `error.unhandled:` read the `handled` tag.
 * `issue.category:performance|error` and `issue.type:performance_n_plus_one_db_queries` (Sentry's group type slugs) tell
 * performance issues from errors; both take lists (`issue.category:[error,performance]`).
 * A token whose key is no tag the store has (`http://…`, `Error: x`) stays free text.
 * @see https://docs.sentry.io/concepts/search/
 */
import { listValues, SEARCH_TOKEN } from '../../shared/issue-search-syntax';

/** `value` is one value, or several (Sentry's `key:[a,b]`: any of them) as a JSON array in `values`. */
export interface TagFilter { key: string; value: string; negate: boolean; values?: string[] }

/** Sentry's event-field keys an issue's own columns answer: its main exception's type and value, its message, its category and type. */
export type IssueField = 'error.type' | 'error.value' | 'message' | 'issue.category' | 'issue.type';
/** `values`: a list's values, any of which matches (`issue.category:` and `issue.type:` only). */
export interface FieldFilter { field: IssueField; value: string; negate: boolean; values?: string[] }

export interface IssueSearch {
  /** Words for the full-text index. */
  text: string;
  /** Every `is:` status typed; each must hold (Sentry ANDs them), so two different ones match nothing. */
  statuses?: ('unresolved' | 'resolved' | 'ignored' | 'all')[];
  /** `!is:resolved` and the like: statuses left out. */
  notStatuses?: ('unresolved' | 'resolved' | 'ignored')[];
  /** One level, or several (`level:[error,fatal]`); two `level:` tokens must both hold, as in Sentry. */
  level?: string;
  levels?: string[];
  tags: TagFilter[];
  /** `user.email:x` and the like, as the `field:value` of a user (see `userFields`). */
  users: { value: string; negate: boolean }[];
  fields: FieldFilter[];
  /** Sentry search keys Lookout cannot answer, as typed; they were searched as text. */
  unsupported?: string[];
}

const STATUSES = new Set(['unresolved', 'resolved', 'ignored', 'all']);
const USER_FIELDS: Record<string, string> = { id: 'id', email: 'email', username: 'username', ip: 'ip_address', ip_address: 'ip_address' };
/** At most this many filters are applied; more would only slow the query. */
const MAX_FILTERS = 10;
const FIELDS = new Set<string>(['error.type', 'error.value', 'message', 'issue.category', 'issue.type']);
/** Keys of Sentry's issue search that Lookout has no data or no filter for: said, not silently missed. */
const SENTRY_ONLY = /^(?:stack\.[\w.]+|has|timesseen|firstseen|lastseen|age|assigned|assigned_or_suggested|bookmarks|issue\.(?!category$|type$)[\w.]+|event\.type|error\.(?:mechanism|main_thread|handled|unhandled)|is)$/;
/** `error.handled:` / `error.unhandled:` are the `handled` tag Lookout derives, said the other way round. */
const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);

function handledTag(key: string, value: string): 'yes' | 'no' | null {
  const v = value.toLowerCase();
  const truth = TRUE.has(v) ? true : FALSE.has(v) ? false : null;
  if (truth === null) return null;
  return (key === 'error.handled') === truth ? 'yes' : 'no';
}

/** `isTagKey` says whether any issue has a tag of that key (the free-text fallback for anything else). */
export function parseIssueSearch(input: string, isTagKey: (key: string) => boolean): IssueSearch {
  const search: IssueSearch = { text: '', tags: [], users: [], fields: [] };
  const text = input.replace(SEARCH_TOKEN, (whole, lead: string, bang: string, key: string, quoted?: string, list?: string, bare?: string) => {
    const value = quoted ?? list ?? bare ?? '';
    const lower = key.toLowerCase();
    if (search.tags.length + search.users.length + search.fields.length >= MAX_FILTERS) return whole;
    const handled = lower === 'error.handled' || lower === 'error.unhandled' ? handledTag(lower, value) : null;
    if (lower === 'is' && STATUSES.has(value.toLowerCase())) {
      const status = value.toLowerCase() as NonNullable<IssueSearch['statuses']>[number];
      if (!bang) (search.statuses ??= []).push(status);
      else if (status !== 'all') (search.notStatuses ??= []).push(status);
    } else if (lower === 'level' && !bang) {
      const levels = listValues(value)?.map((v) => v.toLowerCase()) ?? [value.toLowerCase()];
      // Each further level: token narrows to what both allow (Sentry ANDs filters).
      search.levels = search.levels ? search.levels.filter((l) => levels.includes(l)) : levels;
      search.level = search.levels.length === 1 ? search.levels[0] : undefined;
    } else if (handled) {
      search.tags.push({ key: 'handled', value: handled, negate: bang === '!' });
    } else if (FIELDS.has(lower)) {
      const values = lower === 'issue.category' || lower === 'issue.type' ? listValues(value) : null;
      search.fields.push({ field: lower as IssueField, value, negate: bang === '!', ...(values ? { values } : {}) });
    } else if (lower.startsWith('user.') && USER_FIELDS[lower.slice(5)]) {
      search.users.push({ value: `${USER_FIELDS[lower.slice(5)]}:${value}`, negate: bang === '!' });
    } else if (isTagKey(key)) {
      const values = listValues(value);
      search.tags.push({ key, value, negate: bang === '!', ...(values ? { values } : {}) });
    } else {
      if (SENTRY_ONLY.test(lower)) (search.unsupported ??= []).push(whole.trim());
      return whole;
    }
    return lead;
  });
  search.text = text.trim();
  return search;
}
