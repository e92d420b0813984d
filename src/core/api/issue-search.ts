/**
 * The issue search box read the way Sentry's is: `key:value` tokens filter, the rest is free text.
 * `is:unresolved|resolved|ignored|all` sets the status (`!is:` leaves one out; two `is:` must both hold, so
 * `is:resolved is:unresolved` matches nothing, as in Sentry), `level:` the level, `user.email:` (and
 * `user.id:`, `user.username:`, `user.ip:`) a user by that field, whichever its key is, and any other key a
 * tag (`environment:staging`, `feature:checkout`, `browser:"Chrome 119"`); `!key:value` excludes.
 * `key:[a,b]` is any of a and b (tags and `level:`); two `level:` tokens must both hold, as Sentry ANDs filters.
 * `is:new` (first seen in the last 7 days), `is:regressed` (came back in the last 7 days) and `is:ongoing` (neither) are
 * Sentry's substatuses of an unresolved issue; `project:` takes a project's name, slug or id.
 * `error.type:` and `error.value:` match the issue's main exception (`*` is a wildcard), `message:` any
 * part of its title, value or message; `error.handled:` / `error.unhandled:` read the `handled` tag.
 * `issue.category:performance|error` and `issue.type:performance_n_plus_one_db_queries` (Sentry's group type slugs) tell
 * performance issues from errors; both take lists (`issue.category:[error,performance]`).
 * `has:key` / `!has:key` ask whether an issue has that tag (the fields Lookout stores as tags too: user,
 * release, environment, level…) or, for `user.email` and the like, that user field. `timesSeen:` bounds the
 * issue's event count, `firstSeen:` (and its alias `age:`) and `lastSeen:` its first and last event
 * (`issue-search-values.ts`); a value they cannot read is said, not searched. `assigned:` is said to have
 * no meaning here: Lookout is local and has one user.
 * `firstRelease:` (and `first-release:`, `first_release:`) matches the release an issue was first seen in; it and
 * `release:` take `latest` (`issue-search-release.ts`); `release.version:`, `release.package:` and `release.build:` read the
 * release tag as Sentry's semver keys (`issue-search-semver.ts`). A token whose key is no tag the store has stays free
 * text and is said under the box (a URL, `http://…`, is not).
 * @see https://docs.sentry.io/concepts/search/searchable-properties/issues/
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/issues/issue_search.py
 */
import { bareUserFilter, type UserFilter } from './issue-search-user';
import { IS_STATUS_ALIASES, SENTRY_IS_UNSUPPORTED, unknownIsValue } from './issue-search-is';
import { listValues, SEARCH_TOKEN } from '../../shared/issue-search-syntax';
import { parseCount, parseTime, type Bound } from './issue-search-values';
import { SEMVER_KEYS, type SemverFilter, type SemverKey } from './issue-search-semver';

/** `value` is one value, or several (Sentry's `key:[a,b]`: any of them) as a JSON array in `values`. */
export interface TagFilter { key: string; value: string; negate: boolean; values?: string[] }

/** Sentry's event-field keys an issue's own columns answer: its main exception's type and value, its message, its category and type. */
export type IssueField = 'error.type' | 'error.value' | 'message' | 'issue.category' | 'issue.type';
/** `values`: a list's values, any of which matches (`issue.category:` and `issue.type:` only). */
export interface FieldFilter { field: IssueField; value: string; negate: boolean; values?: string[] }

/** Sentry's substatuses of an unresolved issue `is:` reads (`is:regressed`, `!is:new`). */
export type SubStatus = 'new' | 'ongoing' | 'regressed';
/** `project:` by name, slug or id; a list (`project:[a,b]`) is any of them. */
export interface ProjectFilter { values: string[]; negate: boolean }

/** `firstRelease:` (Sentry's `first_release`): issues first seen in any of `values` (`latest` read later); `negate` for `!`. */
export interface FirstReleaseFilter { values: string[]; negate: boolean }

