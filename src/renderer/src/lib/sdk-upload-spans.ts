import type { TraceSpan } from '../../../shared/api-types';

/** The paths a Sentry SDK sends to (Relay's ingest endpoints): `/api/1/envelope/`, `/api/1/store/`, `/api/1/minidump/`… */
const INGEST_PATH = /^\/api\/\d+\/(envelope|store|minidump|security|unreal|playstation)\/?$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
/** Where SDKs and OpenTelemetry put an outgoing request's URL. */
const URL_KEYS = ['url.full', 'http.url', 'url'];

/** An http span's URL: from its data, else its name (`POST http://…`). */
function urlOf(span: TraceSpan): string | null {
  for (const key of URL_KEYS) {
    const v = span.data[key];
    if (typeof v === 'string' && /^https?:\/\//i.test(v)) return v;
  }
  const named = /^(?:[A-Z]+\s+)?(https?:\/\/\S+)/i.exec(span.name ?? '');
  return named?.[1] ?? null;
}

/**
 * Whether a span is the SDK's own upload to this Lookout (an http span to its ingest endpoint on
 * this machine, at `origin`'s port): the Python SDK's stdlib integration, for one, traces the
 * requests its transport makes, nine of thirteen spans of a small trace. Nothing stored changes;
 * the waterfall folds them away.
 */
export function isLookoutUpload(span: TraceSpan, origin: string): boolean {
  const text = urlOf(span);
  if (text === null) return false;
  try {
    const url = new URL(text);
    const own = new URL(origin);
    const port = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');
    const sameHost = LOOPBACK.has(url.hostname) ? LOOPBACK.has(own.hostname) || url.hostname === own.hostname : url.hostname === own.hostname;
    return sameHost && port(url) === port(own) && INGEST_PATH.test(url.pathname);
  } catch {
    return false;
  }
}

/** The spans split: the trace's own, and the SDK's uploads to this Lookout. */
export function splitUploads(spans: readonly TraceSpan[], origin: string): { own: TraceSpan[]; uploads: TraceSpan[] } {
  const own: TraceSpan[] = [];
  const uploads: TraceSpan[] = [];
  for (const s of spans) (isLookoutUpload(s, origin) ? uploads : own).push(s);
  return { own, uploads };
}

/** An upload span as the waterfall shows it when asked to: said for what it is. */
export function labelledUpload(span: TraceSpan): TraceSpan {
  return { ...span, name: `SDK upload to Lookout · ${span.name ?? ''}`.trim() };
}
