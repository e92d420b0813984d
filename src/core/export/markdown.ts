/**
 * The issue as a GitHub-flavoured Markdown bug report, ready to paste into an issue tracker.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/
 * @see https://github.github.com/gfm/
 */
import type { ReportInput, ScrubRules } from './report-input';
import { buildReportModel, TRUNCATED_NOTE, type ReportModel } from './report-model';
import type { FrameView } from './report-stack';
import { makeScrubContext } from './scrub';
import { formatDuration, isoTime } from './format';
import { mdAttachments, mdNative, mdReplaySteps, mdStatusLine, mdTrace } from './md-sections';
import { mdCode, mdFence, mdTable, mdText } from './md-syntax';
import { feedbackCountLine, feedbackTie } from './report-feedback';
import { MOMENT_WORDS } from './report-steps';
import { unmappedLines } from './report-unmapped';
import { FILTERED_LINE_NOTE, FILTERED_MARK } from './report-stack';

export interface MarkdownOptions {
  scrub: ScrubRules | null;
  /** Wrap every filtered spot in a marker (see `SCRUB_MARK_RE`) for the export dialog's preview. */
  markScrubbed?: boolean;
}

/**
 * A marked spot is U+E000, the rule name, U+E001, `[Filtered]`, U+E002 (private-use characters,
 * invisible in most fonts). The preview splits on this pattern and highlights group 0, with the
 * rule (group 1) as a tooltip; `stripScrubMarks` gives the plain text back.
 */
export const SCRUB_MARK_RE = /\uE000(keys|headers|creditCards|ips|emails)\uE001\[Filtered\]\uE002/g;

export function stripScrubMarks(markdown: string): string {
  return markdown.replace(SCRUB_MARK_RE, '[Filtered]');
}

// While rendering, a filtered spot is only "\uE000rule\uE001", which no escaper touches; it becomes
// `[Filtered]` (marked or not) at the end, so both variants differ only by the markers.
const PLACEHOLDER_RE = /\uE000(keys|headers|creditCards|ips|emails)\uE001/g;

export function renderMarkdown(input: ReportInput, opts: MarkdownOptions): string {
  return renderMarkdownModel(markdownModel(input, opts), opts);
}

/** The report model the Markdown renders (filtered spots as placeholders): `markdown-fit.ts` trims it to fit. */
export function markdownModel(input: ReportInput, opts: MarkdownOptions): ReportModel {
  return buildReportModel(input, opts.scrub ? makeScrubContext(opts.scrub, undefined, (rule) => `\uE000${rule}\uE001`) : null);
}

/** The Markdown of a model `markdownModel` built with the same options. */
export function renderMarkdownModel(m: ReportModel, opts: MarkdownOptions): string {
  const md = [header(m), feedback(m), steps(m), problem(m), mdNative(m), mdTrace(m), environment(m), request(m), rows('Tags', m.tags), rows('User', m.user),
    contexts(m), extra(m), mdAttachments(m), replay(m), footer(m)].filter((s) => s !== '').join('\n\n') + '\n';
  if (!opts.scrub) return md;
  return md.replace(PLACEHOLDER_RE, opts.markScrubbed === true ? '\uE000$1\uE001[Filtered]\uE002' : '[Filtered]');
}

function header(m: ReportModel): string {
  const s = m.summary;
  const facts = [
    ...(s.project ? [`project ${mdCode(s.project.name)}${s.project.platform ? ` (${mdText(s.project.platform)})` : ''}`] : []),
    `**${s.events} event${s.events === 1 ? '' : 's'}**${s.distinctMessages ? ` (${s.distinctMessages} distinct messages)` : ''}`, `**${s.users} user${s.users === 1 ? '' : 's'}**`,
    `first seen ${isoTime(s.firstSeen)}`, `last seen ${isoTime(s.lastSeen)}`,
    `release ${s.release ? mdCode(s.release) : 'unknown'}`, `environment ${s.environment ? mdCode(s.environment) : 'unknown'}`,
    ...(s.unhandled ? ['**unhandled**'] : []),
  ];
  const lines = [`# ${mdText(m.title)}`, '', facts.join(' · '), '', mdStatusLine(m)];
  if (m.culprit) lines.push('', `Culprit: ${mdCode(m.culprit)} · level ${mdCode(m.level)}`);
  if (m.eventTruncated) lines.push('', `_${TRUNCATED_NOTE}_`);
  return lines.join('\n');
}

