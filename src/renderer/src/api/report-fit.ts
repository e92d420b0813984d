/**
 * The report API's query and its answer's `x-lookout-report-fit` header, for `LookoutClient.issueReport`.
 * @see ../../../core/api/read-api.ts (GET /issues/:id/report)
 */
import type { ReportFit, ReportFormat, ReportQuery } from './client-types';

/** The query parameters of `GET /issues/:id/report`: unset options are left to the server's defaults. */
export function reportParams(format: ReportFormat, options: ReportQuery): Record<string, string | number | undefined> {
  const flag = (v: boolean | undefined): string | undefined => (v === undefined ? undefined : v ? '1' : '0');
  const rules = options.rules ?? {};
  return {
    format, events: options.events, scrub: flag(options.scrub), replay: flag(options.replay), mark: options.mark ? '1' : undefined,
    fit: options.fit ? 'github' : undefined,
    keys: flag(rules.keys), headers: flag(rules.headers), creditCards: flag(rules.creditCards), ips: flag(rules.ips), emails: flag(rules.emails),
  };
}

/** Reads the report's `x-lookout-report-fit` header (URI-encoded JSON); null when absent or unreadable. */
export function reportFit(header: string | null): ReportFit | null {
  if (!header) return null;
  try {
    const v = JSON.parse(decodeURIComponent(header)) as Partial<ReportFit>;
    if (typeof v.fullLength !== 'number' || !Array.isArray(v.trimmed)) return null;
    return { fullLength: v.fullLength, trimmed: v.trimmed.filter((t): t is string => typeof t === 'string') };
  } catch {
    return null;
  }
}
