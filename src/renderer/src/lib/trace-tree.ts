/**
 * A trace's spans as waterfall rows: nested under their parent span, siblings by start time.
 * Spans whose parent was not captured (a trace continued from another service) become roots.
 * @see https://develop.sentry.dev/sdk/telemetry/traces/
 */
import type { TraceSpan } from '../../../shared/api-types';

export interface WaterfallRow {
  key: string;
  span: TraceSpan;
  depth: number;
  childCount: number;
}

function byStart(a: TraceSpan, b: TraceSpan): number {
  return (a.startMs ?? Number.MAX_VALUE) - (b.startMs ?? Number.MAX_VALUE);
}

/**
 * Depth-first rows, skipping the children of `collapsed` span keys. Iterative, and every span is
 * placed once, so a parent loop in odd data can neither recurse nor repeat.
 */
export function waterfallRows(spans: readonly TraceSpan[], collapsed: ReadonlySet<string> = new Set()): WaterfallRow[] {
  const keyOf = new Map<TraceSpan, string>();
  const ids = new Set<string>();
  spans.forEach((s, i) => {
    const key = s.spanId && !ids.has(s.spanId) ? s.spanId : `#${i}`;
    ids.add(key);
    keyOf.set(s, key);
  });
  const children = new Map<string, TraceSpan[]>();
  const roots: TraceSpan[] = [];
  for (const s of spans) {
    if (s.parentSpanId && s.parentSpanId !== s.spanId && ids.has(s.parentSpanId)) {
      const list = children.get(s.parentSpanId) ?? [];
      list.push(s);
      children.set(s.parentSpanId, list);
    } else {
      roots.push(s);
    }
  }
  for (const list of children.values()) list.sort(byStart);
  const rows: WaterfallRow[] = [];
  const placed = new Set<TraceSpan>();
  const walk = (start: TraceSpan[]) => {
    const stack: { span: TraceSpan; depth: number }[] = [...start].sort(byStart).reverse().map((span) => ({ span, depth: 0 }));
    while (stack.length) {
      const { span, depth } = stack.pop()!;
      if (placed.has(span)) continue;
      placed.add(span);
      const key = keyOf.get(span)!;
      const kids = children.get(key) ?? [];
      rows.push({ key, span, depth, childCount: kids.length });
      if (collapsed.has(key)) { for (const k of descendants(kids, children, keyOf)) placed.add(k); continue; }
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ span: kids[i]!, depth: depth + 1 });
    }
  };
  walk(roots);
  // Spans caught in a parent loop are reachable from no root: list them at the top level.
  if (placed.size < spans.length) walk(spans.filter((s) => !placed.has(s)));
  return rows;
}

function descendants(kids: TraceSpan[], children: Map<string, TraceSpan[]>, keyOf: Map<TraceSpan, string>): TraceSpan[] {
  const out: TraceSpan[] = [];
  const stack = [...kids];
  const seen = new Set<TraceSpan>();
  while (stack.length) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    out.push(s);
    stack.push(...(children.get(keyOf.get(s)!) ?? []));
  }
  return out;
}

/** `ok`, no status and `unset` are fine; `cancelled` is a warning; anything else failed. */
export function spanStatusClass(status: string | null): 'ok' | 'warn' | 'error' {
  if (status === null || status === '' || status === 'ok' || status === 'unset') return 'ok';
  return status === 'cancelled' ? 'warn' : 'error';
}

/** "0.42ms", "12.3ms", "1.25s", "2m 03s". */
export function formatDuration(ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms === 0) return '0ms';
  if (ms < 1) return `${ms.toFixed(2)}ms`;
  if (ms < 100) return `${ms.toFixed(1)}ms`;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)}s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes}m ${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** Bar position inside the trace, in percent of its duration (a zero-length trace fills the track). */
export function barOf(span: TraceSpan, traceStart: number, traceDuration: number): { left: number; width: number } {
  if (span.startMs === null || traceDuration <= 0) return { left: 0, width: 100 };
  const left = Math.min(100, Math.max(0, ((span.startMs - traceStart) / traceDuration) * 100));
  const end = span.endMs ?? span.startMs;
  const width = Math.min(100 - left, Math.max(0, ((end - span.startMs) / traceDuration) * 100));
  return { left, width };
}

/**
 * The path of an HTTP or resource span's URL when its name lacks it: SDK 11 names a browser's
 * fetch "GET 127.0.0.1", so every call to one host looked the same.
 */
export function requestPath(span: TraceSpan): string | null {
  const raw = span.data['url.full'] ?? span.data['http.url'] ?? span.data.url;
  if (typeof raw !== 'string' || raw === '') return null;
  let path: string;
  try { const u = new URL(raw, 'http://relative.invalid'); path = `${u.pathname}${u.search}`; } catch { return null; }
  return path === '/' || (span.name ?? '').includes(path) ? null : path;
}