/** What users wrote, each quote fenced (it is free text) under who sent it, when, and about which event. */
function feedback(m: ReportModel): string {
  if (m.feedback.items.length === 0) return '';
  const quotes = m.feedback.items.map((f) => {
    const facts = [f.name === null ? 'anonymous' : `**${mdText(f.name)}**`, ...(f.email === null ? [] : [mdCode(f.email)]),
      isoTime(f.received), ...(f.aboutEventId === null ? [] : [`about event ${mdCode(f.aboutEventId)}`]),
      ...(feedbackTie(f) === null ? [] : [`_${mdText(feedbackTie(f) ?? '')}_`]),
      ...(f.url === null ? [] : [`on ${mdCode(f.url)}`])];
    return `${facts.join(' · ')}\n\n${f.message === null ? '_No message._' : mdFence(f.message, 'text')}`;
  });
  return `## What the user said\n\n${feedbackCountLine(m.feedback.items.length, m.feedback.total)}\n\n${quotes.join('\n\n')}`;
}

function steps(m: ReportModel): string {
  const words = MOMENT_WORDS[m.moment];
  if (m.steps.length === 0) return words.emptyNote === null ? '' : `## ${words.heading}\n\n_${words.emptyNote}_`;
  const note = m.stepsTotal > m.steps.length ? `The last ${m.steps.length} of ${m.stepsTotal} breadcrumbs` : 'Breadcrumbs';
  const table = mdTable(['Time', 'Type', 'Category', 'Level', 'Message'],
    m.steps.map((s) => [s.offset, mdText(s.type), mdText(s.category), mdText(s.level), mdText(s.message)]), ['r']);
  return `## ${words.heading}\n\n${note}, times relative to ${words.relativeTo}:\n\n${table}`;
}

function problem(m: ReportModel): string {
  const parts: string[] = [];
  if (m.performance) {
    parts.push(`## ${mdText(m.performance.title)}`, mdTable(['', ''], m.performance.rows.map(([k, v]) => [k, mdCode(v, true)])));
  }
  if (m.message !== null) parts.push('## Message', mdFence(m.message, 'text'));
  m.exceptions.forEach((e, i) => {
    parts.push(i === 0 ? '## Exception' : `### ${mdText(e.relation ?? 'Chained exception')}`);
    parts.push(`**${mdText(e.type)}**${e.mechanism ? ` (${mdText(e.mechanism)})` : ''}`);
    if (e.value !== '') parts.push(mdFence(e.value, 'text'));
    parts.push(...frames(e.frames, e.omittedFrames));
  });
  if (m.stack) parts.push('## Stack trace', ...frames(m.stack.frames, m.stack.omittedFrames));
  if (m.unmapped) {
    const { head, items } = unmappedLines(m.unmapped);
    parts.push(`**Not source-mapped.** ${mdText(head)}\n\n${items.map((i) => `- ${mdText(i)}`).join('\n')}`);
  }
  return parts.join('\n\n');
}

