/**
 * The hosts Lookout may fetch scripts, source maps and original sources from besides this
 * machine's loopback ones (Settings → "Also fetch scripts and source maps from these hosts",
 * `lookout serve --fetch-host`). Sentry scrapes any host its project's "Allowed Domains" list;
 * Lookout's list is the same idea turned around: nothing off this machine unless listed.
 * Shared by the server (which validates what it stores) and the Settings form (which says what
 * is wrong while typing). No node or DOM APIs.
 * @see https://docs.sentry.io/platforms/javascript/sourcemaps/troubleshooting_js/
 */

/** What the settings hold: fetching on or off, and the listed hosts (`host` or `host:port`). */
export interface SourceFetchSettings {
  /** False: no script or map is fetched from any URL, loopback ones included. */
  enabled: boolean;
  hosts: string[];
}

export const DEFAULT_SOURCE_FETCH: SourceFetchSettings = { enabled: true, hosts: [] };
export const MAX_FETCH_HOSTS = 50;

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^\[[0-9a-f:.]+(?:%[0-9a-z._-]+)?\]$/;

function validName(name: string): boolean {
  if (IPV4.test(name) || IPV6.test(name)) return true;
  // All digits and dots but no valid IPv4 (`300.1.2.3`) is a typo, not a host name.
  if (/^[\d.]+$/.test(name)) return false;
  return name.length <= 253 && name.split('.').every((label) => LABEL.test(label));
}

/**
 * One entry as the user typed it, normalised to `host` or `host:port` (lower case; a pasted URL
 * keeps only its host, `http://192.168.1.20:5173/app` → `192.168.1.20:5173`), or why it is refused.
 */
export function parseFetchHost(input: string): { host: string } | { error: string } {
  let text = input.trim().toLowerCase();
  const shown = JSON.stringify(input.trim()).slice(0, 120);
  if (text === '') return { error: 'an empty host' };
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//.exec(text);
  if (scheme) {
    if (!/^https?:\/\/$/.test(scheme[0])) return { error: `${shown}: only http(s) hosts are fetched` };
    text = text.slice(scheme[0].length).split(/[/?#]/)[0] ?? '';
  }
  if (text.includes('@')) return { error: `${shown}: a host carries no user name or password` };
  if (text.includes('*')) return { error: `${shown}: list each host; wildcards are not taken` };
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(text);
  const name = m?.[1]?.replace(/\.$/, '') ?? '';
  const port = m?.[2];
  if (!m || !validName(name)) return { error: `${shown} is not a host name, an IP address or host:port` };
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return { error: `${shown}: the port must be 1–65535` };
  return { host: port === undefined ? name : `${name}:${Number(port)}` };
}

/** The whole list, normalised and without repeats, or the first reason it is refused. */
export function parseFetchHosts(value: unknown): { hosts: string[] } | { error: string } {
  if (!Array.isArray(value)) return { error: 'hosts must be a list of host names' };
  if (value.length > MAX_FETCH_HOSTS) return { error: `at most ${MAX_FETCH_HOSTS} hosts` };
  const hosts = new Set<string>();
  for (const entry of value) {
    if (typeof entry !== 'string') return { error: 'each host must be text' };
    const parsed = parseFetchHost(entry);
    if ('error' in parsed) return parsed;
    hosts.add(parsed.host);
  }
  return { hosts: [...hosts] };
}
