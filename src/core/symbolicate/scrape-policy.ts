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
const MAX_URL_LENGTH = 4096;

export type ScrapeDecision =
  | { ok: true; url: URL; loopback: boolean }
  | { ok: false; reason: string; kind: 'host-not-allowed' | 'not-fetchable' };

/** True for `localhost`, `*.localhost`, 127.0.0.0/8 and `[::1]` (as `URL.hostname` writes them). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

function listed(url: URL, extraHosts: readonly string[]): boolean {
  return extraHosts.some((h) => {
    const want = typeof h === 'string' ? h.trim().toLowerCase() : '';
    return want !== '' && (want === url.hostname.toLowerCase() || want === url.host.toLowerCase());
  });
}

/**
 * Whether `ref` may be fetched as a `kind` ('script' or 'map'). A refusal carries the reason
 * shown on the frame, in the words of what the user can do about it.
 */
export function scrapeDecision(ref: string, kind: 'script' | 'map', opts: ScrapeOptions): ScrapeDecision {
  if (ref.length > MAX_URL_LENGTH || !/^https?:\/\//i.test(ref)) return { ok: false, kind: 'not-fetchable', reason: `${ref.slice(0, 200)} is not an http(s) URL` };
  let url: URL;
  try {
    url = new URL(ref);
  } catch {
    return { ok: false, kind: 'not-fetchable', reason: `${ref.slice(0, 200)} is not a valid URL` };
  }
  if (url.username || url.password) return { ok: false, kind: 'not-fetchable', reason: `${url.origin} carries credentials; Lookout does not fetch it` };
  if (!(kind === 'script' ? SCRIPT_EXTENSIONS : MAP_EXTENSIONS).test(url.pathname)) {
    return { ok: false, kind: 'not-fetchable', reason: `${url.href} does not look like a ${kind === 'script' ? 'script' : 'source map (.map)'}` };
  }
  const loopback = isLoopbackHost(url.hostname);
  if (opts.enabled === false) return { ok: false, kind: 'host-not-allowed', reason: `fetching source maps is turned off, and no Source folder holds ${url.href}` };
  if (!loopback && !listed(url, opts.extraHosts ?? [])) {
    return { ok: false, kind: 'host-not-allowed', reason: `${url.host} is not on this machine: Lookout fetches scripts and maps only from localhost, and no Source folder holds ${url.pathname}` };
  }
  return { ok: true, url, loopback };
}

/** Cheap pre-check for the hot path: could any frame of this event be fetched (or, explaining, be said unfetchable) at all? */
export function mayScrape(refs: readonly string[], opts: ScrapeOptions): boolean {
  if (opts.enabled === false) return false;
  return refs.some((r) => /^https?:\/\//i.test(r) && (opts.explain === true || scrapeDecision(r, 'script', opts).ok));
}
