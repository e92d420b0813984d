/**
 * The issue's triage state and history in a report, as Sentry's issue page heads it: status
 * (unresolved, resolved, resolved in a release or the next one, ignored, regressed and in which release), the
 * release it was first and last seen in. Counts and first/last seen are in the summary line.
 * @see https://docs.sentry.io/product/issues/states-triage/
 */
import type { IssueDetail } from '../../shared/api-types';

export interface StatusView {
  /** "Unresolved", "Resolved", "Resolved in shop@1.4.1", "Resolved in the next release", "Ignored", "Regressed". */
  status: string;
  /** "regressed in shop-api@1.4.1" / "after shop-api@1.4.0" style detail, or null. */
  detail: string | null;
  firstRelease: string | null;
  lastRelease: string | null;
}

const LABELS: Record<IssueDetail['status'], string> = {
  unresolved: 'Unresolved', resolved: 'Resolved', resolved_next_release: 'Resolved in the next release', ignored: 'Ignored',
};

/**
 * "Resolved in shop@1.4.1" once a newer release than the one it was resolved after has been seen
 * (Sentry's `inRelease`), else "Resolved in the next release" after the release that was current.
 */
function resolvedLabel(issue: IssueDetail): { status: string; detail: string | null } {
  if (issue.resolvedInRelease) return { status: `Resolved in ${issue.resolvedInRelease}`, detail: null };
  return { status: LABELS.resolved_next_release, detail: issue.resolvedAfterRelease ? `after ${issue.resolvedAfterRelease}` : null };
}

export function statusView(issue: IssueDetail): StatusView {
  const regressed = issue.regressed && issue.status === 'unresolved';
  let detail: string | null = null;
  let status: string = regressed ? 'Regressed' : LABELS[issue.status] ?? issue.status;
  if (regressed) detail = issue.regressedInRelease ? `regressed in ${issue.regressedInRelease}` : 'came back after it was resolved';
  else if (issue.status === 'ignored' && issue.ignoreUntilCount !== null) detail = `until it reaches ${issue.ignoreUntilCount} events`;
  else if (issue.status === 'resolved_next_release') ({ status, detail } = resolvedLabel(issue));
  return {
    status,
    detail,
    firstRelease: issue.firstRelease,
    lastRelease: issue.lastRelease,
  };
}

/** The status line's parts as plain text: "Regressed (regressed in a@1.4.1)", "first release a@1.4.0", "last release a@1.4.1". */
export function statusFacts(s: StatusView): { label: string; value: string | null }[] {
  return [
    { label: 'status', value: s.detail ? `${s.status} (${s.detail})` : s.status },
    { label: 'first release', value: s.firstRelease },
    { label: 'last release', value: s.lastRelease },
  ];
}
