/**
 * Bug-report export: Markdown, a self-contained HTML report and a re-importable JSON bundle,
 * all pure functions of a `ReportInput`, scrubbed by default. See ./README.md for the data flow.
 * @see https://docs.sentry.io/security-legal-pii/scrubbing/server-side-scrubbing/
 */
export type { ReportAttachment, ReportReplay, ReportInput, ScrubRules, ScrubHit, ParsedBundle } from './report-input';
export { DEFAULT_SCRUB_RULES } from './report-input';
export { scrubValue, scrubText, FILTERED } from './scrub';
export { renderMarkdown, SCRUB_MARK_RE, stripScrubMarks, type MarkdownOptions } from './markdown';
export { renderHtml, REPORT_CSP, type HtmlOptions } from './html';
export { renderMarkdownToFit, GITHUB_ISSUE_BODY_MAX, type FittedMarkdown } from './markdown-fit';
export { buildBundle, DEFAULT_BUNDLE_EVENTS, type BundleOptions } from './bundle';
export { parseBundle, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION } from './bundle-parse';
export type { TraceRecordsInput, ParsedTraceRecords, TraceRecordLog } from './bundle-trace';
export { BundleError } from './bundle-check';
export { loadPlayerAssets } from './player-assets';
