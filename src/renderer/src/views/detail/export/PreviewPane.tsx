import type { ReportFormat, ScrubRule } from '../../../api/client';
import { ReportPreview } from './ReportPreview';
import { RULES } from './export-options';
import type { ReportPreview as Preview } from './use-report-preview';

const FORMAT_NOTE: Record<ReportFormat, string> = {
  md: 'Markdown, as it will be saved or copied.',
  html: 'The HTML report holds the same content (and plays the replay); shown as Markdown.',
  json: 'The bundle holds the latest events, envelopes and attachments under the same rules; shown: the report of the latest event.',
};

/** What the export will contain, with every filtered spot highlighted. */
export function PreviewPane({ preview, format, counts }: { preview: Preview; format: ReportFormat; counts: Record<ScrubRule, number> | null }) {
  const stays = uncheckedSummary(preview.unchecked);
  return (
    <section className="export-preview" aria-labelledby="export-preview-title" aria-busy={preview.loading}>
      <div className="export-preview-head">
        <h3 id="export-preview-title">Preview</h3>
        <span className="muted small">{FORMAT_NOTE[format]}</span>
        {preview.loading && <span className="spinner" aria-label="Loading preview" />}
      </div>
      <div className="export-preview-scroll" tabIndex={0} aria-label="Report preview" data-testid="export-preview">
        {preview.error && <div className="error-box" role="alert">Preview failed: {preview.error}</div>}
        {preview.parts && <ReportPreview parts={preview.parts} />}
      </div>
      <p className="export-summary small" aria-live="polite" data-testid="export-summary">{summary(counts)}</p>
      {stays && <p className="export-summary small muted" data-testid="export-unchecked-summary">{stays}</p>}
    </section>
  );
}

function summary(counts: Record<ScrubRule, number> | null): string {
  if (!counts) return '';
  const hits = RULES.filter((r) => counts[r.rule] > 0).map((r) => `${r.label} ${counts[r.rule]}`);
  const total = RULES.reduce((n, r) => n + counts[r.rule], 0);
  if (total === 0) return 'Nothing filtered in this report.';
  return `${total} spot${total === 1 ? '' : 's'} filtered (highlighted): ${hits.join(' · ')}`;
}

/** Nouns for what an unchecked rule would filter, as the user reads them ("29 e-mail addresses"). */
const UNCHECKED_NOUNS: Record<ScrubRule, [string, string]> = {
  keys: ['secret value', 'secret values'], headers: ['header or cookie', 'headers or cookies'], creditCards: ['card number', 'card numbers'],
  ips: ['IP address', 'IP addresses'], emails: ['e-mail address', 'e-mail addresses'],
};

/** "29 e-mail addresses, 11 IP addresses would be filtered by the unchecked rules; they stay in this export." */
export function uncheckedSummary(unchecked: Partial<Record<ScrubRule, number>> | null): string {
  if (!unchecked) return '';
  const found = RULES.flatMap((r) => {
    const n = unchecked[r.rule] ?? 0;
    return n > 0 ? [`${n} ${UNCHECKED_NOUNS[r.rule][n === 1 ? 0 : 1]}`] : [];
  });
  if (found.length === 0) return 'The unchecked rules would filter nothing here.';
  return `${found.join(', ')} would be filtered by the unchecked rules; they stay in this export.`;
}
