/**
 * Suggestions for the issue search box: the tag keys issues have and the values of one of them,
 * read by skipping through the `issue_tags_filter` index (key, value) one distinct entry at a time, so
 * the cost is a seek per suggestion however many issues share a key. `user.email:` and the other user
 * fields read `user_fields` (primary key: value) the same way; `project:` the projects' names; `firstRelease:` the
 * releases issues were first seen in (`issues_first_release`), after Sentry's `latest`, which `release:` offers too.
 * @see ../../shared/api-search.ts
 */
import type { DB } from '../store/db';
import type { Router } from './router';
import { LATEST } from './issue-search-release';
import { SEARCH_KEYS_MAX, SEARCH_VALUES_MAX, type SearchKeys, type SearchValues } from '../../shared/api-search';

/** `user.email` and the like, by the prefix their values have in `user_fields`. */
const USER_FIELD_PREFIX: Record<string, string> = {
  'user.id': 'id:', 'user.email': 'email:', 'user.username': 'username:', 'user.ip': 'ip_address:',
};

/** Sentry's spellings of the first-release key. */
const FIRST_RELEASE_KEYS = new Set(['firstrelease', 'first-release', 'first_release']);

/** The spellings of a typed prefix worth seeking: index order is case-sensitive, people type lower case. */
function caseVariants(prefix: string): string[] {
  const capital = prefix.charAt(0).toUpperCase() + prefix.slice(1);
  return [...new Set([prefix, prefix.toLowerCase(), capital, prefix.toUpperCase()])];
}

export function issueSearchSuggestions(db: DB) {
  const nextKey = db.prepare('SELECT key FROM issue_tags WHERE key > ? ORDER BY key LIMIT 1').pluck();
  const nextValue = db.prepare('SELECT value FROM issue_tags WHERE key = ? AND value >= ? ORDER BY key, value LIMIT 1').pluck();
  const nextField = db.prepare('SELECT value FROM user_fields WHERE value >= ? ORDER BY value LIMIT 1').pluck();
  const nextFirstRelease = db.prepare('SELECT first_release FROM issues WHERE first_release IS NOT NULL AND first_release >= ? ORDER BY first_release LIMIT 1').pluck();

  /** Walks distinct index entries from `start` while they begin with `prefix`. */
  function walk(next: (from: string) => string | undefined, start: string, prefix: string, found: Set<string>): void {
    let from = start;
    while (found.size < SEARCH_VALUES_MAX) {
      const value = next(from);
      if (value === undefined || !value.startsWith(prefix)) return;
      found.add(value);
      // The smallest string after every one that starts with `value`: the next distinct entry.
      from = `${value}\u0000`;
    }
  }

  function keys(): SearchKeys {
    const found: string[] = [];
    let key = nextKey.get('') as string | undefined;
    while (key !== undefined && found.length < SEARCH_KEYS_MAX) {
      found.push(key);
      key = nextKey.get(key) as string | undefined;
    }
    return { keys: found };
  }

  const projectNames = db.prepare('SELECT name FROM projects ORDER BY name').pluck();

  function values(key: string, prefix: string): SearchValues {
    const typed = prefix.slice(0, 200);
    // `project:` takes a project's name (few, so all are read).
    if (key.toLowerCase() === 'project') {
      const names = (projectNames.all() as string[]).filter((n) => n.toLowerCase().startsWith(typed.toLowerCase()));
      return { key, values: names.slice(0, SEARCH_VALUES_MAX) };
    }
    const found = new Set<string>();
    const lower = key.toLowerCase();
    const field = USER_FIELD_PREFIX[lower];
    const firstRelease = FIRST_RELEASE_KEYS.has(lower);
    for (const variant of caseVariants(typed)) {
      if (field) walk((from) => nextField.get(from) as string | undefined, field + variant, field + variant, found);
      else if (firstRelease) walk((from) => nextFirstRelease.get(from) as string | undefined, variant, variant, found);
      else walk((from) => nextValue.get(lower === 'release' ? 'release' : key, from) as string | undefined, variant, variant, found);
    }
    const values = [...found].map((v) => (field ? v.slice(field.length) : v)).sort((a, b) => a.localeCompare(b));
    // Sentry's `latest` first: the newest release of each project searched.
    const latest = (firstRelease || lower === 'release') && LATEST.startsWith(typed.toLowerCase()) ? [LATEST] : [];
    return { key, values: [...latest, ...values.filter((v) => v !== LATEST)].slice(0, SEARCH_VALUES_MAX) };
  }

  return { keys, values };
}

/** `GET /issues/search-keys` and `GET /issues/search-values?key=&prefix=`: the search box's suggestions. */
export function searchSuggestionRoutes(r: Router, db: DB): void {
  const suggestions = issueSearchSuggestions(db);
  r.on('GET', /^\/issues\/search-keys$/, () => suggestions.keys());
  r.on('GET', /^\/issues\/search-values$/, ({ url }) => suggestions.values(url.searchParams.get('key') ?? '', url.searchParams.get('prefix') ?? ''));
}