/** `has:key` (a tag, or a user field as `user.email`); `negate` for `!has:`. */
export interface HasFilter { key: string; negate: boolean }
/** The issue columns `timesSeen:`, `firstSeen:` / `age:` and `lastSeen:` bound. */
export type RangeColumn = 'count' | 'first_seen' | 'last_seen';
/** Every bound holds; `negate` (`!timesSeen:>5`) turns the whole range round. */
export interface RangeFilter { column: RangeColumn; bounds: Bound[]; negate: boolean }

export interface IssueSearch {
  /** The free text, as typed (`issue-search-text.ts` reads it as Sentry's one substring term). */
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
  users: UserFilter[];
  fields: FieldFilter[];
  /** Sentry search keys Lookout cannot answer, as typed; they were searched as text. */
  unsupported?: string[];
  has?: HasFilter[];
  ranges?: RangeFilter[];
  /** `is:new`, `is:ongoing`, `is:regressed` (each must hold; `!is:` leaves one out). */
  substatuses?: { value: SubStatus; negate: boolean }[];
  projects?: ProjectFilter[];
  firstReleases?: FirstReleaseFilter[];
  /** `release.version:`, `release.package:`, `release.build:` (issue-search-semver.ts). */
  semver?: SemverFilter[];
  /** What was left out of the search and why (a value that is no number or time, `assigned:`), to say under the box. */
  problems?: string[];
}

const STATUSES = new Set(['unresolved', 'resolved', 'ignored', 'all']);
const SUBSTATUSES = new Set<string>(['new', 'ongoing', 'regressed']);
const USER_FIELDS: Record<string, string> = { id: 'id', email: 'email', username: 'username', ip: 'ip_address', ip_address: 'ip_address' };
/** At most this many filters are applied; more would only slow the query. */
const MAX_FILTERS = 10;
const FIELDS = new Set<string>(['error.type', 'error.value', 'message', 'issue.category', 'issue.type']);
/** Keys of Sentry's issue search that Lookout has no data or no filter for: said, not silently missed. */
const SENTRY_ONLY = /^(?:stack\.[\w.]+|bookmarks|issue\.(?!category$|type$)[\w.]+|event\.type|error\.(?:mechanism|main_thread|handled|unhandled)|is)$/;
/** Sentry's keys on an issue's own counters, by the column that answers each (`age` is `firstSeen`, as in Sentry). */
const RANGE_KEYS: Record<string, RangeColumn> = { timesseen: 'count', firstseen: 'first_seen', age: 'first_seen', lastseen: 'last_seen' };
/** Sentry's assignee keys and `is:` values: one local user assigns nothing. */
const ASSIGNEE_KEYS = new Set(['assigned', 'assigned_or_suggested']);
const ASSIGNEE_STATUSES = new Set(['assigned', 'unassigned', 'for_review']);
/** Sentry's spellings of the first-release key (`first_release`, with its aliases). */
const FIRST_RELEASE_KEYS = new Set(['firstrelease', 'first-release', 'first_release']);
/** A key a sentence or a URL puts before a colon (`http://…`, `10:30`) is no search key, so nothing is said of it. */
const KEY_LIKE = /^[A-Za-z_][\w.-]*$/;

