/**
 * The Markdown report's trace summary (`report-trace-summary.ts`): the error's path through the
 * trace as an indented list, the services, the slowest spans and the trace's performance issues.
 * Span names are event text: code-spanned, never raw Markdown.
 * @see https://github.github.com/gfm/
 */
import { mdCode, mdTable, mdText } from './md-syntax';
import { pathWords, serviceText, type TraceSpanLine, type TraceSummaryView } from './report-trace-summary';

const spanLabel = (s: TraceSpanLine): string => `${s.op ? `${mdText(s.op)} ` : ''}${mdCode(s.name)} · ${s.duration}${s.service ? ` · ${mdText(s.service)}` : ''}`;

/** The summary's Markdown blocks, in order; none without a summary. */
export function mdTraceSummary(v: TraceSummaryView | null): string[] {
  if (!v) return [];
  const facts = `${v.spanCount.toLocaleString('en')}${v.spansTruncated ? '+' : ''} span${v.spanCount === 1 ? '' : 's'}${v.duration ? ` · ${v.duration}` : ''}`;
  const words = pathWords(v);
  const path = v.path.map((s, i) => `${'  '.repeat(i)}- ${spanLabel(s)}${i === v.path.length - 1 && words.here !== null ? ` ← **${words.here}**` : ''}`);
  if (v.pathCut > 0) path.splice(1, 0, `  - _${v.pathCut} spans between left out_`);
  const parts = [`**Summary** · ${facts}`,
    words.intro, path.join('\n'),
    `**Services**: ${v.services.map((s) => mdText(serviceText(s))).join(' · ')}`,
    `**Slowest spans**\n\n${mdTable(['Span', 'Duration', 'Service'], v.slowest.map((s) => [`${s.op ? `${mdText(s.op)} ` : ''}${mdCode(s.name, true)}`,
      s.duration, mdText(s.service ?? '')]), ['l', 'r'])}`];
  if (v.performanceIssues.length > 0) {
    parts.push(`**Performance issues of this trace**\n\n${v.performanceIssues.map((p) => `- ${mdText(p.title)}${p.value ? ` ${mdCode(p.value)}` : ''} (issue ${p.issueId})`).join('\n')}`);
  }
  return parts;
}
