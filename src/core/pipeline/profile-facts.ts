/**
 * What a profile item is found by, read from its bytes without parsing what may be megabytes of
 * samples: a v1 profile's transaction (`transaction.id`, the first of `transactions[].id`, or
 * Android's `transaction_id`) and its own id (`event_id`, alias `profile_id`, which a transaction
 * names in `contexts.profile.profile_id`); a v2 chunk's `profiler_id` and the time its samples
 * cover (`samples[].timestamp`, seconds since 1970, on the device's clock as its transactions are).
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v1/
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v2/
 * @see https://github.com/getsentry/relay/blob/master/relay-profiling/src/sample/v1.rs (ProfileMetadata)
 */
import { normalizeEventId } from './normalize-event';

/** The `other_items` columns of a profile row (migration 020); null where the payload does not say. */
export interface ProfileFacts {
  transaction_id: string | null;
  profile_id: string | null;
  profiler_id: string | null;
  start_ms: number | null;
  end_ms: number | null;
}

const ID_VALUE = /^\s*:\s*"([0-9a-fA-F-]{32,36})"/;
/** A v2 time past this (seconds; year 5138) or before 1970 is no clock's (as parse-profile.ts). */
const MAX_SECONDS = 1e11;
/** How far an object is walked to find its end: transaction metadata is a few hundred bytes. */
const MAX_OBJECT_BYTES = 16_384;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const key = (name: string) => Buffer.from(`"${name}"`);
const KEYS = {
  transactionId: key('transaction_id'), eventId: key('event_id'), profileId: key('profile_id'), profilerId: key('profiler_id'),
  transaction: key('transaction'), transactions: key('transactions'), id: key('id'),
};

/** The id after the first `"name": "<uuid>"` within [from, to), as 32 lower-case hex digits. */
function idOf(payload: Buffer, name: Buffer, from = 0, to = payload.length): string | null {
  for (let at = payload.indexOf(name, from); at >= 0 && at < to; at = payload.indexOf(name, at + name.length)) {
    const m = ID_VALUE.exec(payload.toString('latin1', at + name.length, Math.min(to, at + name.length + 48)));
    const id = normalizeEventId(m?.[1]);
    if (id !== null) return id;
  }
  return null;
}

/** Index just past the JSON object opening at `open` (strings and nesting respected), or -1. */
function objectEnd(payload: Buffer, open: number): number {
  let depth = 0;
  let inString = false;
  const stop = Math.min(payload.length, open + MAX_OBJECT_BYTES);
  for (let i = open; i < stop; i++) {
    const c = payload[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if ((c === 0x7d || c === 0x5d) && --depth === 0) return i + 1;
  }
  return -1;
}

/** The `id` of the object that is `name`'s value (`opener` "{"), or of the first one in its list ("["). */
function nestedId(payload: Buffer, name: Buffer, opener: '{' | '['): string | null {
  const shape = opener === '{' ? /^\s*:\s*\{/ : /^\s*:\s*\[\s*\{/;
  for (let at = payload.indexOf(name); at >= 0; at = payload.indexOf(name, at + name.length)) {
    const m = shape.exec(payload.toString('latin1', at + name.length, at + name.length + 32));
    if (!m) continue;
    const open = at + name.length + m[0].length - 1;
    const end = objectEnd(payload, open);
    return end < 0 ? null : idOf(payload, KEYS.id, open, end);
  }
  return null;
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * The number after a key ending at `at` (`: 1724770811.503`), read character by character: a
 * chunk holds one per sample, and a string or a Buffer search per sample made this scan slower
 * than parsing the whole chunk. NaN when there is none.
 */
function numberAfter(text: string, at: number): number {
  let i = at;
  while (isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i++) !== 0x3a) return NaN;
  while (isSpace(text.charCodeAt(i))) i++;
  let value = 0;
  let digits = 0;
  for (; isDigit(text.charCodeAt(i)) && digits < 20; i++, digits++) value = value * 10 + text.charCodeAt(i) - 0x30;
  if (digits === 0) return NaN;
  if (text.charCodeAt(i) === 0x2e) {
    let scale = 1;
    for (i++; isDigit(text.charCodeAt(i)); i++) if (scale < 1e9) value += (text.charCodeAt(i) - 0x30) / (scale *= 10);
  }
  // An exponent is not how an SDK writes seconds.
  const next = text.charCodeAt(i);
  return next === 0x65 || next === 0x45 ? NaN : value;
}

/** The earliest and latest `"timestamp": <seconds>` in the payload, in epoch ms. */
function timeRange(payload: Buffer): { start: number; end: number } | null {
  let start = Infinity;
  let end = -Infinity;
  // One latin1 string searched with indexOf: a Buffer search per sample cost twice as much.
  const text = payload.toString('latin1');
  const name = '"timestamp"';
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    const seconds = numberAfter(text, at + name.length);
    if (!(seconds > 0 && seconds < MAX_SECONDS)) continue;
    if (seconds < start) start = seconds;
    if (seconds > end) end = seconds;
  }
  return start <= end ? { start: start * 1000, end: end * 1000 } : null;
}

/** The facts of a `profile` (v1) or `profile_chunk` (v2) payload; never throws on odd bytes. */
export function profileFacts(kind: 'profile' | 'profile_chunk', payload: Buffer): ProfileFacts {
  if (kind === 'profile_chunk') {
    const range = timeRange(payload);
    return { transaction_id: null, profile_id: null, profiler_id: idOf(payload, KEYS.profilerId),
      start_ms: range?.start ?? null, end_ms: range?.end ?? null };
  }
  const transaction = nestedId(payload, KEYS.transaction, '{') ?? nestedId(payload, KEYS.transactions, '[') ?? idOf(payload, KEYS.transactionId);
  return { transaction_id: transaction, profile_id: idOf(payload, KEYS.eventId) ?? idOf(payload, KEYS.profileId),
    profiler_id: null, start_ms: null, end_ms: null };
}
