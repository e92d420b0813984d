/**
 * Environment, request, user, tags and extra data of the featured event, as label/value rows.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/contexts/
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/request/
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/user/
 */
import { asObj, asStr, clip, type Obj } from './format';

export type Row = [label: string, value: string];

export interface RequestView {
  method: string | null;
  url: string | null;
  headers: Row[];
  /** `request.data` as the SDK sent it (text, or indented JSON), cut to a few KB. */
  body: string | null;
}

const MAX_BODY = 5000;

const MAX_ROWS = 200;
const SHOWN_HEADERS = [
  'authorization', 'cookie', 'content-type', 'content-length', 'accept', 'accept-language',
  'user-agent', 'referer', 'origin', 'host', 'x-forwarded-for', 'x-request-id',
];

function joined(...parts: unknown[]): string | null {
  const text = parts.map(asStr).filter((p): p is string => p !== null && p.trim() !== '').map((p) => p.trim()).join(' ');
  return text === '' ? null : text;
}

/**
 * OS, browser, runtime, device, SDK, release and environment, each only when the event has it (a server has
 * no browser); a missing release stays, as a dash, since that is worth knowing.
 */
export function environmentRows(payload: Obj): [string, string | null][] {
  const ctx = asObj(payload.contexts) ?? {};
  const os = asObj(ctx.os) ?? {};
  const device = asObj(ctx.device) ?? {};
  const sdk = asObj(payload.sdk) ?? {};
  const build = asStr(os.build);
  // PHP and Python send `uname -a` as the kernel version, which repeats the build.
  let kernel = asStr(os.kernel_version);
  if (kernel !== null && build !== null && (kernel.includes(build) || build.includes(kernel))) kernel = null;
  const rows: [string, string | null][] = [
    ['OS', joined(os.name, os.version, build, kernel === null ? null : `(kernel ${kernel})`) ?? asStr(os.raw_description)],
    ['Browser', joined(asObj(ctx.browser)?.name, asObj(ctx.browser)?.version)],
    ['Runtime', joined(asObj(ctx.runtime)?.name, asObj(ctx.runtime)?.version)],
    ['Device', joined(device.family, device.model, device.arch)],
    ['SDK', joined(sdk.name, sdk.version)],
    ['Release', joined(payload.release, asStr(payload.dist) === null ? null : `(dist ${asStr(payload.dist)})`)],
    ['Environment', asStr(payload.environment)],
  ];
  const server = asStr(payload.server_name);
  if (server !== null) rows.push(['Server', server]);
  return rows.filter(([label, value]) => value !== null || label === 'Release');
}

/** Object or `[key, value]` pairs, as SDKs send tags, headers and query strings. */
export function pairsOf(v: unknown): Row[] {
  const rows: Row[] = [];
  if (Array.isArray(v)) {
    for (const p of v.slice(0, MAX_ROWS)) {
      if (Array.isArray(p) && typeof p[0] === 'string') rows.push([p[0], asStr(p[1]) ?? stringify(p[1])]);
    }
  } else {
    for (const [k, val] of Object.entries(asObj(v) ?? {}).slice(0, MAX_ROWS)) rows.push([k, asStr(val) ?? stringify(val)]);
  }
  return rows;
}

export function requestView(payload: Obj): RequestView | null {
  const req = asObj(payload.request);
  if (!req) return null;
  let url = asStr(req.url);
  const query = typeof req.query_string === 'string' ? req.query_string
    : pairsOf(req.query_string).map(([k, v]) => `${k}=${v}`).join('&');
  if (url !== null && query !== '' && !url.includes('?')) url = `${url}?${query.replace(/^\?/, '')}`;
  const headers = pairsOf(req.headers)
    .filter(([name]) => SHOWN_HEADERS.includes(name.toLowerCase()))
    .sort((a, b) => SHOWN_HEADERS.indexOf(a[0].toLowerCase()) - SHOWN_HEADERS.indexOf(b[0].toLowerCase()));
  const data = req.data;
  const body = data === undefined || data === null || data === '' ? null : clip(asStr(data) ?? stringify(data, 2), MAX_BODY);
  return { method: asStr(req.method), url: url === null ? null : clip(url, 2000), headers, body };
}

export function userRows(payload: Obj): Row[] {
  const user = asObj(payload.user);
  if (!user) return [];
  const rows: Row[] = [];
  for (const key of ['id', 'username', 'name', 'email', 'ip_address']) {
    const v = asStr(user[key]);
    if (v !== null && v !== '') rows.push([key, v]);
  }
  const geo = asObj(user.geo);
  const place = geo ? joined(geo.city, geo.region, geo.country_code) : null;
  if (place) rows.push(['geo', place]);
  return rows;
}

export function tagRows(payload: Obj): Row[] {
  return pairsOf(payload.tags).map(([k, v]) => [clip(k, 200), clip(v, 500)]);
}

/** `extra` as indented JSON, or null when there is none. */
/** Contexts the Environment table sums up, and Lookout's own links (trace, replay). */
const SUMMED_UP = new Set(['os', 'browser', 'runtime', 'device', 'trace', 'replay']);
/** Contexts SDKs add by themselves: listed after those the app set (`setContext`). */
const FROM_SDKS = new Set(['app', 'culture', 'cloud_resource', 'response', 'profile', 'otel', 'state', 'react', 'flags', 'feedback',
  'missing_instrumentation', 'gpu', 'unity', 'memory_info', 'threadpool_info']);
const MAX_CONTEXTS = 20;

/** The event's other contexts, the app's own first, each as indented JSON (Sentry's issue page shows them all). */
export function contextSections(payload: Obj): [name: string, json: string][] {
  const entries = Object.entries(asObj(payload.contexts) ?? {})
    .filter(([name, value]) => !SUMMED_UP.has(name) && Object.keys(asObj(value) ?? {}).length > 0);
  entries.sort(([a], [b]) => Number(FROM_SDKS.has(a)) - Number(FROM_SDKS.has(b)));
  return entries.slice(0, MAX_CONTEXTS).map(([name, value]) => [clip(name, 100), clip(stringify(value, 2), 5000)]);
}

export function extraText(payload: Obj): string | null {
  const extra = asObj(payload.extra);
  if (!extra || Object.keys(extra).length === 0) return null;
  return clip(stringify(extra, 2), 20_000);
}

function stringify(v: unknown, indent?: number): string {
  try {
    return JSON.stringify(v, null, indent) ?? String(v);
  } catch {
    return String(v);
  }
}
