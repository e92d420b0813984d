/**
 * The issue search box's suggestions (`GET /_lookout/api/issues/search-keys` and
 * `GET /_lookout/api/issues/search-values?key=K&prefix=P`): the tag keys issues have, and the values of one
 * key that start with what is typed. Plain strings from event data: the UI shows them as text only.
 */

/** The tag keys any issue has, in order; at most `SEARCH_KEYS_MAX`. */
export interface SearchKeys { keys: string[] }
/** Values of `key` starting with the prefix asked for (any case), in order; at most `SEARCH_VALUES_MAX`. */
export interface SearchValues { key: string; values: string[] }

export const SEARCH_KEYS_MAX = 200;
export const SEARCH_VALUES_MAX = 20;
