import { randomUUID } from 'node:crypto';
import type { SentryEvent } from '../../shared/sentry';
import { toEpochMs } from '../ingest/timestamps';
import { browserFromUserAgent, osFromUserAgent } from '../replay/user-agent';
import { formatLogMessage } from './logentry-format';
import { eventIdError, readLevel, readTimestamp, recordEventErrors, type EventProcessingError } from './event-errors';
import { validTags } from './valid-tags';
import { contextFieldTags } from './context-field-tags';
import { correctEventClock } from './event-clock';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `[a, b]` and `{ values: [a, b] }` are both valid on the wire; Lookout keeps the object form. */
function asValues(v: unknown): { values: unknown[] } | undefined {
  if (Array.isArray(v)) return { values: v };
  if (isRecord(v) && Array.isArray(v.values)) return v as { values: unknown[] };
  return undefined;
}

function tagPairs(v: unknown): [string, string][] {
  const pairs: [string, string][] = [];
  if (Array.isArray(v)) {
    for (const p of v) if (Array.isArray(p) && p.length >= 2) pairs.push([String(p[0]), String(p[1])]);
  } else if (isRecord(v)) {
    for (const [k, val] of Object.entries(v)) if (val !== null && val !== undefined) pairs.push([k, String(val)]);
  }
  return pairs;
}

/** Event ids are 32 lower-case hex characters; SDKs sometimes send UUIDs with dashes. */
export function normalizeEventId(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const id = v.replace(/-/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(id) ? id : null;
}

/**
 * A check-in id as stored and compared: a UUID as 32 lower-case hex digits, whether the SDK wrote
 * it with dashes or in capitals (Sentry parses it as a UUID); anything else as sent.
 * @see https://develop.sentry.dev/sdk/telemetry/check-ins/
 */
export function normalizeCheckInId(id: string | null): string | null {
  return id === null ? null : normalizeEventId(id) ?? id;
}

export interface NormalizeOptions {
  /** The envelope item's type: a `transaction` defaults to level `info`. */
  itemType?: string;
  /** The address the request came from; it replaces `{{auto}}` in `user.ip_address` and `request.env.REMOTE_ADDR`. */
  clientIp?: string | null;
  /** The envelope's `sent_at` (the SDK's clock when it sent), for Relay's clock drift correction (event-clock.ts). */
  sentAt?: unknown;
}

/**
 * An exception's `value` as text whatever JSON it came as (`42`, `true`, an object), as Relay reads
 * it (a lenient string), so it is shown and titled instead of dropped.
 */
function lenientExceptionValues(event: SentryEvent): void {
  const values = event.exception?.values;
  const odd = (e: unknown) => isRecord(e) && e.value !== undefined && e.value !== null && typeof e.value !== 'string';
  if (!values?.some(odd)) return;
  event.exception = { ...event.exception, values: values.map((e) => (odd(e) ? { ...e, value: lenientString(e.value) } : e)) };
}

const lenientString = (v: unknown): string => (typeof v === 'object' ? JSON.stringify(v) : String(v));

/** `logentry.formatted` from its template and params when the SDK sent none (see logentry-format.ts). */
function fillFormatted(event: SentryEvent): void {
  const entry: unknown = event.logentry;
  if (!isRecord(entry) || (typeof entry.formatted === 'string' && entry.formatted !== '')) return;
  if (typeof entry.message !== 'string' || entry.params === undefined || entry.params === null) return;
  const formatted = formatLogMessage(entry.message, entry.params);
  if (formatted !== null) event.logentry = { ...entry, formatted } as SentryEvent['logentry'];
}

/**
 * A header sent as a list of values (sentry-php, as PSR-7 holds them) becomes one value, joined
 * with "," as HTTP merges repeated headers and Relay's `HeaderValue` reads it.
 */
function joinHeaderLists(event: SentryEvent): void {
  const request = event.request;
  if (!isRecord(request)) return;
  const headers: unknown = request.headers;
  const join = (v: unknown): unknown => (Array.isArray(v) ? v.filter((x) => x !== null && x !== undefined).map(lenientString).join(',') : v);
  if (Array.isArray(headers)) {
    if (!headers.some((p) => Array.isArray(p) && Array.isArray(p[1]))) return;
    event.request = { ...request, headers: headers.map((p: unknown) => (Array.isArray(p) ? [p[0], join(p[1])] : p)) } as SentryEvent['request'];
  } else if (isRecord(headers) && Object.values(headers).some(Array.isArray)) {
    event.request = { ...request, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, join(v)])) } as SentryEvent['request'];
  }
}

