/**
 * Markdown sections of the report beyond the event itself: the issue's status and releases, the
 * event's trace with its logs, the replay's timeline and the attachments (small text quoted, images
 * noted). Event text is
 * escaped or fenced as everywhere in the Markdown report.
 * @see https://github.github.com/gfm/
 */
import type { ReportModel } from './report-model';
import { formatBytes, formatDuration } from './format';
import { REPLAY_STEP_KIND_NAMES } from './report-replay';
import { networkDetailLines, type NetworkDetailView } from './report-replay-network';
import { mdCode, mdFence, mdTable, mdText } from './md-syntax';
import { statusFacts } from './report-status';
import { TRACE_NOT_IN_BUNDLE, traceLogsNote } from './report-trace';
import { mdTraceSummary } from './md-trace-summary';
import { MOMENT_WORDS } from './report-steps';

/** "Status **Regressed (regressed in a@1.4.1)** · first release `a@1.4.0` · last release `a@1.4.1`". */
export function mdStatusLine(m: ReportModel): string {
  return statusFacts(m.status).map(({ label, value }, i) => (i === 0
    ? `Status **${mdText(value ?? '')}**`
    : `${label} ${value === null ? 'unknown' : mdCode(value)}`)).join(' · ');
}

export function mdTrace(m: ReportModel): string {
  const t = m.trace;
  if (!t) return '';
  // The id is what a teammate can look up; the link opens only where the report was exported.
  const parts = ['## Trace', `Trace ${mdCode(t.traceId)}${t.link ? ` · in the sender's Lookout (opens on their machine only): <${t.link}>` : ''}`, ...mdTraceSummary(t.summary)];
  // A report built without the store knows nothing of the trace's logs, so says nothing of them.
  if (t.logsNotInBundle && t.total === 0) parts.push(`_${mdText(TRACE_NOT_IN_BUNDLE)}_`);
  else if (t.logsLookedUp && t.total === 0) parts.push('_The app wrote no logs in this trace._');
  if (t.logs.length > 0) {
    parts.push(mdText(traceLogsNote(t, MOMENT_WORDS[m.moment].relativeTo)));
    parts.push(mdTable(['Time', 'Offset', 'Level', 'Message', 'Attributes'], t.logs.map((l) => [
      mdText(l.time), l.offset, mdText(l.level), mdText(l.message),
      l.attributes.map(([k, v]) => `${mdCode(k, true)}=${mdCode(v, true)}`).join(' '),
    ]), ['l', 'r']));
  }
  return parts.join('\n\n');
}

export function mdAttachments(m: ReportModel): string {
  if (m.attachments.length === 0) return '';
  const items = m.attachments.map((a) => {
    const facts = [a.contentType, formatBytes(a.size), a.truncated ? 'truncated' : null,
      a.feedbackOf !== undefined ? `screenshot of the feedback by ${a.feedbackOf}` : null,
      a.imageMime ? 'shown in the HTML report' : null];
    const head = `- ${mdCode(a.filename)} (${facts.filter((f) => f !== null).map((f) => mdText(f)).join(', ')})`;
    if (a.text === null) return head;
    // Indented under its list item, so the quote stays with its name.
    const fence = mdFence(a.text, a.text.trimStart().startsWith('{') || a.text.trimStart().startsWith('[') ? 'json' : 'text');
    return `${head}\n\n${fence.split('\n').map((line) => `  ${line}`).join('\n')}`;
  });
  return `## Attachments\n\n${items.join('\n')}`;
}

/**
 * The replay's timeline entries nearest the error (the HTML report's list beside the player, same
 * selection, labels already scrubbed), one line each: offset from the recording's start, kind,
 * label; the error's own line in bold, so a reader finds where it sits among the clicks.
 */
export function mdReplaySteps(m: ReportModel): string {
  const r = m.replay;
  if (!r || r.steps.length === 0) return '';
  const more = r.stepsTotal > r.steps.length ? ` (the ${r.steps.length} nearest ${MOMENT_WORDS[m.moment].relativeTo} of ${r.stepsTotal})` : '';
  const items = r.steps.map((s) => {
    const line = `${mdCode(formatDuration(Math.max(0, s.offsetMs)))} ${REPLAY_STEP_KIND_NAMES[s.kind]}${s.label.trim() === '' ? '' : `: ${mdText(s.label)}`}`;
    const item = s.kind === 'error' ? `- **${line}**` : `- ${line}`;
    return s.network ? `${item}\n\n${mdNetworkDetails(s.network)}\n` : item;
  });
  return `Recorded steps${more}, times from the start of the recording:\n\n${items.join('\n')}`;
}

/** A failed request's captured headers and bodies, indented under its step (list continuation). */
function mdNetworkDetails(d: NetworkDetailView): string {
  const blocks = networkDetailLines(d).map(({ label, text, block }) => (block
    ? `${label}:\n\n${mdFence(text, label.endsWith('body') && /^\s*[[{]/.test(text) ? 'json' : 'text')}`
    : `${label}: ${mdText(text)}`));
  return blocks.join('\n\n').split('\n').map((l) => (l === '' ? '' : `  ${l}`)).join('\n');
}

/**
 * A native crash's facts under its frames: the crashed thread, the signal / Mach exception, why
 * frames have no symbol, the crashed thread's registers, and the binary images the stack uses
 * (what `atos` / `addr2line` and a symbol server need), the others counted.
 */
export function mdNative(m: ReportModel): string {
  const n = m.native;
  if (!n) return '';
  const facts = [
    ...(n.crashedThread === null ? [] : [['Crashed thread', mdCode(n.crashedThread, true)]]),
    ...n.mechanism.map((f) => [f.label, mdCode(f.text, true)]),
  ];
  const parts = ['## Native crash'];
  if (facts.length > 0) parts.push(mdTable(['', ''], facts));
  if (n.unsymbolicated.length > 0) {
    parts.push(`Unsymbolicated (Lookout reads no native debug files):\n\n${n.unsymbolicated.map((u) => `- ${mdText(u)}`).join('\n')}`);
  }
  if (n.registers.length > 0) parts.push('### Registers (crashed thread)', mdFence(registerColumns(n.registers), 'text'));
  if (n.images.length > 0) {
    parts.push('### Binary images', mdTable(['Image', 'Address range', 'Arch', 'Debug ID'],
      n.images.map((i) => [mdCode(i.name, true), mdCode(i.range, true), mdText(i.arch), mdCode(i.debugId, true)])));
    if (n.otherImages > 0) parts.push(`_${n.otherImages} more image${n.otherImages === 1 ? '' : 's'} loaded, not in the crashed stack._`);
  }
  return parts.join('\n\n');
}

/** `rax 0x…   rbx 0x…   rcx 0x…`: three to a line, as a crash report prints them. */
function registerColumns(registers: [string, string][]): string {
  const width = Math.max(...registers.map(([name]) => name.length));
  const cells = registers.map(([name, value]) => `${name.padStart(width)} ${value}`);
  const lines: string[] = [];
  for (let i = 0; i < cells.length; i += 3) lines.push(cells.slice(i, i + 3).join('   '));
  return lines.join('\n');
}
