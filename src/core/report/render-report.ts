import type { DB } from '../store/db';
import { HttpError } from '../api/http-util';
import { buildBundle, DEFAULT_SCRUB_RULES, loadPlayerAssets, renderHtml, renderMarkdown } from '../export';
import { loadReportInput } from './report-source';

export type ReportFormat = 'md' | 'html' | 'json';

export interface RenderedReport { body: Buffer | string; contentType: string; filename: string }

/** One bug report of an issue in the asked format, scrubbed unless told otherwise. */
export async function renderReport(db: DB, issueId: number, format: string,
  opts: { events: number; scrub: boolean; replay: boolean }): Promise<RenderedReport> {
  if (format !== 'md' && format !== 'html' && format !== 'json') throw new HttpError(400, `unknown format ${format}: use md, html or json`);
  const input = await loadReportInput(db, issueId, format === 'json' ? opts.events : Math.max(1, Math.min(opts.events, 10)), opts.replay);
  const scrub = opts.scrub ? DEFAULT_SCRUB_RULES : null;
  const base = `lookout-issue-${issueId}`;
  if (format === 'md') return { body: renderMarkdown(input, { scrub }), contentType: 'text/markdown; charset=utf-8', filename: `${base}.md` };
  if (format === 'html') {
    const html = renderHtml(input, { scrub, includeReplay: opts.replay, playerAssets: input.replay && opts.replay ? loadPlayerAssets() : null });
    return { body: html, contentType: 'text/html; charset=utf-8', filename: `${base}.html` };
  }
  return { body: buildBundle(input, { scrub, includeReplay: opts.replay, maxEvents: opts.events }), contentType: 'application/json', filename: `${base}.json` };
}
