/**
 * The HTML report's trace summary (`report-trace-summary.ts`): the error's path through the trace
 * as a nested list, the services, the slowest spans and the trace's performance issues. Every span
 * name and service is event text, escaped.
 * @see https://html.spec.whatwg.org/multipage/
 */
import { esc } from './html-syntax';
import { pathWords, serviceText, type TraceSpanLine, type TraceSummaryView } from './report-trace-summary';

const spanLabel = (s: TraceSpanLine): string => `${s.op ? `<span class="muted">${esc(s.op)}</span> ` : ''}<code>${esc(s.name)}</code>`
  + ` · ${esc(s.duration)}${s.service ? ` <span class="muted">· ${esc(s.service)}</span>` : ''}`;

/** The path as nested lists, root outermost, the error's span innermost. */
function pathList(v: TraceSummaryView): string {
  let html = '';
  v.path.forEach((s, i) => {
    const mark = pathWords(v).here;
    const here = i === v.path.length - 1 && mark !== null ? ` <strong>← ${esc(mark)}</strong>` : '';
    const cut = i === 0 && v.pathCut > 0 ? `<ul><li class="muted">${v.pathCut} spans between left out</li></ul>` : '';
    html += `<ul><li>${spanLabel(s)}${here}${cut}`;
  });
  return html + '</li></ul>'.repeat(v.path.length);
}

/** The summary's HTML, or '' without one. */
export function htmlTraceSummary(v: TraceSummaryView | null): string {
  if (!v) return '';
  const facts = `${v.spanCount.toLocaleString('en')}${v.spansTruncated ? '+' : ''} span${v.spanCount === 1 ? '' : 's'}${v.duration ? ` · ${v.duration}` : ''}`;
  const slowest = v.slowest.map((s) => `<tr><td>${s.op ? `${esc(s.op)} ` : ''}<code>${esc(s.name)}</code></td><td class="time">${esc(s.duration)}</td>`
    + `<td>${esc(s.service ?? '')}</td></tr>`).join('\n');
  const issues = v.performanceIssues.map((p) => `<li>${esc(p.title)}${p.value ? ` <code>${esc(p.value)}</code>` : ''} <span class="muted">(issue ${p.issueId})</span></li>`);
  return [
    '<div id="trace-summary">', `<p class="facts"><strong>Summary</strong> · ${esc(facts)}</p>`,
    `<p>${esc(pathWords(v).intro)}</p>`,
    `<div id="trace-path">${pathList(v)}</div>`,
    `<p id="trace-services"><strong>Services</strong>: ${v.services.map((s) => esc(serviceText(s))).join(' · ')}</p>`,
    '<table id="trace-slowest">', '<thead><tr><th>Slowest spans</th><th>Duration</th><th>Service</th></tr></thead>', `<tbody>\n${slowest}\n</tbody>`, '</table>',
    ...(issues.length ? ['<p><strong>Performance issues of this trace</strong></p>', `<ul id="trace-performance-issues">${issues.join('')}</ul>`] : []),
    '</div>',
  ].join('\n');
}
