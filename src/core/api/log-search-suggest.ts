/**
 * Suggestions for the Logs search box (`GET /logs/search-keys`, `GET /logs/search-values?key=&prefix=`):
 * the attribute keys and values of the newest logs. Attributes live in each row's JSON, with no index of
 * their keys, so the newest `SAMPLE` rows (read backwards through `logs_time`) stand for the rest: what a
 * developer searches for is in what the app logs now, and the cost stays a few milliseconds whatever the
 * table holds. Values are plain strings from the SDK: the UI shows them as text only.
 * @see https://docs.sentry.io/concepts/search/searchable-properties/logs/
 */
import { SEARCH_KEYS_MAX, SEARCH_VALUES_MAX, type SearchKeys, type SearchValues } from '../../shared/api-search';
import { storedAttributeKey } from '../../shared/log-search-syntax';
import type { DB } from '../store/db';
import type { Router } from './router';

/** Newest logs read for suggestions. */
export const SUGGEST_SAMPLE = 2000;
const NEWEST = `SELECT attributes FROM logs WHERE attributes IS NOT NULL AND json_valid(attributes) ORDER BY timestamp DESC LIMIT ${SUGGEST_SAMPLE}`;

export function logSearchSuggestions(db: DB) {
  const keysOf = db.prepare(`SELECT DISTINCT a.key FROM (${NEWEST}) l, json_each(l.attributes) a
    WHERE json_type(l.attributes) = 'object' ORDER BY a.key LIMIT ${SEARCH_KEYS_MAX}`).pluck();
  // The value of a typed attribute (`{ value, type }`) or of a plain one; only scalars are suggested.
  const valuesOf = db.prepare(`SELECT DISTINCT v FROM (SELECT CASE WHEN a.type = 'object' THEN json_extract(a.value, '$.value') ELSE a.value END AS v
      FROM (${NEWEST}) l, json_each(l.attributes) a WHERE json_type(l.attributes) = 'object' AND a.key = @key)
    WHERE v IS NOT NULL AND typeof(v) != 'blob' AND substr(lower(CAST(v AS TEXT)), 1, length(@prefix)) = lower(@prefix)
    ORDER BY v LIMIT ${SEARCH_VALUES_MAX}`).pluck();

  return {
    keys: (): SearchKeys => ({ keys: (keysOf.all() as unknown[]).filter((k): k is string => typeof k === 'string') }),
    values: (key: string, prefix: string): SearchValues => ({
      key,
      values: (valuesOf.all({ key: storedAttributeKey(key), prefix: prefix.slice(0, 200) }) as unknown[])
        .map((v) => (typeof v === 'number' ? String(v) : v)).filter((v): v is string => typeof v === 'string' && !v.startsWith('{')),
    }),
  };
}

/** Registers the Logs search box's suggestion routes. */
export function logSearchRoutes(r: Router, db: DB): void {
  const suggestions = logSearchSuggestions(db);
  r.on('GET', /^\/logs\/search-keys$/, () => suggestions.keys());
  r.on('GET', /^\/logs\/search-values$/, ({ url }) => suggestions.values(url.searchParams.get('key') ?? '', url.searchParams.get('prefix') ?? ''));
}