/** What SDKs put where they ask the server to fill in the client's address (sendDefaultPii). */
const AUTO_IP = '{{auto}}';

/**
 * `{{auto}}` becomes the client's address, as Relay's normalisation does; without one it stays.
 * An SDK that says `sdk.settings.infer_ip: "auto"` (@sentry/browser 10+ with sendDefaultPii, which
 * sends no `user` at all) gets the address too, unless it set `user.ip_address` itself (null included).
 * @see https://github.com/getsentry/sentry-javascript/pull/17364
 * @see https://getsentry.github.io/relay/relay_event_schema/protocol/ourlog/container/enum.InferIp.html
 */
function fillAutoIp(event: SentryEvent, clientIp: string | null | undefined): void {
  if (!clientIp) return;
  if (isRecord(event.user) && event.user.ip_address === AUTO_IP) event.user = { ...event.user, ip_address: clientIp };
  const sdk: unknown = event.sdk;
  const settings = isRecord(sdk) && isRecord(sdk.settings) ? sdk.settings : null;
  if (settings?.infer_ip === 'auto' && !(isRecord(event.user) && event.user.ip_address !== undefined)) {
    event.user = { ...(isRecord(event.user) ? event.user : {}), ip_address: clientIp };
  }
  const env = isRecord(event.request) && isRecord(event.request.env) ? event.request.env : null;
  if (env?.REMOTE_ADDR === AUTO_IP) event.request = { ...event.request, env: { ...env, REMOTE_ADDR: clientIp } };
}

export function newEventId(): string {
  return randomUUID().replace(/-/g, '');
}

/**
 * Brings an event into the one shape the rest of Lookout reads, as Relay's normalisation does:
 * interfaces in `{values}` form, `logentry` for messages, tag pairs, an epoch-seconds timestamp
 * corrected as Relay corrects a wrong clock (`sent_at` drift, over 30 days old, a day ahead: every
 * time of the event moves with it, event-clock.ts), a valid event id (the envelope header's wins), a level (`info` for a transaction, else
 * `error`, as Relay defaults it), and the client's address where the SDK asked for it (`{{auto}}`).
 * A level, timestamp or event id that had to be replaced is recorded in `event.errors` as Relay
 * records it (event-errors.ts), so the issue page says what was changed.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/
 */