/** Why a `timesSeen:` / `firstSeen:` value was left out, with the forms that work. */
function badValue(key: string, value: string): string {
  const example = RANGE_KEYS[key.toLowerCase()] === 'count'
    ? `a number, such as ${key}:>10 or ${key}:<=3`
    : `a time, such as ${key}:-24h (the last 24 hours), ${key}:+7d (more than 7 days ago) or ${key}:>2026-11-20`;
  return `${key} needs ${example}: ${JSON.stringify(value)} was left out of the search.`;
}
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
export function parseIssueSearch(input: string, isTagKey: (key: string) => boolean, now = Date.now()): IssueSearch {
  const search: IssueSearch = { text: '', tags: [], users: [], fields: [] };
  const text = input.replace(SEARCH_TOKEN, (whole, lead: string, bang: string, key: string, quoted?: string, list?: string, bare?: string) => {
    const value = quoted ?? list ?? bare ?? '';
    const lower = key.toLowerCase();
    const filters = search.tags.length + search.users.length + search.fields.length + (search.has?.length ?? 0) + (search.ranges?.length ?? 0)
      + (search.substatuses?.length ?? 0) + (search.projects?.length ?? 0) + (search.firstReleases?.length ?? 0) + (search.semver?.length ?? 0);
    if (filters >= MAX_FILTERS) return whole;
    const handled = lower === 'error.handled' || lower === 'error.unhandled' ? handledTag(lower, value) : null;
    if (lower === 'is' && (STATUSES.has(value.toLowerCase()) || IS_STATUS_ALIASES[value.toLowerCase()])) {
      const status = (IS_STATUS_ALIASES[value.toLowerCase()] ?? value.toLowerCase()) as NonNullable<IssueSearch['statuses']>[number];
      if (!bang) (search.statuses ??= []).push(status);
      else if (status !== 'all') (search.notStatuses ??= []).push(status);
    } else if (lower === 'is' && SUBSTATUSES.has(value.toLowerCase())) {
      (search.substatuses ??= []).push({ value: value.toLowerCase() as SubStatus, negate: bang === '!' });
    } else if (lower === 'project') {
      (search.projects ??= []).push({ values: listValues(value) ?? [value], negate: bang === '!' });
    } else if (SEMVER_KEYS.has(lower)) {
      (search.semver ??= []).push({ key: lower as SemverKey, value, negate: bang === '!' });
    } else if (FIRST_RELEASE_KEYS.has(lower)) {
      (search.firstReleases ??= []).push({ values: listValues(value) ?? [value], negate: bang === '!' });
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
    } else if (lower === 'has') {
      (search.has ??= []).push({ key: value, negate: bang === '!' });
    } else if (RANGE_KEYS[lower]) {
      const column = RANGE_KEYS[lower];
      const bounds = column === 'count' ? parseCount(value) : parseTime(value, now);
      if (bounds) (search.ranges ??= []).push({ column, bounds, negate: bang === '!' });
      else (search.problems ??= []).push(badValue(key, value));
    } else if (ASSIGNEE_KEYS.has(lower) || (lower === 'is' && ASSIGNEE_STATUSES.has(value.toLowerCase()))) {
      (search.problems ??= []).push(`Lookout has no assignees (it runs on your machine, for you alone): ${JSON.stringify(whole.trim())} was left out of the search.`);
    } else if (lower === 'is' && !SENTRY_IS_UNSUPPORTED.has(value.toLowerCase())) {
      // Sentry refuses an `is:` value it does not have: said as such, not searched as text that finds nothing.
      (search.problems ??= []).push(unknownIsValue(whole, value));
    } else if (lower === 'user' && bareUserFilter(value, bang === '!')) {
      search.users.push(bareUserFilter(value, bang === '!')!);
    } else if (lower === 'release' || isTagKey(key)) {
      // `release:` is a tag Lookout always keeps (Sentry's `sentry:release`), whether or not an issue has one yet.
      const values = listValues(value);
      search.tags.push({ key: lower === 'release' ? 'release' : key, value, negate: bang === '!', ...(values ? { values } : {}) });
    } else {
      if (SENTRY_ONLY.test(lower)) (search.unsupported ??= []).push(whole.trim());
      // Sentry would search it as a tag no issue has (and find none): Lookout looks for it as text, and says so.
      else if (KEY_LIKE.test(key) && !value.startsWith('//')) {
        (search.problems ??= []).push(`No issue has a ${JSON.stringify(key)} tag and Lookout has no such search key: ${JSON.stringify(whole.trim())} was looked for as text.`);
      }
      return whole;
    }
    return lead;
  });
  search.text = text.trim();
  return search;
}
