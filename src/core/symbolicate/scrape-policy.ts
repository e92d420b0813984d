import { isIP } from 'node:net';

/**
 * Which URLs Lookout may fetch ("scrape", as Sentry calls it) a minified script or its source
 * map from. Sentry scrapes any public host its project allows and refuses private addresses;
 * Lookout is the reverse: the user's data stays on their machine, so only the loopback
 * interface (the user's own dev server) is fetched by default, plus hosts the user lists.
 * @see https://docs.sentry.io/platforms/javascript/sourcemaps/troubleshooting_js/
 * @see https://github.com/getsentry/symbolicator/blob/master/crates/symbolicator-js/src/lookup.rs (scraping after debug ids and artifacts)
 */
export interface ScrapeOptions {
  /** False turns fetching off entirely (the default is on for loopback hosts). */
  enabled?: boolean;
  /** Hosts (`example.test`, or `example.test:8080` for one port) fetched besides loopback ones. */
  extraHosts?: readonly string[];
  /**
   * Say why a frame on another host was not fetched (the view does). Ingest leaves such frames as
   * they are: noting it there would store every production browser event's payload again, as
   * changed, for a reason the view can give (4.8 KB instead of 1.1 KB per 8 KB event, -25 % rate).
   */
  explain?: boolean;
}

/** Paths fetched as a script: what a browser runs (dev servers serve .ts/.vue compiled to JS). */
const SCRIPT_EXTENSIONS = /\.(?:m?js|cjs|jsx|ts|mts|cts|tsx|vue|svelte|astro)$/i;
/** Paths fetched as a source map. A hostile event must not turn Lookout into a GET-anything client. */
const MAP_EXTENSIONS = /\.(?:map|json)$/i;
/**
 * Original sources a map names (fetched when it embeds no `sourcesContent`): scripts and the
 * languages that compile to them. The map comes from an allowed host or a Source folder, never
 * from the event, but a path without a source's extension is still not fetched.
 */
const SOURCE_EXTENSIONS = /\.(?:m?js|cjs|jsx|ts|mts|cts|tsx|vue|svelte|astro|marko|riot|mdx|coffee|litcoffee|civet|imba|elm|dart|cljs|cljc|res|resi|re|ml|purs|hbs)$/i;
const EXTENSIONS = { script: SCRIPT_EXTENSIONS, map: MAP_EXTENSIONS, source: SOURCE_EXTENSIONS } as const;
const WHAT = { script: 'script', map: 'source map (.map)', source: 'source file' } as const;
const MAX_URL_LENGTH = 4096;

/** What is fetched: the frame's script, its map, or an original source the map names. */
export type ScrapeKind = keyof typeof EXTENSIONS;

export type ScrapeDecision =
  | { ok: true; url: URL; loopback: boolean }
  | { ok: false; reason: string; kind: 'host-not-allowed' | 'not-fetchable' };

/** Where the user allows another host, in the words the frame's reason and the fix use. */
export const FETCH_HOSTS_SETTING = 'Settings → "Also fetch scripts and source maps from these hosts"';

/** True for `localhost`, `*.localhost`, 127.0.0.0/8 and `[::1]` (as `URL.hostname` writes them). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** Listed hosts as a set of `host` and `host:port` keys, built once per list (the list is replaced, never changed). */
const compiled = new WeakMap<readonly string[], ReadonlySet<string>>();
function hostSet(extraHosts: readonly string[]): ReadonlySet<string> {
  let set = compiled.get(extraHosts);
  if (!set) {
    set = new Set(extraHosts.map((h) => (typeof h === 'string' ? h.trim().toLowerCase().replace(/\.(?=:\d+$|$)/, '') : '')).filter((h) => h !== ''));
    compiled.set(extraHosts, set);
  }
  return set;
}

/**
 * Whether a host the user listed covers `hostname` on `port` (the scheme's own when the URL
 * names none): `dev.box` any port, `dev.box:8080` that one only.
 */
