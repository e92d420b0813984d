import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { text } from './event-fields';

/**
 * What Sentry's JavaScript processing does to a frame before grouping reads it, for frames a
 * source map did not resolve (a mapped frame already has its module from `mappedFileNames`):
 *
 * - `abs_path` loses the `async ` prefix old browser SDKs left in it, on every frame Sentry sends
 *   to symbolicator (`crates/symbolicator-js/src/lookup.rs` `prepare_modules`; which frames:
 *   `_handles_frame` in `sentry/lang/javascript/processing.py`).
 * - A frame with no `module` whose `abs_path` is an `http:`, `https:`, `webpack:` or `app:` URL gets
 *   one made up from the path (`generate_modules` in `sentry/lang/javascript/preprocessing.py`,
 *   run after symbolication for events whose platform is `javascript` or `node`). Module takes
 *   precedence over the file name in grouping, so a bundle rebuilt under a new content hash
 *   (`app.3f9a2c71.js`, `app:///main.8b0e4d15.bundle`) stays in the same issue.
 *
 * Derived when read, never written into the stored event: events stored before this rule
 * regroup under it, and the file name Lookout shows is the one the SDK sent.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/lang/javascript/preprocessing.py
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/lang/javascript/utils.py
 */

const JS_PLATFORMS = new Set(['javascript', 'node']);
const MODULE_SCHEMES = ['http:', 'https:', 'webpack:', 'app:'];
// `_is_built_in`: on a node event, a path that is not `/…`, `C:…`, `app:` or `webpack:` is Node's own.
const NON_BUILTIN_PATH = /^(?:(?:app|webpack|[a-zA-Z]):|\/)/;
const ASYNC_PREFIX = 'async ';

/** `_handles_frame`: the frames Sentry sends to symbolicator (a path and a line, not native, not a Node built-in). */
function sentToSymbolicator(absPath: string, frame: SentryFrame, eventPlatform: string | undefined): boolean {
  if (!frame.lineno) return false;
  if (absPath === 'native' || absPath === '[native code]') return false;
  return !(eventPlatform === 'node' && !NON_BUILTIN_PATH.test(absPath));
}

/**
 * `abs_path` as Sentry stores it (the SDK's, else the filename standing in for it, as Relay fills
 * it), without the `async ` prefix symbolicator strips.
 */
export function sentryAbsPath(frame: SentryFrame, event: SentryEvent): string | undefined {
  const absPath = text(frame.abs_path) ?? text(frame.filename);
  if (absPath === undefined || !absPath.startsWith(ASYNC_PREFIX)) return absPath;
  const eventPlatform = text(event.platform);
  const isJs = JS_PLATFORMS.has(eventPlatform ?? '') || JS_PLATFORMS.has(text(frame.platform) ?? '');
  return isJs && sentToSymbolicator(absPath, frame, eventPlatform) ? absPath.slice(ASYNC_PREFIX.length) : absPath;
}

/** The frame's module: the one it has, else the one Sentry's `generate_modules` makes up for it. */
export function sentryModule(frame: SentryFrame, event: SentryEvent, absPath = sentryAbsPath(frame, event)): string | undefined {
  const own = text(frame.module);
  if (own !== undefined) return own;
  const platform = text(frame.platform) ?? text(event.platform);
  if (!JS_PLATFORMS.has(text(event.platform) ?? '') || !JS_PLATFORMS.has(platform ?? '')) return undefined;
  if (absPath === undefined || !MODULE_SCHEMES.some((scheme) => absPath.startsWith(scheme))) return undefined;
  let module = generatedModules.get(absPath);
  if (module === undefined) {
    if (generatedModules.size >= MAX_REMEMBERED) generatedModules.clear();
    generatedModules.set(absPath, (module = generateJsModule(absPath)));
  }
  return module;
}

// A bundle's frames share a few URLs, read several times per event (variants, title, rules): made up once.
const generatedModules = new Map<string, string>();
const MAX_REMEMBERED = 2000;

/** Python's `urlsplit(url).path`: after the scheme and `//host`, before `?` and `#`; tabs and newlines dropped. */
function urlPath(url: string): string {
  let rest = url.replace(/[\t\r\n]/g, '');
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:/.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    rest = end === -1 ? '' : rest.slice(2 + end);
  }
  return rest.split('#', 1)[0]?.split('?', 1)[0] ?? '';
}

/** Python's `os.path.splitext(path)[0]`: the last extension off, a name's leading dots kept. */
function withoutExtension(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash) return path;
  for (let at = slash + 1; at < dot; at++) if (path[at] !== '.') return path.slice(0, dot);
  return path;
}

// A folder named after a 32-character (or longer) hex hash: the module is what follows it.
const HASH_FOLDER = /^[a-f0-9]{32}/i;
// Leading folders that say nothing (build output, versions, short and long hashes) and a trailing
// commit-ish; Sentry's CLEAN_MODULE_RE. Python's `\d` is any Unicode digit, hence `\p{Nd}`.
const CLEAN_MODULE =
  /^(?:\/|(?:(?:java)?scripts?|js|build|static|node_modules|bower_components|[_.~].*?|v?(?:\p{Nd}+\.)*\p{Nd}+|[a-f0-9]{7,8}|[a-f0-9]{32}|[a-f0-9]{40})\/)+|[-.][a-f0-9]{7,}$/giu;

/**
 * Sentry's `generate_module`: a made-up module name for a script URL, without host, query,
 * extension, `.min`, build and version folders and a trailing content hash.
 * `http://example.com/static/js/app.3f9a2c71.js` → `app`; `<unknown module>` when nothing is left.
 */
export function generateJsModule(url: string): string {
  let path = withoutExtension(urlPath(url));
  if (path.endsWith('.min')) path = path.slice(0, -4);
  const tokens = path.split('/');
  const hashAt = tokens.findIndex((token) => HASH_FOLDER.test(token));
  if (hashAt !== -1) return tokens.slice(hashAt + 1).join('/');
  return path.replace(CLEAN_MODULE, '') || '<unknown module>';
}

