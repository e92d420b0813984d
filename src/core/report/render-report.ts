import type { DB } from '../store/db';
import { HttpError } from '../api/http-util';
import { buildBundle, DEFAULT_SCRUB_RULES, loadPlayerAssets, renderHtml, type ScrubRules } from '../export';
import { GITHUB_ISSUE_BODY_MAX, renderMarkdownToFit } from '../export/markdown-fit';
import { loadReportInput } from './report-source';
import { traceRecordsOf } from './trace-records';
import { refreshDetail } from '../api/source-api';
import { configuredRoots, sourceRootsResolver, type SourceRootsFor } from '../api/source-scope';

export type ReportFormat = 'md' | 'html' | 'json';

export interface ReportOptions {
  events: number;
  scrub: boolean;
  replay: boolean;
  /** Rules switched on or off for this export, over Sentry's defaults. */
  rules?: Partial<ScrubRules>;
  /** Markdown only: wrap each filtered spot in markers the export dialog highlights. */
  mark?: boolean;
  /** Markdown only: trim it to fit a GitHub issue body (65,536 characters) when it is longer. */
  fit?: boolean;
  /** Where this Lookout answers (`http://127.0.0.1:8969`), for the report's link to the event's trace. */
  lookoutUrl?: string;
}

export interface RenderedReport {
  body: Buffer | string;
  contentType: string;
  filename: string;
  /** Markdown: how long the untrimmed report is, and what `fit` trimmed (empty: it fit as it was). */
  fit?: { fullLength: number; trimmed: string[] };
}

/**
 * One bug report of an issue in the asked format, scrubbed unless told otherwise. `sourceRoots`
 * defaults to the roots the store's settings name (the CLI's case).
 */
export async function renderReport(db: DB, issueId: number, format: string,
  opts: ReportOptions, sourceRoots?: SourceRootsFor): Promise<RenderedReport> {
  if (format !== 'md' && format !== 'html' && format !== 'json') throw new HttpError(400, `unknown format ${format}: use md, html or json`);
  const input = await loadReportInput(db, issueId, format === 'json' ? opts.events : Math.max(1, Math.min(opts.events, 10)), opts.replay,
    opts.lookoutUrl);
  // The frames as the issue page shows them: a source map that appeared after ingest applies here too.
  const roots = sourceRoots ?? sourceRootsResolver(configuredRoots(db, []));
  input.events = await Promise.all(input.events.map((detail) => refreshDetail(detail, roots)));
  const scrub = opts.scrub ? { ...DEFAULT_SCRUB_RULES, ...opts.rules } : null;
  const base = `lookout-issue-${issueId}`;
  if (format === 'md') {
    const md = { contentType: 'text/markdown; charset=utf-8', filename: `${base}.md` };
    const fitted = renderMarkdownToFit(input, { scrub, markScrubbed: opts.mark === true }, opts.fit === true ? GITHUB_ISSUE_BODY_MAX : Infinity);
    return { ...md, body: fitted.markdown, fit: { fullLength: fitted.fullLength, trimmed: fitted.trimmed } };
  }
  if (format === 'html') {
    const html = renderHtml(input, { scrub, includeReplay: opts.replay, playerAssets: input.replay && opts.replay ? loadPlayerAssets() : null });
    return { body: html, contentType: 'text/html; charset=utf-8', filename: `${base}.html` };
  }
  // The bundle carries the trace's logs the report quotes and its span envelopes, so an import reports the same trace.
  const featured = input.events[0];
  const traceRecords = featured ? traceRecordsOf(db, featured.traceId, input.traceLogs ?? null, new Set(input.rawEnvelopes.keys())) : null;
  if (traceRecords) input.traceRecords = traceRecords;
  return { body: buildBundle(input, { scrub, includeReplay: opts.replay, maxEvents: opts.events }), contentType: 'application/json', filename: `${base}.json` };
}