export function normalizeEvent(raw: unknown, envelopeEventId: string | null, receivedMs: number, opts: NormalizeOptions = {}): SentryEvent {
  const itemType = opts.itemType ?? 'event';
  const event: SentryEvent = isRecord(raw) ? { ...raw } : {};
  const found: EventProcessingError[] = [];
  const keep = (error: EventProcessingError | null) => { if (error) found.push(error); };
  const payloadId = normalizeEventId(event.event_id);
  keep(eventIdError(event.event_id, payloadId));
  event.event_id = envelopeEventId ?? payloadId ?? newEventId();
  for (const key of ['exception', 'threads', 'breadcrumbs'] as const) {
    const values = asValues(event[key]);
    if (values) event[key] = values as never;
    else delete event[key];
  }
  lenientExceptionValues(event);
  const message = event.message as unknown;
  if (!isRecord(event.logentry)) {
    if (typeof message === 'string') event.logentry = { formatted: message };
    else if (isRecord(message)) event.logentry = message as SentryEvent['logentry'];
  }
  fillFormatted(event);
  if (event.tags !== undefined) event.tags = validTags(tagPairs(event.tags), found);
  const ts = readTimestamp(event.timestamp);
  keep(ts.error);
  event.timestamp = (ts.ms === undefined ? receivedMs
    : correctEventClock(event, ts.ms, event.timestamp, receivedMs, opts.sentAt, found)) / 1000;
  if (event.start_timestamp !== undefined) {
    const start = toEpochMs(event.start_timestamp);
    if (start === undefined) {
      if (event.start_timestamp !== null) found.push({ type: 'invalid_data', name: 'start_timestamp', value: event.start_timestamp, reason: 'expected a timestamp' });
      delete event.start_timestamp;
    } else event.start_timestamp = start / 1000;
  }
  const level = readLevel(event.level);
  keep(level.error);
  event.level = level.level ?? (itemType === 'transaction' ? 'info' : 'error');
  fillAutoIp(event, opts.clientIp);
  joinHeaderLists(event);
  if (typeof event.platform !== 'string') event.platform = 'other';
  // Stored in columns and used as tags: a number becomes text, anything else that is not a string is dropped (as Relay does).
  for (const key of ['release', 'environment', 'dist', 'server_name', 'transaction', 'culprit'] as const) {
    const v: unknown = event[key];
    if (typeof v === 'number' && Number.isFinite(v)) event[key] = String(v) as never;
    else if (v !== undefined && typeof v !== 'string') delete event[key];
  }
  deriveUserAgentContexts(event);
  recordEventErrors(event, found);
  return event;
}

function userAgentOf(event: SentryEvent): string | null {
  const headers = event.request?.headers;
  const pairs: unknown[] = Array.isArray(headers) ? headers : isRecord(headers) ? Object.entries(headers) : [];
  for (const pair of pairs) {
    if (Array.isArray(pair) && String(pair[0]).toLowerCase() === 'user-agent' && typeof pair[1] === 'string') return pair[1].slice(0, 1000);
  }
  return null;
}

function nameAndVersion(text: string): Record<string, string> {
  const space = text.lastIndexOf(' ');
  const version = space > 0 ? text.slice(space + 1) : '';
  return /^\d/.test(version) ? { name: text.slice(0, space), version } : { name: text };
}

/**
 * Browser SDKs send no browser or OS context, only the User-Agent header; Relay derives both
 * contexts from it, and so does Lookout (they feed the tags and the report's environment).
 */
export function deriveUserAgentContexts(event: SentryEvent): void {
  const ua = userAgentOf(event);
  if (!ua) return;
  const contexts = isRecord(event.contexts) ? event.contexts : {};
  const browser = isRecord(contexts.browser) ? null : browserFromUserAgent(ua);
  const os = isRecord(contexts.os) && (contexts.os as Record<string, unknown>).name ? null : osFromUserAgent(ua);
  if (!browser && !os) return;
  event.contexts = {
    ...contexts,
    ...(browser ? { browser: { type: 'browser', ...nameAndVersion(browser) } } : {}),
    ...(os ? { os: { type: 'os', ...nameAndVersion(os) } } : {}),
  };
}

/** Sentry counts users by id, else email, else username, else IP address. */
export function userKey(event: SentryEvent): string | null {
  return userFields(event)[0] ?? null;
}

const USER_FIELDS = ['id', 'email', 'username', 'ip_address'] as const;

/**
 * Every identifying field of the event's user as `field:value` (`id:42`, `email:ada@example.com`),
 * in the order Sentry picks the user tag from; the first is the user's key. The issue search's
 * `user.email:` finds a user by any of them, not only by the one its key is made of.
 */
export function userFields(event: SentryEvent): string[] {
  const u = event.user;
  if (!isRecord(u)) return [];
  const fields: string[] = [];
  for (const field of USER_FIELDS) {
    const v = u[field];
    if ((typeof v === 'string' && v !== '') || typeof v === 'number') fields.push(`${field}:${v}`);
  }
  return fields;
}

