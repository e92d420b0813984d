/**
 * Sentry's `user` tag holds one of the user's fields with its name: `id:42`, `email:ada@example.com`,
 * `username:ada`, `ip:10.0.0.1` (the first the event has). `user:"id:42"` reads that tag as any tag is
 * read; a bare `user:42` (no field named) would match no stored value, so, as people write it, it
 * matches the user by any of those fields (Lookout's `user_fields`: `id:`, `email:`, `username:`,
 * `ip_address:`), as `user.id:42 OR user.email:42 …` would.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/models/eventuser.py (tag_value: `{key}:{value}`)
 */
const FIELD_NAMED = /^(id|email|username|ip|ip_address):/i;
const STORED_FIELDS = ['id', 'email', 'username', 'ip_address'];

/** A user filter of the search: a `field:value` of `user_fields`, or (`anyOf`) any of several. */
export interface UserFilter { value: string; negate: boolean; anyOf?: string[] }

/**
 * The filter of a bare `user:VALUE` (null when the value names its field, is a list or has a
 * wildcard: those are read as the tag).
 */
export function bareUserFilter(value: string, negate: boolean): UserFilter | null {
  const v = value.trim();
  if (v === '' || FIELD_NAMED.test(v) || v.includes('*') || v.startsWith('[')) return null;
  const anyOf = STORED_FIELDS.map((field) => `${field}:${v}`);
  return { value: anyOf[0]!, negate, anyOf };
}
