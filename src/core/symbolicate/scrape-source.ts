import type { SentryFrame } from '../../shared/sentry';
import { contextAround, setContext, splitLines } from './context-lines';
import type { MapFailure } from './failure-kind';
import { isRecord, posInt, str } from './frames';
import { fetchFor, type ScrapeSession } from './scrape-map';
import { scrapeDecision } from './scrape-policy';
import { fixupTurbopackFilename, fixupWebpackFilename, joinPaths } from './sentry-frame-names';

const HTTP = /^https?:\/\//i;

/** The map's URL as a mapped frame records it (`data.sourcemap`; an inline map is its script's). */
function mapUrlOf(data: Record<string, unknown>): string | null {
  const ref = str(data.sourcemap);
  if (!ref) return null;
  const url = ref.endsWith(' (inline)') ? ref.slice(0, -' (inline)'.length) : ref;
  return HTTP.test(url) ? url : null;
}

/**
 * Where a mapped frame's original source can be fetched when its map embeds no text. Symbolicator
 * fetches the map's `sources` entry joined to the map's URL (`source_file_key`): here `absPath`,
 * the source as the map engine already resolved it against `sourceRoot` and the map's URL, when
 * that is an http(s) URL. A `webpack://app/./src/x.js` or `turbopack:` source has no such URL;
 * its name with the namespace cut (`filename`, as Sentry names the frame: `./src/x.js`) is joined
 * to the map's URL instead. A local path gives null: Source folders answer for it, as before.
 * @see https://github.com/getsentry/symbolicator/blob/master/crates/symbolicator-js/src/symbolication.rs
 * @see https://github.com/getsentry/symbolicator/blob/master/crates/symbolicator-js/src/utils.rs (join_paths)
 */
export function originalSourceUrl(absPath: string, filename: string | null, mapUrl: string | null): string | null {
  if (HTTP.test(absPath)) return absPath;
  if (!mapUrl || !HTTP.test(mapUrl) || !/^(?:webpack|webpack-internal|turbopack):/.test(absPath)) return null;
  const name = filename && !filename.includes('://') && !filename.startsWith('webpack') ? filename
    : absPath.startsWith('turbopack:') ? fixupTurbopackFilename(absPath) : fixupWebpackFilename(absPath);
  if (name.includes('://')) return null;
  const joined = joinPaths(mapUrl, name);
  return HTTP.test(joined) ? joined : null;
}

/** A server's HTML fallback page (an SPA dev server answers every path with it) is not the source. */
function isHtml(contentType: string | null, text: string): boolean {
  return /^text\/html/i.test(contentType ?? '') || /^\s*<!doctype html/i.test(text.slice(0, 100));
}

/**
 * The original sources a run fetched, by URL: each one once per run, through the same policy,
 * cache, failure memory, concurrency limit and budget as scripts and maps.
 */
export class RemoteSources {
  private readonly texts = new Map<string, Promise<{ text: string } | MapFailure | null>>();

  constructor(private readonly session: ScrapeSession) {}

  private fetchText(url: string): Promise<{ text: string } | MapFailure | null> {
    let pending = this.texts.get(url);
    if (!pending) {
      pending = (async () => {
        const allowed = scrapeDecision(url, 'source', this.session.opts);
        // Explaining (the issue page), a host not allowed is said; at ingest it is only skipped.
        if (!allowed.ok) return allowed.kind === 'host-not-allowed' && this.session.opts.explain === true ? { kind: allowed.kind, reason: allowed.reason } : null;
        const got = await fetchFor(allowed.url, 'original source', this.session);
        if ('reason' in got) return got;
        if (isHtml(got.contentType, got.text)) return { kind: 'fetch-failed', reason: `${got.url} answered an HTML page, not the original source` };
        return { text: got.text };
      })();
      this.texts.set(url, pending);
    }
    return pending;
  }

  /**
   * Gives a mapped frame without context lines those of its original source fetched from its URL
   * (Sentry's fallback when `sourcesContent` is missing). Returns true when it set them, the
   * failure when the fetch failed, null when there was nothing to fetch.
   */
  async fillContext(frame: SentryFrame): Promise<true | MapFailure | null> {
    const data = isRecord(frame.data) ? frame.data : {};
    const line = posInt(frame.lineno);
    const absPath = str(frame.abs_path);
    if (typeof frame.context_line === 'string' || data.symbolicated !== true || line === undefined || !absPath) return null;
    const url = originalSourceUrl(absPath, str(frame.filename) ?? null, mapUrlOf(data));
    if (!url) return null;
    const got = await this.fetchText(url);
    if (got === null || !('text' in got)) return got;
    const ctx = contextAround(splitLines(got.text), line, undefined, posInt(frame.colno));
    if (!ctx) return { kind: 'not-covered', reason: `${url} has no line ${line}: the source changed since the map was built` };
    setContext(frame, ctx);
    return true;
  }
}

/** Whether a mapped frame still lacks the context lines a fetched source could give it (the view retries those). */
export function wantsRemoteContext(frame: SentryFrame): boolean {
  const data = isRecord(frame.data) ? frame.data : null;
  if (!data || data.symbolicated !== true || typeof frame.context_line === 'string') return false;
  const absPath = str(frame.abs_path);
  return !!absPath && originalSourceUrl(absPath, str(frame.filename) ?? null, mapUrlOf(data)) !== null;
}

/**
 * Says on a mapped frame why it has no context lines: its original source could not be fetched
 * (`data.source_context_error` in words, `data.source_context_error_kind` as a kind), as Sentry's
 * issue page shows a `fetch_invalid_http_code` or `js_fetch_timeout` error of the source. Set on the
 * view's copy only (`explain`), so it is never stored: the next view fetches again. Returns whether
 * the frame changed.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/models/eventerror.py
 */
export function noteMissingContext(frame: SentryFrame, failure: MapFailure): boolean {
  const data = isRecord(frame.data) ? frame.data : {};
  if (data.source_context_error === failure.reason && data.source_context_error_kind === failure.kind) return false;
  frame.data = { ...data, source_context_error: failure.reason, source_context_error_kind: failure.kind };
  return true;
}