/**
 * Sentry's `{name} {version}` context tag (`runtime:CPython 3.11.2`): only when the context has both,
 * so Go's `os: {name: "linux"}` gives `os.name` and no `os` tag.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/interfaces/contexts.py (context_to_tag_mapping)
 */
function contextName(event: SentryEvent, key: string): string | null {
  const ctx = event.contexts?.[key];
  if (!isRecord(ctx) || typeof ctx.name !== 'string' || ctx.name === '') return null;
  const version = typeof ctx.version === 'number' ? String(ctx.version) : ctx.version;
  return typeof version === 'string' && version !== '' ? `${ctx.name} ${version}`.trim() : null;
}

/** A context's name without its version, for Sentry's `browser.name` / `os.name` / `runtime.name` tags (`browser.name:Firefox`). */
function contextOnlyName(event: SentryEvent, key: string): string | null {
  const ctx = event.contexts?.[key];
  return isRecord(ctx) && typeof ctx.name === 'string' ? ctx.name : null;
}

/**
 * `mechanism` and `handled` (yes / no) of the main exception, the last of `values` (the outermost:
 * causes come before it), the tags Sentry derives from it: `handled:no` finds the crashes nothing caught.
 */
function mechanismTags(event: SentryEvent): [string, string][] {
  const mechanism = event.exception?.values?.at(-1)?.mechanism;
  if (!isRecord(mechanism)) return [];
  const tags: [string, string][] = [];
  if (typeof mechanism.type === 'string' && mechanism.type !== '') tags.push(['mechanism', mechanism.type.slice(0, 200)]);
  if (typeof mechanism.handled === 'boolean') tags.push(['handled', mechanism.handled ? 'yes' : 'no']);
  return tags;
}

/** The tags an issue aggregates: the SDK's tags plus those Sentry derives from the event. */
export function eventTags(event: SentryEvent): [string, string][] {
  const tags = new Map<string, string>();
  for (const [k, v] of event.tags ?? []) tags.set(k, v.slice(0, 200));
  const derived: [string, string | null | undefined][] = [
    ['level', event.level], ['environment', event.environment], ['release', event.release],
    ['browser', contextName(event, 'browser')], ['browser.name', contextOnlyName(event, 'browser')],
    ['os', contextName(event, 'os')], ['os.name', contextOnlyName(event, 'os')],
    ['runtime', contextName(event, 'runtime')], ['runtime.name', contextOnlyName(event, 'runtime')], ['server_name', event.server_name],
    ['transaction', event.transaction], ['logger', typeof event.logger === 'string' ? event.logger : null], ['url', typeof event.request?.url === 'string' ? event.request.url : null],
  ];
  for (const [k, v] of derived) if (typeof v === 'string' && v !== '' && !tags.has(k)) tags.set(k, v.slice(0, 200));
  for (const [k, v] of mechanismTags(event)) if (!tags.has(k)) tags.set(k, v);
  for (const [k, v] of contextFieldTags(event)) if (!tags.has(k)) tags.set(k, v.slice(0, 200));
  const user = userKey(event);
  if (user && !tags.has('user')) tags.set('user', user.slice(0, 200));
  return [...tags].slice(0, 100);
}

export function traceId(event: SentryEvent): string | null {
  const trace = event.contexts?.trace;
  return isRecord(trace) && typeof trace.trace_id === 'string' ? trace.trace_id : null;
}

export function replayIdOf(event: SentryEvent, envelopeHeaders: Record<string, unknown>): string | null {
  const replay = event.contexts?.replay;
  if (isRecord(replay) && typeof replay.replay_id === 'string') return normalizeEventId(replay.replay_id);
  const trace = envelopeHeaders.trace;
  if (isRecord(trace) && typeof trace.replay_id === 'string') return normalizeEventId(trace.replay_id);
  // A buffered replay (replaysOnErrorSampleRate) is named only in the SDK's replayId tag.
  const tag = event.tags?.find(([key]) => key === 'replayId')?.[1];
  return tag ? normalizeEventId(tag) : null;
}
