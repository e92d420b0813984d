import { beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../shared/api-telemetry';
import { DEFAULT_SCRUB_RULES, type ReportInput } from './report-input';
import { renderMarkdown } from './markdown';
import { GITHUB_ISSUE_BODY_MAX, renderMarkdownToFit } from './markdown-fit';
import { realReportInput } from './test-report-input';

let input: ReportInput;
/** Real @sentry/node events, the featured one's trace with 50 long logs around it and a large `extra`: ~140,000 characters. */
let big: ReportInput;

beforeAll(async () => {
  input = await realReportInput();
  const featured = input.events[0]!;
  const logs: LogEntry[] = Array.from({ length: 50 }, (_, i) => ({
    id: i + 1, projectId: 1, timestamp: featured.timestamp + (i - 25) * 1000, traceId: featured.traceId, spanId: null,
    level: 'info', body: `step ${i - 25}: ${'payload '.repeat(230)}`, attributes: { step: i - 25 },
  }));
  big = { ...input, traceLogs: { logs, total: 212 },
    events: [{ ...featured, payload: { ...featured.payload, extra: { dump: 'row;'.repeat(5000) } } }, ...input.events.slice(1)] };
});

const section = (md: string, heading: string): string => {
  const start = md.indexOf(`\n## ${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const next = md.indexOf('\n## ', start + 1);
  return md.slice(start, next === -1 ? undefined : next);
};

describe('the Markdown report fitted to a GitHub issue body', () => {
  it('is the full report, untouched, when it fits', () => {
    const fitted = renderMarkdownToFit(input, { scrub: DEFAULT_SCRUB_RULES });
    expect(fitted.trimmed).toEqual([]);
    expect(fitted.markdown).toBe(renderMarkdown(input, { scrub: DEFAULT_SCRUB_RULES }));
  });

  it('trims the largest sections first, each saying what it left out, until it fits', () => {
    const full = renderMarkdown(big, { scrub: DEFAULT_SCRUB_RULES });
    expect(full.length).toBeGreaterThan(GITHUB_ISSUE_BODY_MAX);
    const fitted = renderMarkdownToFit(big, { scrub: DEFAULT_SCRUB_RULES });
    expect(fitted.fullLength).toBe(full.length);
    expect(fitted.markdown.length).toBeLessThanOrEqual(GITHUB_ISSUE_BODY_MAX);
    expect(fitted.markdown).toContain(`> Trimmed to fit a GitHub issue (65,536 characters) from ${full.length.toLocaleString('en')}: `);
    // The logs weigh most: trimmed first, keeping those nearest the error.
    const trace = section(fitted.markdown, 'Trace');
    const cut = /_Trimmed to fit a GitHub issue: (\d+) of 50 logs left out; the full report is in the HTML or JSON export\._/.exec(trace);
    expect(cut).not.toBeNull();
    const kept = [...trace.matchAll(/step (-?\d+):/g)].map((m) => Number(m[1]));
    expect(kept.length).toBe(50 - Number(cut![1]));
    expect(Math.max(...kept.map(Math.abs))).toBeLessThanOrEqual(Math.ceil(kept.length / 2) + 1);
    expect(fitted.trimmed[0]).toBe(`${cut![1]} of 50 logs left out`);
    // Only as much as needed: the report is near the limit, not far below it.
    expect(fitted.markdown.length).toBeGreaterThan(GITHUB_ISSUE_BODY_MAX - 6000);
  });

  it('cuts the next largest section once the first is emptied, and never breaks a fenced block', () => {
    const limit = 12_000;
    const fitted = renderMarkdownToFit(big, { scrub: DEFAULT_SCRUB_RULES }, limit);
    expect(fitted.markdown.length).toBeLessThanOrEqual(limit);
    expect(fitted.trimmed.some((t) => t.endsWith('of additional data left out'))).toBe(true);
    expect(section(fitted.markdown, 'Additional data')).toContain('_Trimmed to fit a GitHub issue: ');
    const fences = fitted.markdown.split('\n').filter((l) => /^\s*```/.test(l));
    expect(fences.length % 2).toBe(0);
  });
});
