/**
 * HTML sections of the report beyond the event itself: the issue's status and releases, the event's
 * trace with its logs, and the attachments (small text quoted, raster images inlined as `data:` URLs).
 * Every event string is escaped; the only link is the exporting Lookout's trace page, built from a
 * validated hex trace id.
 * @see https://html.spec.whatwg.org/multipage/
 */
import type { ReportModel } from './report-model';
import { formatBytes } from './format';
import { esc, htmlTable } from './html-syntax';
import { statusFacts } from './report-status';
import { TRACE_NOT_IN_BUNDLE, traceLogsNote } from './report-trace';
import { htmlTraceSummary } from './html-trace-summary';
import { MOMENT_WORDS } from './report-steps';

/** Images larger than this are listed but not inlined, to keep the file openable. */
export const MAX_INLINE_IMAGE = 25 * 1024 * 1024;

export function htmlStatusLine(m: ReportModel): string {
  const parts = statusFacts(m.status).map(({ label, value }, i) => (i === 0
    ? `Status <strong class="issue-status">${esc(value ?? '')}</strong>`
    : `${esc(label)} <code>${esc(value ?? 'unknown')}</code>`));
  return `<p class="facts" id="issue-status">${parts.join(' · ')}</p>`;
}

export function htmlTrace(m: ReportModel): string {
  const t = m.trace;
  if (!t) return '';
  // The id is what a teammate can look up; the link opens only where the report was exported.
  const link = t.link ? ` · <a href="${esc(t.link)}" title="A link into the Lookout that exported this report">open in the sender's Lookout</a>`
    + ' <span class="muted">(on their machine only)</span>' : '';
  const head = `<p class="facts">Trace <code id="trace-id">${esc(t.traceId)}</code>${link}</p>${htmlTraceSummary(t.summary)}`;
  if (!t.logsLookedUp) return `<section id="trace">\n<h2>Trace</h2>\n${head}\n</section>`;
  if (t.total === 0 && t.logsNotInBundle) return `<section id="trace">\n<h2>Trace</h2>\n${head}\n<p class="muted">${esc(TRACE_NOT_IN_BUNDLE)}</p>\n</section>`;
  if (t.total === 0) return `<section id="trace">\n<h2>Trace</h2>\n${head}\n<p class="muted">The app wrote no logs in this trace.</p>\n</section>`;
  const rows = t.logs.map((l) => `<tr class="log-${esc(l.level.toLowerCase())}"><td class="time">${esc(l.time)}</td><td class="time">${esc(l.offset)}</td>`
    + `<td>${esc(l.level)}</td><td>${esc(l.message)}</td><td>${l.attributes.map(([k, v]) => `<code>${esc(k)}=${esc(v)}</code>`).join(' ')}</td></tr>`);
  return [
    '<section id="trace">', '<h2>Trace</h2>', head,
    `<p class="muted" id="trace-logs-note">${esc(traceLogsNote(t, MOMENT_WORDS[m.moment].relativeTo))}</p>`,
    '<table id="trace-logs">', '<thead><tr><th>Time</th><th>Offset</th><th>Level</th><th>Message</th><th>Attributes</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`, '</table>', '</section>',
  ].join('\n');
}

export function htmlAttachments(m: ReportModel): string {
  if (m.attachments.length === 0) return '';
  const items = m.attachments.map((a) => {
    const facts = [a.contentType, formatBytes(a.size), a.truncated ? 'truncated' : null,
      a.feedbackOf !== undefined ? `screenshot of the feedback by ${a.feedbackOf}` : null].filter((f) => f !== null).join(', ');
    const label = `<code>${esc(a.filename)}</code> <span class="muted">(${esc(facts)})</span>`;
    if (a.text !== null) return `<li>${label}\n<pre class="wrap attachment-text">${esc(a.text)}</pre></li>`;
    if (!a.imageMime || !a.data || a.data.length > MAX_INLINE_IMAGE) return `<li>${label}</li>`;
    const src = `data:${a.imageMime};base64,${a.data.toString('base64')}`;
    return `<li><figure><img src="${src}" alt="${esc(a.filename)}"><figcaption>${label}</figcaption></figure></li>`;
  });
  return `<section id="attachments">\n<h2>Attachments</h2>\n<ul>\n${items.join('\n')}\n</ul>\n</section>`;
}

/** The native crash's facts, registers and binary images (see `mdNative`); every value escaped. */
export function htmlNative(m: ReportModel): string {
  const n = m.native;
  if (!n) return '';
  const facts = [
    ...(n.crashedThread === null ? [] : [['Crashed thread', n.crashedThread]]),
    ...n.mechanism.map((f) => [f.label, f.text]),
  ];
  const parts = ['<section id="native">', '<h2>Native crash</h2>'];
  if (facts.length > 0) parts.push(htmlTable(['', ''], facts, [1]));
  if (n.unsymbolicated.length > 0) {
    parts.push('<p class="muted">Unsymbolicated (Lookout reads no native debug files):</p>',
      `<ul id="unsymbolicated">\n${n.unsymbolicated.map((u) => `<li>${esc(u)}</li>`).join('\n')}\n</ul>`);
  }
  if (n.registers.length > 0) {
    const cells = n.registers.map(([name, value]) => `<span class="register"><b>${esc(name)}</b> <code>${esc(value)}</code></span>`);
    parts.push('<h3>Registers (crashed thread)</h3>', `<p id="registers" class="registers">${cells.join(' ')}</p>`);
  }
  if (n.images.length > 0) {
    parts.push('<h3>Binary images</h3>', htmlTable(['Image', 'Address range', 'Arch', 'Debug ID'], n.images.map((i) => [i.name, i.range, i.arch, i.debugId]), [0, 1, 3]));
    if (n.otherImages > 0) parts.push(`<p class="muted">${n.otherImages} more image${n.otherImages === 1 ? '' : 's'} loaded, not in the crashed stack.</p>`);
  }
  parts.push('</section>');
  return parts.join('\n');
}
