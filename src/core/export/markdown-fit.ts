/**
 * The Markdown report cut to fit a GitHub issue body (65,536 characters): pasted whole, a longer one is
 * refused by GitHub. The largest of the trimmable sections is trimmed first, each only as far as needed
 * (the trace's logs nearest the error and the last breadcrumbs are kept longest, extra data clipped, then
 * the source context of frames); each trimmed section says what was left out and that the full report is
 * in the HTML or JSON export, and the report's head says it was trimmed.
 * @see https://github.com/orgs/community/discussions/27190 (GitHub's issue body limit)
 */
import type { ReportInput } from './report-input';
import type { ReportModel } from './report-model';
import { markdownModel, renderMarkdownModel, type MarkdownOptions } from './markdown';
import { MOMENT_WORDS } from './report-steps';

/** GitHub's limit on an issue or comment body, in characters. */
export const GITHUB_ISSUE_BODY_MAX = 65_536;
/** Room kept for the notes the trimming adds. */
const NOTE_ROOM = 1_200;
const FULL_REPORT = 'the full report is in the HTML or JSON export';

export interface FittedMarkdown {
  markdown: string;
  /** Characters of the untrimmed report. */
  fullLength: number;
  /** What was trimmed, one phrase per section ("40 of 50 logs left out"); empty when the report fit as it was. */
  trimmed: string[];
}

interface Trimmer {
  /** The section's heading, under which its note goes. */
  heading: (m: ReportModel) => string;
  /** How far it can be trimmed: level 0 is as it is, `levels(m)` the most. */
  levels: (m: ReportModel) => number;
  apply: (m: ReportModel, level: number) => ReportModel;
  said: (before: ReportModel, after: ReportModel) => string;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

const TRIMMERS: Trimmer[] = [
  { // The trace's logs: those nearest the error are kept (they are in time order around it).
    heading: () => '## Trace',
    levels: (m) => m.trace?.logs.length ?? 0,
    apply: (m, level) => {
      if (!m.trace || level === 0) return m;
      const logs = m.trace.logs;
      const keep = logs.length - level;
      const errorAt = Math.max(0, logs.findIndex((l) => !l.offset.startsWith('-')));
      const from = Math.max(0, Math.min(errorAt - Math.ceil(keep / 2), logs.length - keep));
      return { ...m, trace: { ...m.trace, logs: logs.slice(from, from + keep) } };
    },
    said: (b, a) => `${(b.trace?.logs.length ?? 0) - (a.trace?.logs.length ?? 0)} of ${plural(b.trace?.logs.length ?? 0, 'log')} left out`,
  },
  { // Breadcrumbs: the last ones before the error are kept.
    heading: (m) => `## ${MOMENT_WORDS[m.moment].heading}`,
    levels: (m) => m.steps.length,
    apply: (m, level) => ({ ...m, steps: m.steps.slice(level) }),
    said: (b, a) => `${b.steps.length - a.steps.length} of ${plural(b.steps.length, 'breadcrumb')} left out`,
  },
  { // Additional data, clipped.
    heading: () => '## Additional data',
    levels: (m) => m.extra?.length ?? 0,
    apply: (m, level) => (m.extra === null || level === 0 ? m : { ...m, extra: m.extra.slice(0, m.extra.length - level) }),
    said: (b, a) => `${plural((b.extra?.length ?? 0) - (a.extra?.length ?? 0), 'character')} of additional data left out`,
  },
  { // Source context: library frames' first, then all but the error line, then all.
    heading: () => '## Exception',
    levels: () => 3,
    apply: (m, level) => (level === 0 ? m : { ...m, exceptions: m.exceptions.map((e) => ({ ...e, frames: e.frames.map((f) => ({ ...f,
      context: level === 1 ? (f.inApp ? f.context : []) : level === 2 ? f.context.filter((l) => l.current) : [] })) })) }),
    said: (b, a) => {
      const lines = (m: ReportModel) => m.exceptions.reduce((n, e) => n + e.frames.reduce((k, f) => k + f.context.length, 0), 0);
      return `${plural(lines(b) - lines(a), 'line')} of frames' source context left out`;
    },
  },
];

/** Text cut inside a fenced block gets the block's closing fence, so what follows is not read as code. */
function closeFence(text: string): string {
  let open: string | null = null;
  for (const line of text.split('\n')) {
    const fence = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (!fence) continue;
    if (open === null) open = fence;
    else if (fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) open = null;
  }
  return open === null ? text : `${text}\n${open}`;
}

/** Writes `note` as an italic line under the section's heading. */
function noteUnder(markdown: string, heading: string, note: string): string {
  const at = markdown.indexOf(`\n${heading}\n`);
  if (at === -1) return markdown;
  const end = at + heading.length + 2;
  return `${markdown.slice(0, end)}\n_${note}_\n${markdown.slice(end)}`;
}

/** The Markdown report of `input`, trimmed to at most `limit` characters when it is longer. */
export function renderMarkdownToFit(input: ReportInput, opts: MarkdownOptions, limit = GITHUB_ISSUE_BODY_MAX): FittedMarkdown {
  const original = markdownModel(input, opts);
  const render = (m: ReportModel) => renderMarkdownModel(m, opts);
  const full = render(original);
  if (full.length <= limit) return { markdown: full, fullLength: full.length, trimmed: [] };
  const budget = Math.max(0, limit - NOTE_ROOM);
  // Largest first: what each section weighs is what emptying it saves.
  const weights = TRIMMERS.map((t) => full.length - render(t.apply(original, t.levels(original))).length);
  const order = TRIMMERS.map((t, i) => ({ t, weight: weights[i] ?? 0 })).filter((x) => x.weight > 0).sort((a, b) => b.weight - a.weight);
  let model = original;
  const notes: { heading: string; said: string }[] = [];
  for (const { t } of order) {
    if (render(model).length <= budget) break;
    // The least trimming that fits (fewer levels is longer text), else all of it.
    let lo = 1;
    let hi = t.levels(model);
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (render(t.apply(model, mid)).length <= budget) hi = mid; else lo = mid + 1;
    }
    const next = t.apply(model, hi);
    notes.push({ heading: t.heading(model), said: t.said(model, next) });
    model = next;
  }
  let markdown = render(model);
  for (const n of notes) markdown = noteUnder(markdown, n.heading, `Trimmed to fit a GitHub issue: ${n.said}; ${FULL_REPORT}.`);
  const trimmed = notes.map((n) => n.said);
  if (markdown.length > limit - 400) {
    // Still too long (a huge exception message, contexts): cut at a line, and say so.
    const cut = markdown.lastIndexOf('\n', limit - 400);
    trimmed.push(`the last ${plural(markdown.length - cut, 'character')} cut off`);
    markdown = `${closeFence(markdown.slice(0, cut))}\n\n_Cut here to fit a GitHub issue (${plural(markdown.length - cut, 'character')} left out); ${FULL_REPORT}._\n`;
  }
  const head = `> Trimmed to fit a GitHub issue (${limit.toLocaleString('en')} characters) from ${full.length.toLocaleString('en')}: `
    + `${trimmed.join('; ')}. The full report is in the HTML or JSON export.`;
  const titleEnd = markdown.indexOf('\n\n');
  markdown = titleEnd === -1 ? `${head}\n\n${markdown}` : `${markdown.slice(0, titleEnd)}\n\n${head}${markdown.slice(titleEnd)}`;
  return { markdown, fullLength: full.length, trimmed };
}
