import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCRUB_RULES, type ReportInput } from './report-input';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { realReportInput } from './test-report-input';

let input: ReportInput;
beforeAll(async () => { input = await realReportInput(1); });

describe('a report title with a bidi override (the reviewer\'s `evil.exe` shown as `exe.live`)', () => {
  it('shows the override as <U+202E> in the HTML title and heading and in the Markdown heading', () => {
    const spoofed = { ...input, issue: { ...input.issue, title: 'SpoofError: invoice\u202eexe.live' } };
    const html = renderHtml(spoofed, { scrub: DEFAULT_SCRUB_RULES, includeReplay: false, playerAssets: null });
    expect(html).toContain('<title>SpoofError: invoice&lt;U+202E&gt;exe.live</title>');
    expect(html).toContain('<h1>SpoofError: invoice&lt;U+202E&gt;exe.live</h1>');
    expect(html).not.toContain('\u202e');
    const md = renderMarkdown(spoofed, { scrub: DEFAULT_SCRUB_RULES });
    expect(md.split('\n')[0]).toContain('invoice');
    expect(md.split('\n')[0]).not.toContain('\u202e');
  });
});