/** In-app frames open with their source; each run of library frames folded in `<details>`. */
function frames(list: FrameView[], omitted: number): string[] {
  const out: string[] = [];
  let library: FrameView[] = [];
  const flush = (): void => {
    if (library.length === 0) return;
    const items = library.map((f) => `- ${mdCode(f.fn)} in ${mdCode(f.location)}${f.unmapped === null ? '' : ' _(not source-mapped)_'}`).join('\n');
    out.push(`<details>\n<summary>${library.length} library frame${library.length === 1 ? '' : 's'}</summary>\n\n${items}\n\n</details>`);
    library = [];
  };
  for (const f of list) {
    if (!f.inApp) { library.push(f); continue; }
    flush();
    out.push(`${mdCode(f.fn)} in ${mdCode(f.location)}`);
    if (f.unmapped !== null) out.push(`_Not source-mapped: ${mdText(f.unmapped)}_`);
    if (f.context.length > 0) out.push(mdFence(contextBlock(f), f.language));
    if (f.context.some((l) => l.filtered)) out.push(`_${mdText(FILTERED_LINE_NOTE)}_`);
    if (f.vars.length > 0) out.push('Local variables:', mdFence(f.vars.map(([name, value]) => `${name} = ${value}`).join('\n'), 'text'));
  }
  flush();
  if (omitted > 0) out.push(`_${omitted} older frames not shown._`);
  return out;
}

/** `> 11 | code`; with a line the scrubbing rewrote, a marker column: `>* 11 | password = "[Filtered]"`. */
function contextBlock(f: FrameView): string {
  const width = Math.max(...f.context.map((l) => String(l.lineno ?? '').length));
  const marks = f.context.some((l) => l.filtered);
  return f.context.map((l) => `${l.current ? '>' : ' '}${marks ? (l.filtered ? FILTERED_MARK : ' ') : ''} ${String(l.lineno ?? '').padStart(width)} | ${l.text}`).join('\n');
}

function environment(m: ReportModel): string {
  const body = m.environment.map(([label, value]) => [`**${label}**`, value === null ? '—' : mdCode(value, true)]);
  return `## Environment\n\n${mdTable(['', ''], body)}`;
}

function request(m: ReportModel): string {
  const r = m.request;
  if (!r) return '';
  const line = [r.method, r.url].filter((p): p is string => p !== null).join(' ');
  const parts = ['## Request', line === '' ? '_No URL._' : mdCode(line)];
  if (r.headers.length > 0) parts.push(mdTable(['Header', 'Value'], r.headers.map(([k, v]) => [mdCode(k, true), mdCode(v, true)])));
  if (r.body !== null) parts.push('Body:', mdFence(r.body, r.body.trimStart().startsWith('{') || r.body.trimStart().startsWith('[') ? 'json' : 'text'));
  return parts.join('\n\n');
}

function rows(title: string, list: [string, string][]): string {
  if (list.length === 0) return '';
  return `## ${title}\n\n${mdTable(['Key', 'Value'], list.map(([k, v]) => [mdCode(k, true), mdCode(v, true)]))}`;
}

function contexts(m: ReportModel): string {
  if (m.contexts.length === 0) return '';
  return `## Contexts\n\n${m.contexts.map(([name, json]) => `### ${mdText(name)}\n\n${mdFence(json, 'json')}`).join('\n\n')}`;
}

function extra(m: ReportModel): string {
  return m.extra === null ? '' : `## Additional data\n\n${mdFence(m.extra, 'json')}`;
}

function replay(m: ReportModel): string {
  const r = m.replay;
  if (!r) return '';
  if (!r.available) return `## Replay\n\nA session replay (${mdCode(r.replayId)}) was recorded but is not part of this export.`;
  const at = r.errorOffsetMs === null ? '' : `; ${MOMENT_WORDS[m.moment].happensIn} ${formatDuration(r.errorOffsetMs)} in`;
  const other = r.otherEventId ? ` It was recorded with an earlier event of this issue (${mdCode(r.otherEventId)}), not the one above.` : '';
  const intro = `## Replay\n\nSession replay ${mdCode(r.replayId)}: ${r.eventCount} recorded events over ${formatDuration(r.durationMs)}${at}.${other} `
    + 'The HTML export of this issue can embed the recording for offline viewing.';
  const steps = mdReplaySteps(m);
  return steps === '' ? intro : `${intro}\n\n${steps}`;
}

function footer(m: ReportModel): string {
  const event = m.eventId ? ` · event ${mdCode(m.eventId)}` : '';
  return `---\n\n_Generated by Lookout ${mdText(m.lookoutVersion)} on ${isoTime(m.generatedAt)}${event}_`;
}
