/**
 * The trace list's search, after Sentry's trace explorer: free text and span filters that a trace
 * matches when one of its spans does (`span.op:db span.description:*sales*` asks for one span that is
 * both), plus `has:error`. Free text is one term, a case-insensitive substring of a span's op or
 * description (its name), of the trace's root name, or a trace id prefix; `*` is a wildcard in a
 * filter's value; `span.duration:>500ms` compares (`>`, `>=`, `<`, `<=`, `=`; `ms`, `s`, `m`, `h`).
 * A key it cannot read is said back (`errors`) and its text searched.
 * @see https://docs.sentry.io/concepts/search/searchable-properties/spans/
 * @see https://docs.sentry.io/product/explore/traces/
 */

export interface SpanFacts { op: string | null; name: string | null; startMs: number | null; endMs: number | null }

export interface TraceSearch {
  /** Lower-cased free text ('' for none). */
  text: string;
  op: RegExp | null;
  description: RegExp | null;
  duration: { cmp: '>' | '>=' | '<' | '<=' | '='; ms: number } | null;
  hasError: boolean | null;
  /** What could not be read, said under the box. */
  errors: string[];
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^(>=|<=|>|<|=)?(\d+(?:\.\d+)?)(ms|s|m|h)?$/;
const TOKEN = /(!?[\w.]+):("[^"]*"|\S+)|"([^"]*)"|(\S+)/g;

/** A value with `*` wildcards as a whole-value, case-insensitive pattern (Sentry's span filters match the whole value). */
function wildcard(value: string): RegExp {
  return new RegExp(`^${value.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
}

const unquote = (v: string): string => (v.startsWith('"') && v.endsWith('"') && v.length >= 2 ? v.slice(1, -1) : v);

export function parseTraceSearch(query: string): TraceSearch {
  const out: TraceSearch = { text: '', op: null, description: null, duration: null, hasError: null, errors: [] };
  const words: string[] = [];
  for (const m of query.matchAll(TOKEN)) {
    const [whole, key, rawValue, quoted, bare] = m;
    if (key === undefined || rawValue === undefined) { words.push(quoted ?? bare ?? whole); continue; }
    const value = unquote(rawValue);
    const k = key.toLowerCase();
    if (k === 'span.op') out.op = wildcard(value);
    else if (k === 'span.description' || k === 'span.name') out.description = wildcard(value);
    else if (k === 'span.duration') {
      const d = DURATION.exec(value.trim());
      if (d) out.duration = { cmp: (d[1] ?? '=') as NonNullable<TraceSearch['duration']>['cmp'], ms: Number(d[2]) * (UNITS[d[3] ?? 'ms'] ?? 1) };
      else out.errors.push(`span.duration:${value} is not a duration (use span.duration:>500ms)`);
    } else if ((k === 'has' || k === '!has') && value.toLowerCase() === 'error') out.hasError = k === 'has';
    else { out.errors.push(`${key}: is not a trace search key (span.op, span.description, span.duration, has:error): searched as text`); words.push(whole); }
  }
  out.text = words.join(' ').trim().toLowerCase();
  return out;
}

/** Whether the search needs the trace's spans (more than its root and id). */
export const needsSpans = (s: TraceSearch): boolean => s.op !== null || s.description !== null || s.duration !== null || s.text !== '';

function durationMatches(d: NonNullable<TraceSearch['duration']>, span: SpanFacts): boolean {
  if (span.startMs === null || span.endMs === null) return false;
  const ms = span.endMs - span.startMs;
  switch (d.cmp) {
    case '>': return ms > d.ms;
    case '>=': return ms >= d.ms;
    case '<': return ms < d.ms;
    case '<=': return ms <= d.ms;
    default: return ms === d.ms;
  }
}

/** Whether one span meets every span condition; `textDone` when the free text was met by the trace's root or id already. */
export function spanMatches(s: TraceSearch, span: SpanFacts, textDone: boolean): boolean {
  if (s.op && !s.op.test(span.op ?? '')) return false;
  if (s.description && !s.description.test(span.name ?? '')) return false;
  if (s.duration && !durationMatches(s.duration, span)) return false;
  if (!textDone && s.text !== '' && !`${span.op ?? ''}\n${span.name ?? ''}`.toLowerCase().includes(s.text)) return false;
  return true;
}

/** Whether the free text is met by the trace id (a prefix) or its root's op, name or page, read from the block columns. */
export function headMatches(s: TraceSearch, traceId: string, head: string): boolean {
  return s.text === '' || traceId.startsWith(s.text) || head.toLowerCase().includes(s.text);
}
