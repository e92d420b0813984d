/**
 * Why a minified JavaScript frame was left as the SDK sent it, as symbolication records it on the
 * frame (`data.sourcemap_error` says it in words, `data.sourcemap_error_kind` is one of these), so
 * the issue page can say what to do about it. Sentry's issue page does the same from its
 * processing errors (`js_scraping_disabled`, `fetch_invalid_http_code`, `js_fetch_timeout`,
 * `js_fetch_too_large`, `js_invalid_sourcemap`, `js_invalid_stackframe_location`…).
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/models/eventerror.py
 * @see https://docs.sentry.io/platforms/javascript/sourcemaps/troubleshooting_js/
 */
export type SourcemapFailureKind =
  /** The script names no map: no `//# sourceMappingURL`, no `SourceMap` header, no sibling `.map`. */
  | 'no-source-map-url'
  /** The script or its map lives on a host Lookout does not fetch from, and no Source folder holds it. */
  | 'host-not-allowed'
  /** Fetching the script or map failed: an HTTP status, a refused connection, a timeout. */
  | 'fetch-failed'
  /** Still fetching when the event was stored: opening it again retries. */
  | 'fetch-pending'
  /** The script or map is over the size Lookout reads. */
  | 'too-large'
  /** The map is not a valid source map. */
  | 'invalid-map'
  /** The map has no mapping at the frame's position: it belongs to another build. */
  | 'not-covered'
  /** The map (or the file it names) is not in the Source folders, or may not be read. */
  | 'not-found'
  /** The event names a debug id that no map found carries. */
  | 'debug-id'
  | 'other';

/** The values of {@link SourcemapFailureKind}, for checking untrusted payloads. */
export const SOURCEMAP_FAILURE_KINDS: readonly SourcemapFailureKind[] = [
  'no-source-map-url', 'host-not-allowed', 'fetch-failed', 'fetch-pending', 'too-large', 'invalid-map', 'not-covered', 'not-found', 'debug-id', 'other',
];

/**
 * The kind of a reason the local lookup wrote (map-finder, map-cache, safe-read, apply-map), read
 * off its words: those places only say what went wrong, each one way. Also reads the reasons of
 * events stored before kinds were recorded.
 */
export function kindOfReason(reason: string): SourcemapFailureKind {
  if (/debug id/.test(reason)) return 'debug-id';
  if (/too large/.test(reason)) return 'too-large';
  if (/^no mapping for /.test(reason)) return 'not-covered';
  if (/not valid JSON|not a version 3|could not be parsed|corrupt mappings|could not be decoded/.test(reason)) return 'invalid-map';
  if (/not found|outside the source roots|not a source file|cannot (?:open|read)/.test(reason)) return 'not-found';
  return 'other';
}

/** The kind recorded on a frame's `data`, else read off its reason; null when it has none. */
export function sourcemapFailureOf(data: unknown): { reason: string; kind: SourcemapFailureKind } | null {
  const d = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const reason = d.sourcemap_error;
  if (typeof reason !== 'string' || reason === '') return null;
  const kind = d.sourcemap_error_kind;
  const known = typeof kind === 'string' && (SOURCEMAP_FAILURE_KINDS as readonly string[]).includes(kind);
  return { reason, kind: known ? (kind as SourcemapFailureKind) : kindOfReason(reason) };
}
