/**
 * A performance issue's bug report speaks of its transaction, not of an error: its breadcrumbs are
 * the steps before the transaction ended (times counted back from the transaction's `timestamp`,
 * its end), and a transaction without breadcrumbs gets no steps section. Error reports keep their words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail } from '../../shared/api-types';
import type { SentryEvent } from '../../shared/sentry';
import { performanceEvidence, performanceTitle, detectPerformanceProblems } from '../performance/detect';
import { nPlusOneQueries } from '../performance/test-transactions';
import type { ReportInput } from './report-input';
import { DEFAULT_SCRUB_RULES } from './report-input';
import { renderMarkdown } from './markdown';
import { renderHtml } from './html';
import { realReportInput } from './test-report-input';

let errorInput: ReportInput;
beforeAll(async () => { errorInput = await realReportInput(2); });

/** An N+1 transaction as an SDK sends it, with `crumbs` breadcrumbs the last of which is 1.5 s before it ended. */
function performanceInput(crumbs: number): ReportInput {
  const { rootSpanId: _root, ...tx } = nPlusOneQueries(10, 8);
  const end = tx.timestamp as number;
  const breadcrumbs = Array.from({ length: crumbs }, (_, k) => ({
    type: 'http', category: 'fetch', timestamp: end - 1.5 - (crumbs - 1 - k), data: { method: 'GET', url: `/authors?page=${k}`, status_code: 200 },
  }));
  const payload = { ...tx, breadcrumbs: { values: breadcrumbs } } as SentryEvent;
  const [problem] = detectPerformanceProblems(payload);
  if (!problem) throw new Error('the transaction has an N+1');
  const label = performanceTitle(problem);
  const event: EventDetail = {
    eventId: tx.event_id ?? '', projectId: 1, issueId: 7, kind: 'transaction', timestamp: end * 1000, received: end * 1000 + 3,
    level: 'info', platform: 'node', release: null, environment: null, title: 'GET /authors', culprit: label.culprit, userKey: null,
    traceId: String(tx.contexts?.trace?.trace_id), replayId: null, duplicates: 0, envelopeId: 1, payload, attachments: [], grouping: null,
    nav: null, truncated: false, performance: performanceEvidence(payload, problem.fingerprint),
  };
  const issue = { ...errorInput.issue, id: 7, title: label.title, culprit: label.culprit, level: 'info', type: 'transaction',
    issueCategory: 'performance' as const, issueType: problem.issueType, count: 1, tags: [], latestEventId: event.eventId };
  return { ...errorInput, issue, events: [event], attachments: [], replay: null, rawEnvelopes: new Map() };
}

const md = (input: ReportInput): string => renderMarkdown(input, { scrub: DEFAULT_SCRUB_RULES });
const html = (input: ReportInput): string => renderHtml(input, { scrub: DEFAULT_SCRUB_RULES, includeReplay: false, playerAssets: null });

describe('the words of a bug report follow what its issue is', () => {
  it("a performance issue's breadcrumbs are the steps before the transaction ended, timed from its end", () => {
    const input = performanceInput(3);
    const text = md(input);
    expect(text).toContain("## Steps before the transaction ended\n\nBreadcrumbs, times relative to the transaction's end:");
    expect(text).toMatch(/\| -1\.50s \| http \| fetch \| info \| GET \/authors\?page=2 → 200 \|/);
    expect(text.indexOf('## Steps before the transaction ended')).toBeLessThan(text.indexOf('## Performance: N+1 Query'));
    const page = html(input);
    expect(page).toContain('<h2>Steps before the transaction ended</h2>\n<p class="muted">Breadcrumbs, times relative to the transaction&#39;s end.</p>');
    for (const out of [text, page]) expect(out).not.toMatch(/the error|before the error/);
  });

  it('a transaction without breadcrumbs has no steps section, so the report opens with its evidence', () => {
    const input = performanceInput(0);
    const text = md(input);
    expect(text).not.toContain('breadcrumbs');
    expect(text).not.toContain('## Steps');
    expect(text).toMatch(/^# N\+1 Query\n\n.*\n\nStatus \*\*Unresolved\*\*.*\n\nCulprit: `GET \/authors` · level `info`\n\n## Performance: N\+1 Query\n/);
    const page = html(input);
    expect(page).not.toContain('id="steps"');
    expect(page).toContain('<h2>Performance: N+1 Query</h2>');
  });

  it('an error report still counts its steps back from the error, and says when there are none', () => {
    expect(md(errorInput)).toContain('## Steps before the error\n\nThe last 20 of 25 breadcrumbs, times relative to the error:');
    expect(html(errorInput)).toContain('<h2>Steps before the error</h2>\n<p class="muted">The last 20 of 25 breadcrumbs, times relative to the error.</p>');
    const [lead] = errorInput.events;
    const bare = { ...errorInput, events: [{ ...lead!, payload: { ...lead!.payload, breadcrumbs: { values: [] } } }] };
    expect(md(bare)).toContain('## Steps before the error\n\n_No breadcrumbs were recorded._');
    expect(html(bare)).toContain('<h2>Steps before the error</h2>\n<p class="muted">No breadcrumbs were recorded.</p>');
  });
});
