import { Fragment } from 'react';
import type { PreviewPart } from './scrub-marks';
import { ruleLabel } from './export-options';

/** Past this much text the pane stops rendering; the export itself always holds everything. */
const PREVIEW_CHARS = 300_000;

/** The parts that fit in the pane, and whether some were left out. */
function shown(parts: PreviewPart[]): { parts: PreviewPart[]; cut: boolean } {
  let chars = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    chars += p?.kind === 'text' ? p.text.length : 10;
    if (chars > PREVIEW_CHARS) return { parts: parts.slice(0, i), cut: true };
  }
  return { parts, cut: false };
}

/**
 * The Markdown report as plain text (event data never becomes markup), each filtered spot a
 * highlighted `<mark>` titled with the rule that filtered it.
 */
export function ReportPreview({ parts }: { parts: PreviewPart[] }) {
  const view = shown(parts);
  return (
    <>
      <pre className="export-preview-text" data-testid="export-preview-text">
        {view.parts.map((p, i) => (p.kind === 'text'
          ? <Fragment key={i}>{p.text}</Fragment>
          : <mark key={i} className={`scrub-mark scrub-${p.rule}`} data-rule={p.rule} data-testid="scrub-mark" title={`Filtered: ${ruleLabel(p.rule)}`}>[Filtered]</mark>))}
      </pre>
      {view.cut && <p className="muted small" data-testid="export-preview-cut">The preview stops here; the export holds the whole report.</p>}
    </>
  );
}
