/**
 * `*` in a `key:value` search value, as Sentry's search takes it (`customer:c9*`, `release:app1@*`,
 * `user.email:*@example.com`): any run of characters. The literal parts are escaped for LIKE (`%`,
 * `_` and the escape `\` match only themselves); LIKE ignores ASCII case, as the other value searches here.
 * @see https://docs.sentry.io/concepts/search/#wildcards
 */

/** Whether a search value holds Sentry's wildcard. */
export function hasWildcard(value: string): boolean {
  return value.includes('*');
}

/** The LIKE pattern (with `ESCAPE '\'`) of a value whose `*` match any characters. */
export function wildcardLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%');
}

/**
 * The condition a value list puts on `column`: exact values through one `IN` (an index seek),
 * wildcard ones each a LIKE. `name` prefixes the parameters it adds to `args`.
 */
export function valueCondition(column: string, values: string[], name: string, args: Record<string, unknown>): string {
  const exact = values.filter((v) => !hasWildcard(v));
  const patterns = values.filter(hasWildcard);
  const parts: string[] = [];
  if (exact.length === 1) { parts.push(`${column} = @${name}`); args[name] = exact[0]; }
  else if (exact.length > 1) { parts.push(`${column} IN (SELECT value FROM json_each(@${name}))`); args[name] = JSON.stringify(exact); }
  patterns.forEach((p, k) => { parts.push(`${column} LIKE @${name}_w${k} ESCAPE '\\'`); args[`${name}_w${k}`] = wildcardLike(p); });
  if (parts.length === 0) return '0';
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}
