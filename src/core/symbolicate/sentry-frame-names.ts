/**
 * How Sentry's symbolicator names a JavaScript frame once a source map resolved it: the file as
 * the map names it (webpack/turbopack prefixes cut), a module made up from the original path, and
 * the function from the enclosing scope or the caller's call site. Grouping reads these fields,
 * so they follow symbolicator's rules, not Lookout's own.
 * @see https://github.com/getsentry/symbolicator/blob/master/crates/symbolicator-js/src/utils.rs
 * @see https://github.com/getsentry/symbolicator/blob/master/crates/symbolicator-js/src/symbolication.rs
 */

const WEBPACK_NAMESPACE = /^webpack(?:-internal)?:\/\/[a-zA-Z0-9_\-@.]+\/\.\//;

/** `webpack://app/./src/x.js` → `./src/x.js`, `webpack:///../node_modules/a.js` → `../node_modules/a.js`. */
export function fixupWebpackFilename(filename: string): string {
  const tilde = filename.indexOf('/~/');
  if (tilde !== -1) return `~/${filename.slice(tilde + 3)}`;
  if (WEBPACK_NAMESPACE.test(filename)) return filename.replace(WEBPACK_NAMESPACE, './');
  for (const prefix of ['webpack:///', 'webpack-internal:///']) {
    if (filename.startsWith(prefix)) return filename.slice(prefix.length);
  }
  return filename;
}

/** `turbopack:///[project]/app/page.tsx` → `app/page.tsx`. */
export function fixupTurbopackFilename(filename: string): string {
  const tilde = filename.indexOf('/~/');
  if (tilde !== -1) return `~/${filename.slice(tilde + 3)}`;
  if (!filename.startsWith('turbopack:///')) return filename;
  const rest = filename.slice('turbopack:///'.length);
  return rest.startsWith('[project]/') ? rest.slice('[project]/'.length) : rest;
}

/** The path after the host (or after a leading `~`), with its leading `/`. */
function stripHostname(p: string): string {
  if (p.startsWith('~')) return p.slice(1);
  const scheme = p.indexOf('://');
  if (scheme === -1) return p;
  const rest = p.slice(scheme + 3);
  const slash = rest.indexOf('/');
  return slash === -1 ? rest : rest.slice(slash);
}

// Leading folders that say nothing about the code (build output, versions, hashes), and a
// trailing commit-ish; symbolicator's CLEAN_MODULE_RE, case-insensitive.
const USELESS_PREFIX_OR_HASH_SUFFIX =
  /^(?:\/|(?:(?:java)?scripts?|js|build|static|node_modules|bower_components|[_.~].*?|v?(?:\d+\.)*\d+|[a-f0-9]{7,8}|[a-f0-9]{32}|[a-f0-9]{40})\/)+|(?:[-.][a-f0-9]{7,}$)/gi;

/**
 * Sentry's made-up module name for a JS path or URL: no host, query or extension, no `.min`,
 * only what follows a 32/40-character hash folder, without build/version/hash folders.
 * `http://example.com/js/v1.0/foo/bar.js` → `foo/bar`.
 */
