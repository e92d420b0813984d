/**
 * One span as Sentry's performance detectors read it, with its span-grouping `hash` computed only
 * when a detector asks (most spans of most transactions never need one).
 * Span grouping config `default:2022-10-27`: the first strategy that applies to the span's op, else
 * its raw description, md5'd and cut to 16 hex digits; the transaction's root span hashes its name.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/spans/grouping/strategy/base.py
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/spans/grouping/strategy/config.py
 */
import { createHash } from 'node:crypto';
import { toEpochMs } from '../ingest/timestamps';
import { parseUrl } from './url-parameterize';

export interface DetectorSpan {
  spanId: string | null;
  parentSpanId: string | null;
  op: string | null;
  description: string | null;
  /** Epoch milliseconds; 0 when the SDK sent none (Relay would have refused the span). */
  startMs: number;
  endMs: number;
  data: Record<string, unknown> | null;
  /** Sentry's span group (`span.hash`), computed on first use. */
  hash(): string;
}

const DB_QUERY_OPS = new Set(['db', 'db.query', 'db.sql.query', 'db.sql.active_record', 'db.sql.execute', 'db.sql.transaction']);
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);
const LOOSE_IN_CONDITION = / IN \(((%s|\$?\d+|\?)(\s*,\s*(%s|\$?\d+|\?))*)\)/gi;
const SAVEPOINT = /SAVEPOINT (?:(?:"[^"]+")|(?:`[^`]+`)|(?:[a-z]\w+))/gi;
const DB_LITERAL = /(?:'(?:[^']|'')*?(?:\\'.*|'(?!')))|(?:-?\b(?:[0-9]+\.)?[0-9]+(?:[eE][+-]?[0-9]+)?\b)|(?:\b(?:true|false)\b)/g;

/** The same patterns without `g`: testing first, then replacing only what matched, costs half a counting callback's replace. */
const HAS_IN_CONDITION = new RegExp(LOOSE_IN_CONDITION.source, 'i');
/** What every `IN (…)` list starts with: a literal, far quicker to look for than the whole list. */
const IN_LIST_START = / IN \(/i;
const HAS_SAVEPOINT = new RegExp(SAVEPOINT.source, 'i');
const HAS_DB_LITERAL = new RegExp(DB_LITERAL.source);

/** Sentry's `parametrize_db_span_strategy`: `IN (…)` lists, savepoint names and literals become `%s`; null when nothing changed. */
export function parameterizeQuery(query: string): string | null {
  let out = query;
  let changed = false;
  // Each replacement runs on the previous one's output, as Sentry's do; none of these patterns matches an empty string.
  if (IN_LIST_START.test(out)) {
    // Replaced text differs, or (rarely) a list was already `%s` alone: either way something matched.
    const replaced = out.replace(LOOSE_IN_CONDITION, ' IN (%s)');
    changed = replaced !== out || HAS_IN_CONDITION.test(out);
    out = replaced;
  }
  if (HAS_SAVEPOINT.test(out)) { out = out.replace(SAVEPOINT, 'SAVEPOINT %s'); changed = true; }
  if (HAS_DB_LITERAL.test(out)) { out = out.replace(DB_LITERAL, '%s'); changed = true; }
  return changed ? out.trim() : null;
}

function defaultFingerprint(op: string | null, description: string): string[] {
  if (op !== null && DB_QUERY_OPS.has(op)) {
    const query = parameterizeQuery(description);
    if (query !== null) return [query];
  }
  if (op === 'http.client') {
    const space = description.indexOf(' ');
    const method = space >= 0 ? description.slice(0, space).toUpperCase() : '';
    if (space >= 0 && HTTP_METHODS.has(method)) {
      const url = parseUrl(description.slice(space + 1));
      return [method, url.scheme, url.netloc, url.path];
    }
  }
  if (op === 'redis' || op === 'db.redis') return [description.split(' ', 1)[0] ?? ''];
  return [description];
}

const DEFAULT_VARIABLE = /^\{\{\s*default\s*\}\}$/;

export function hashValues(values: readonly string[]): string {
  const md5 = createHash('md5');
  for (const v of values) md5.update(v, 'utf8');
  return md5.digest('hex').slice(0, 16);
}

/**
 * Results kept across transactions, as an app sends the same queries and names again and again: a
 * few thousand entries, emptied when full (a miss costs one md5, nothing more). Only short keys, so
 * a burst of huge queries cannot hold much memory.
 */
class Memo {
  private readonly entries = new Map<string, string>();
  constructor(private readonly compute: (key: string) => string) {}
  get(key: string): string {
    if (key.length > MEMO_MAX_KEY) return this.compute(key);
    let value = this.entries.get(key);
    if (value === undefined) {
      value = this.compute(key);
      if (this.entries.size >= MEMO_MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, value);
    }
    return value;
  }
}
const MEMO_MAX_ENTRIES = 2048;
const MEMO_MAX_KEY = 2000;

/**
 * A single-value fingerprint's hash, by its value (the md5 input itself, so memoising changes nothing).
 * Queries are parameterised each time: their texts, literals included, rarely repeat, their parameterised forms do.
 */
const hashOfValue = new Memo((value) => hashValues([value]));

/** The hash of a span without a custom fingerprint: Sentry's default fingerprint of its op and description, md5'd. */
function defaultHash(op: string | null, description: string): string {
  if (op === null) return hashOfValue.get(description);
  if (DB_QUERY_OPS.has(op)) return hashOfValue.get(parameterizeQuery(description) ?? description);
  if (op === 'http.client' || op === 'redis' || op === 'db.redis') return hashValues(defaultFingerprint(op, description));
  return hashOfValue.get(description);
}

function spanHash(fingerprint: unknown, op: string | null, description: string | null): string {
  if (!Array.isArray(fingerprint) || fingerprint.length === 0) return defaultHash(op, description ?? '');
  const values = fingerprint.map(String);
  return hashValues(values.flatMap((f) => (DEFAULT_VARIABLE.test(f) ? defaultFingerprint(op, description ?? '') : [f])));
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const record = (v: unknown): Record<string, unknown> | null =>
  (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : null);
/** `toEpochMs` with its common case (float seconds) inline: it runs twice per span of every transaction. */
const epochMs = (v: unknown): number => (typeof v === 'number' && v > 0 && v < 1e11 ? v * 1000 : toEpochMs(v) ?? 0);

/** One span's fields read once; a class, so a transaction's spans share one `hash` function instead of a closure each. */
class SpanView implements DetectorSpan {
  readonly spanId: string | null;
  readonly parentSpanId: string | null;
  readonly op: string | null;
  readonly description: string | null;
  readonly startMs: number;
  readonly endMs: number;
  readonly data: Record<string, unknown> | null;
  private readonly fingerprint: unknown;
  private readonly rootName: string | undefined;
  private cachedHash: string | undefined;

  constructor(s: Record<string, unknown>, rootName: string | undefined) {
    this.spanId = text(s.span_id);
    this.parentSpanId = text(s.parent_span_id);
    this.op = text(s.op);
    this.description = text(s.description);
    this.startMs = epochMs(s.start_timestamp);
    this.endMs = epochMs(s.timestamp);
    this.data = record(s.data);
    this.fingerprint = s.fingerprint;
    this.rootName = rootName;
  }

  hash(): string {
    // The root's hash is its transaction name's (`[name]` md5'd), needed only when a problem names the root as parent.
    return (this.cachedHash ??= this.rootName !== undefined ? hashOfValue.get(this.rootName) : spanHash(this.fingerprint, this.op, this.description));
  }
}

/** A span of `spans[]`; `rootName` set for the transaction's own span (contexts.trace), which hashes as `[transaction name]`. */
export function spanView(raw: unknown, rootName?: string): DetectorSpan {
  return new SpanView(record(raw) ?? {}, rootName);
}
