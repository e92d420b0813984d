/**
 * Depth checks for stored JSON that the read API sends on: `JSON.stringify` (and the UI's tree)
 * recurse, so a value nested thousands deep (event data is untrusted) must never reach them.
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/#size-limits
 */

/** Values visited at most; a value this large is treated as too deep to send. */
const MAX_VISITS = 1_000_000;

/** Whether `value` nests deeper than `limit` objects/arrays (iterative: no stack to overflow). */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  let visited = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > limit) return true;
    if (++visited > MAX_VISITS) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}