function listed(hostname: string, port: string, https: boolean, extraHosts: readonly string[]): boolean {
  if (extraHosts.length === 0) return false;
  const set = hostSet(extraHosts);
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return set.has(name) || set.has(`${name}:${port || (https ? '443' : '80')}`);
}

function hostAllowed(hostname: string, port: string, https: boolean, opts: ScrapeOptions): boolean {
  return isLoopbackHost(hostname) || listed(hostname, port, https, opts.extraHosts ?? []);
}

/**
 * Whether `ref` may be fetched as a `kind` (script, map or original source). A refusal carries the reason
 * shown on the frame, in the words of what the user can do about it.
 */
export function scrapeDecision(ref: string, kind: ScrapeKind, opts: ScrapeOptions): ScrapeDecision {
  if (ref.length > MAX_URL_LENGTH || !/^https?:\/\//i.test(ref)) return { ok: false, kind: 'not-fetchable', reason: `${ref.slice(0, 200)} is not an http(s) URL` };
  let url: URL;
  try {
    url = new URL(ref);
  } catch {
    return { ok: false, kind: 'not-fetchable', reason: `${ref.slice(0, 200)} is not a valid URL` };
  }
  if (url.username || url.password) return { ok: false, kind: 'not-fetchable', reason: `${url.origin} carries credentials; Lookout does not fetch it` };
  if (!EXTENSIONS[kind].test(url.pathname)) {
    return { ok: false, kind: 'not-fetchable', reason: `${url.href} does not look like a ${WHAT[kind]}` };
  }
  const loopback = isLoopbackHost(url.hostname);
  if (opts.enabled === false) {
    return { ok: false, kind: 'host-not-allowed', reason: `fetching scripts and source maps is turned off (Settings → "Fetch scripts and source maps from their URLs"), and no Source folder holds ${url.href}` };
  }
  if (!loopback && !listed(url.hostname, url.port, url.protocol === 'https:', opts.extraHosts ?? [])) {
    return { ok: false, kind: 'host-not-allowed', reason: `${url.host} is not on this machine: Lookout fetches scripts and maps only from localhost and the hosts listed under ${FETCH_HOSTS_SETTING} (add ${url.host} there, or pass lookout serve --fetch-host ${url.host}), and no Source folder holds ${url.pathname}` };
  }
  return { ok: true, url, loopback };
}

const AUTHORITY = /^https?:\/\/([^/?#]*)/i;

/**
 * Whether the host of an http(s) `ref` may be fetched, read off the text without parsing the URL
 * (null: the text is unusual, let {@link scrapeDecision} judge it).
 */
function quickHostCheck(ref: string, opts: ScrapeOptions): boolean | null {
  const authority = AUTHORITY.exec(ref)?.[1];
  if (authority === undefined || authority.includes('@') || authority.includes('%')) return null;
  const bracket = authority.startsWith('[') ? authority.indexOf(']') : -1;
  const colon = authority.indexOf(':', bracket + 1);
  const hostname = colon < 0 ? authority : authority.slice(0, colon);
  const port = colon < 0 ? '' : authority.slice(colon + 1).replace(/^0+(?=\d)/, '');
  return hostAllowed(hostname, port, ref.charCodeAt(4) === 115 || ref.charCodeAt(4) === 83, opts);
}

/**
 * Cheap pre-check for the hot path: could any frame of this event be fetched (or, explaining, be
 * said unfetchable) at all? A frame on a host nobody allowed costs a regex and a set lookup, no
 * URL parse; the frames of one bundle share their URL, so a repeat is not checked again.
 */
export function mayScrape(refs: readonly string[], opts: ScrapeOptions): boolean {
  if (opts.enabled === false) return false;
  let previous: string | null = null;
  for (const ref of refs) {
    if (ref === previous) continue;
    previous = ref;
    if (!/^https?:\/\//i.test(ref)) continue;
    if (opts.explain === true) return true;
    if (quickHostCheck(ref, opts) !== false && scrapeDecision(ref, 'script', opts).ok) return true;
  }
  return false;
}