export function generateModule(absPath: string): string {
  let p = stripHostname(absPath);
  p = p.split(/[#?]/)[0] ?? p;
  const lastSep = Math.max(p.lastIndexOf('.'), p.lastIndexOf('/'));
  if (lastSep !== -1 && p[lastSep] === '.') p = p.slice(0, lastSep);
  if (p.endsWith('.min')) p = p.slice(0, -4);
  const segments = p.split('/');
  // As symbolicator does: any 32-character folder, or a 40-character hex one.
  const hashAt = segments.findIndex((s) => s.length === 32 || (s.length === 40 && /^[0-9a-fA-F]+$/.test(s)));
  if (hashAt !== -1) return segments.slice(hashAt + 1).join('/');
  return p.replace(USELESS_PREFIX_OR_HASH_SUFFIX, '');
}

/**
 * Joins a map's source to the URL or path it is relative to (the source map's URL, else the
 * minified file's), as symbolicator's `join_paths` does: `~/` and `/` are from the host's root,
 * sources with their own scheme (`webpack:`, `turbopack:`, `x://`) stand alone.
 */
export function joinPaths(base: string, source: string): string {
  if (source.includes('://') || source.startsWith('webpack:') || source.startsWith('turbopack:')) return source;
  const schemeAt = base.indexOf('://');
  const scheme = schemeAt === -1 ? 'file' : base.slice(0, schemeAt);
  const rest = schemeAt === -1 ? base : base.slice(schemeAt + 3);
  const right = source.startsWith('~') ? source.slice(1) : source;
  if (right.startsWith('/')) {
    if (scheme === 'file') return right;
    if (right.startsWith('//')) return `${scheme}://${right.slice(2)}`;
    return `${scheme}://${rest.split('/')[0] ?? ''}${right}`;
  }
  const left = rest.split('/');
  let out = '';
  if (scheme !== 'file') out = `${scheme}://${left.shift() ?? ''}`;
  else if (left[0] === '') left.shift();
  left.pop();
  const isHttp = scheme === 'http' || scheme === 'https';
  let first = true;
  for (const seg of right.split('/')) {
    if (seg === '..' && (left.pop() !== undefined || isHttp)) continue;
    if (seg === '.' && (isHttp || first)) continue;
    first = false;
    left.push(seg);
  }
  for (const seg of left) if (seg !== '') out += `/${seg}`;
  return out;
}

const MODULE_SCHEMES = ['http:', 'https:', 'webpack:', 'turbopack:', 'app:'];

/**
 * `filename` and `module` of a mapped frame from the map's source name. `module` is null when
 * Sentry would leave the frame's own (the SDK's, e.g. `dist:bundle` for @sentry/node) in place:
 * a plain file path makes none.
 */
export function mappedFileNames(source: string, base: string): { filename: string; absPath: string; module: string | null } {
  const absPath = joinPaths(base, source);
  let filename = source;
  let module: string | null = null;
  if (source.startsWith('webpack:')) {
    filename = fixupWebpackFilename(source);
    module = generateModule(filename);
  } else if (source.startsWith('turbopack:')) {
    filename = fixupTurbopackFilename(source);
    module = generateModule(filename);
  }
  if (module === null && MODULE_SCHEMES.some((s) => absPath.startsWith(s))) module = generateModule(absPath);
  return { filename, absPath, module };
}

/** Names that say nothing: the caller's call-site name is better, when there is one. */
const USELESS_FUNCTION_NAMES = new Set(['<anonymous>', '__webpack_require__', '__webpack_modules__']);

/** What the minified code says about the frame's position: a named scope, an unnamed one, or nothing known. */
export type ScopeAnswer = { kind: 'named'; name: string } | { kind: 'anonymous' } | { kind: 'unknown' };

/**
 * dart2js rewrites an async function `load` into a state machine named `$async$load`; the name the
 * map records at the frame's own position (the original call) reads better, as symbolicator takes it.
 * @see https://github.com/getsentry/symbolicator/blob/master/crates/symbolicator-js/src/symbolication.rs
 */
export function dartAsyncScope(scope: ScopeAnswer, tokenName: string | null): ScopeAnswer {
  return scope.kind === 'named' && scope.name.startsWith('$async$') && tokenName ? { kind: 'named', name: tokenName } : scope;
}

/** `bar.foo.foo.foo` → `bar.{foo#2}.foo`: repeated parts before the last one are folded. */
export function foldFunctionName(name: string): string {
  const parts = name.split('.');
  const tail = parts.pop();
  if (tail === undefined || parts.length === 0) return name;
  const groups: { part: string; count: number }[] = [];
  for (const part of parts) {
    const last = groups[groups.length - 1];
    if (last && last.part === part) last.count++;
    else groups.push({ part, count: 1 });
  }
  return [...groups.map((g) => (g.count === 1 ? g.part : `{${g.part}#${g.count}}`)), tail].join('.');
}

/**
 * The mapped frame's function: the scope's name; for an unnamed scope (or a webpack wrapper)
 * the name the caller's call site gives it; else the minified name; `<unknown>` when nothing is known.
 */
export function mappedFunctionName(minified: string | undefined, scope: ScopeAnswer, callSiteName: string | null): string {
  const fromScope = scope.kind === 'named' ? scope.name : scope.kind === 'anonymous' ? '<anonymous>' : (minified ?? '<unknown>');
  let chosen = fromScope;
  if (USELESS_FUNCTION_NAMES.has(fromScope)) {
    if (callSiteName) chosen = callSiteName;
    else if (minified !== undefined) chosen = minified;
  }
  return foldFunctionName(chosen);
}
