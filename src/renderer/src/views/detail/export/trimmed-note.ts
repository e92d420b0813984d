import type { ReportFit } from '../../../api/client';

/** GitHub's limit on an issue body, in characters (as `src/core/export/markdown-fit.ts`; the renderer does not import core code). */
const GITHUB_ISSUE_BODY_MAX = 65_536;

/**
 * What the user is told after copying a Markdown report that was trimmed to fit a GitHub issue:
 * "Trimmed to fit a GitHub issue (65,536 characters): 40 of 50 logs left out. Save writes the full report."
 * Null when the report fit as it was.
 */
export function trimmedNote(fit: ReportFit | null): string | null {
  if (!fit || fit.trimmed.length === 0) return null;
  return `Trimmed to fit a GitHub issue (${GITHUB_ISSUE_BODY_MAX.toLocaleString('en')} characters; the full report has `
    + `${fit.fullLength.toLocaleString('en')}): ${fit.trimmed.join('; ')}. Save writes the full report.`;
}
