/**
 * Reads the preview markers the report API writes with `mark=1` (Markdown only): each filtered
 * spot is U+E000, the rule, U+E001, `[Filtered]`, U+E002 — the same pattern as `SCRUB_MARK_RE` in
 * src/core/export/markdown.ts (the renderer does not import core code).
 * @see https://docs.sentry.io/security-legal-pii/scrubbing/server-side-scrubbing/
 */
import type { ScrubRule } from '../../../api/client';

export type PreviewPart = { kind: 'text'; text: string } | { kind: 'mark'; rule: ScrubRule };

const MARK_RE = /\uE000(keys|headers|creditCards|ips|emails)\uE001\[Filtered\]\uE002/g;

/** The text between markers and one `mark` part per filtered spot, in order. */
export function splitScrubMarks(markdown: string): PreviewPart[] {
  const parts: PreviewPart[] = [];
  let from = 0;
  for (const m of markdown.matchAll(MARK_RE)) {
    if (m.index > from) parts.push({ kind: 'text', text: markdown.slice(from, m.index) });
    parts.push({ kind: 'mark', rule: m[1] as ScrubRule });
    from = m.index + m[0].length;
  }
  if (from < markdown.length) parts.push({ kind: 'text', text: markdown.slice(from) });
  return parts;
}

/** How many spots each rule filtered. */
export function countByRule(parts: PreviewPart[]): Record<ScrubRule, number> {
  const counts: Record<ScrubRule, number> = { keys: 0, headers: 0, creditCards: 0, ips: 0, emails: 0 };
  for (const p of parts) if (p.kind === 'mark') counts[p.rule] += 1;
  return counts;
}

/** The Markdown as it is saved or copied: every marker replaced by plain `[Filtered]`. */
export function plainText(parts: PreviewPart[]): string {
  return parts.map((p) => (p.kind === 'text' ? p.text : '[Filtered]')).join('');
}
