import type { SentryEvent } from '../../../../shared/sentry';
import { KeyValueTable, type KeyValueRow } from '../../components/KeyValueTable';
import { Section } from '../../components/Section';

/** The report's fields in the order Sentry's "CSP Report" interface lists them, with their words. */
const FIELDS: [key: string, label: string][] = [
  ['violated_directive', 'Violated directive'], ['effective_directive', 'Effective directive'], ['blocked_uri', 'Blocked URI'],
  ['document_uri', 'Document URI'], ['original_policy', 'Original policy'], ['referrer', 'Referrer'],
  ['status_code', 'Status code'], ['disposition', 'Disposition'], ['script_sample', 'Script sample'],
];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** `app.js:12:5` from the report's source file, line and column, or null without a file. */
function sourceOf(csp: Record<string, unknown>): string | null {
  if (!present(csp.source_file)) return null;
  const at = [csp.line_number, csp.column_number].filter((n) => typeof n === 'number' || (typeof n === 'string' && n !== ''));
  return [String(csp.source_file), ...at.map(String)].join(':');
}

/**
 * What a browser reported of a Content-Security-Policy violation (the event's `csp`, as
 * `/api/<id>/security/` stored it), as Sentry's "CSP Report" interface shows it: the directive
 * broken, what was blocked, on which page, under which policy, and where in the page's code.
 * Text only: every value is the browser's and the page's.
 * @see https://docs.sentry.io/security-legal-pii/security/security-policy-reporting/
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/interfaces/security.py (Csp)
 */
export function CspReportSection({ event }: { event: SentryEvent }) {
  const csp: unknown = event.csp;
  if (!isRecord(csp)) return null;
  const rows: KeyValueRow[] = [];
  for (const [key, label] of FIELDS) {
    if (present(csp[key])) rows.push([label, csp[key]]);
    // Where in the page's code, next to the page.
    const source = key === 'document_uri' ? sourceOf(csp) : null;
    if (source !== null) rows.push(['Source file', source]);
  }
  if (rows.length === 0) return null;
  return (
    <Section title="CSP Report" testId="csp-report" id="csp-report">
      <KeyValueTable rows={rows} testId="csp-report-table" />
    </Section>
  );
}
