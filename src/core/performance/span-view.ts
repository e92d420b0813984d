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

function replaceCounting(text: string, pattern: RegExp, by: string): [string, number] {
  let n = 0;
  const out = text.replace(pattern, () => { n++; return by; });
  return [out, n];
}

/** Sentry's `parametrize_db_span_strategy`: `IN (…)` lists, savepoint names and literals become `%s`; null when nothing changed. */
export function parameterizeQuery(query: string): string | null {
  const [a, inCount] = replaceCounting(query, LOOSE_IN_CONDITION, ' IN (%s)');
  const [b, savepoints] = replaceCounting(a, SAVEPOINT, 'SAVEPOINT %s');
  const [c, literals] = replaceCounting(b, DB_LITERAL, '%s');
  return inCount + savepoints + literals === 0 ? null : c.trim();
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

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const record = (v: unknown): Record<string, unknown> | null =>
  (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : null);

/** A span of `spans[]`; `rootHash` set for the transaction's own span (contexts.trace), which hashes the transaction name. */
export function spanView(raw: unknown, rootHash?: string): DetectorSpan {
  const s = record(raw) ?? {};
  const op = text(s.op);
  const description = text(s.description);
  let hash: string | undefined = rootHash;
  return {
    spanId: text(s.span_id), parentSpanId: text(s.parent_span_id), op, description,
    startMs: toEpochMs(s.start_timestamp) ?? 0, endMs: toEpochMs(s.timestamp) ?? 0, data: record(s.data),
    hash() {
      if (hash !== undefined) return hash;
      const fingerprint = Array.isArray(s.fingerprint) && s.fingerprint.length > 0 ? s.fingerprint.map(String) : ['{{ default }}'];
      hash = hashValues(fingerprint.flatMap((f) => (DEFAULT_VARIABLE.test(f) ? defaultFingerprint(op, description ?? '') : [f])));
      return hash;
    },
  };
}
