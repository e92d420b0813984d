// The Node flags `lookout serve` runs with: those on bin/lookout.js's shebang line, which is
// where a user's shell takes them from. The bench and the tests read them here so the three
// (shebang, `npm run serve`, bench) cannot drift apart.
import { readFileSync } from 'node:fs';

/** Flags after `node` on the shebang of `file` (`#!/usr/bin/env -S node --a --b`). */
export function shebangNodeFlags(file) {
  const first = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
  const m = /^#!\S*env\s+-S\s+node((?:\s+--\S+)*)\s*$/.exec(first);
  if (!m) throw new Error(`${file}: expected a "#!/usr/bin/env -S node --flag…" first line, got ${JSON.stringify(first)}`);
  return m[1].trim().split(/\s+/).filter(Boolean);
}
