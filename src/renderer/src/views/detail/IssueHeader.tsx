import { useEffect, useRef } from 'react';
import type { IssueDetail } from '../../../../shared/api-types';
import { LevelBadge } from '../../components/LevelBadge';
import { RelativeTime } from '../../components/RelativeTime';
import { compactNumber } from '../../lib/format';
import { ExportButtons } from './export/ExportButtons';
import { StatusActions } from './StatusActions';
import { DeleteIssuesButton } from '../issues/DeleteIssuesButton';
import { hrefOf, navigate } from '../../routing/navigation';
import { useStore } from '../../store';
import { SuspectCommitBox } from './SuspectCommitBox';
import { IssueTitleVariety } from './IssueTitleVariety';
import { ProjectLink } from '../projects/ProjectLink';
import { IssueEventsChart } from './IssueEventsChart';
import { announcePage, claimHeadingFocus, noteIssuePageShown } from '../../routing/route-focus';
import { EventLine } from '../../components/EventLine';
import { screenLine } from '../../../../shared/screen-mask';

const STATUS_LABEL: Record<string, string> = {
  unresolved: 'Unresolved', resolved: 'Resolved', resolved_next_release: 'Resolved in next release', ignored: 'Ignored',
};

/**
 * Sentry's wording for a resolution in a release: "Resolved in 1.4.1" once the project has a newer
 * release than the one it was resolved after (the server works that out), until then "Resolved in next release".
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/resolutionBox.tsx
 */
function statusLabel(issue: IssueDetail): string {
  if (issue.status === 'resolved_next_release' && issue.resolvedInRelease) return `Resolved in ${issue.resolvedInRelease}`;
  return STATUS_LABEL[issue.status] ?? issue.status;
}

function statusTitle(issue: IssueDetail): string | undefined {
  if (issue.status !== 'resolved_next_release') return undefined;
  if (issue.resolvedInRelease) return `Resolved in the first release after ${issue.resolvedAfterRelease ?? 'the one it was resolved in'}: ${issue.resolvedInRelease}`;
  return issue.resolvedAfterRelease ? `Resolved in the next release after ${issue.resolvedAfterRelease}` : 'Resolved in the next release';
}

/** `ignoreUntilCount` is the event count that brings the issue back; the badge says how many events are left. */
function untilMore(untilCount: number, count: number): string {
  const left = Math.max(1, untilCount - count);
  return `${left.toLocaleString()} more ${left === 1 ? 'event' : 'events'}`;
}

/**
 * Opening an issue (a click, Enter in the list, a link) puts focus on its title, so the next Tab
 * reaches Resolve, and says the title to screen readers; moving between its events keeps focus
 * where it is. The issue list gives focus back to the issue's row.
 */
function useFocusOnOpen(issueId: number, title: string) {
  const heading = useRef<HTMLHeadingElement>(null);
  const titleNow = useRef(title);
  titleNow.current = title;
  useEffect(() => {
    noteIssuePageShown(issueId);
    if (!claimHeadingFocus(issueId)) return;
    heading.current?.focus({ preventScroll: true });
    announcePage(`Issue: ${screenLine(titleNow.current)}`);
  }, [issueId]);
  return heading;
}

export function IssueHeader({ issue }: { issue: IssueDetail }) {
  const heading = useFocusOnOpen(issue.id, issue.title);
  return (
    <header className="issue-header" data-testid="issue-header">
      <div className="issue-header-main">
        <div className="issue-header-badges">
          <ProjectLink projectId={issue.projectId} />
          <LevelBadge level={issue.level} />
          <span className={`badge badge-status status-${issue.status}`} data-testid="detail-status" title={statusTitle(issue)}>{statusLabel(issue)}</span>
          {issue.unhandled === true && <span className="badge badge-unhandled" data-testid="unhandled-badge" title="An event of this issue was not caught by the app (handled: no)">Unhandled</span>}
          {issue.regressed && <span className="badge badge-regression" data-testid="regression-badge">Regression{issue.regressedInRelease ? ` in ${issue.regressedInRelease}` : ''}</span>}
          {issue.status === 'ignored' && issue.ignoreUntilCount ? <span className="badge" data-testid="ignore-until-badge">until {untilMore(issue.ignoreUntilCount, issue.count)}</span> : null}
        </div>
        <h1 className="issue-header-title" data-testid="issue-detail-title" tabIndex={-1} ref={heading}><EventLine text={issue.title} /></h1>
        {issue.culprit && <div className="issue-header-culprit mono" data-testid="issue-detail-culprit"><EventLine text={issue.culprit} /></div>}
        <IssueTitleVariety issue={issue} />
        <SuspectCommitBox issueId={issue.id} lastSeen={issue.lastSeen} />
      </div>
      <div className="issue-header-actions">
        <StatusActions issue={issue} />
        <ExportButtons issueId={issue.id} title={screenLine(issue.title)} />
        <DeleteIssuesButton ids={[issue.id]} title={screenLine(issue.title)}
          onDeleted={() => navigate({ name: 'issues', filters: useStore.getState().filters })} />
      </div>
      <dl className="issue-stats">
        <div><dt>Events</dt><dd data-testid="detail-count">{compactNumber(issue.count)}</dd></div>
        <div><dt>Users</dt><dd data-testid="detail-users">{compactNumber(issue.users)}</dd></div>
        <div>
          <dt>First seen</dt>
          <dd><RelativeTime ms={issue.firstSeen} focusable testId="issue-header-first-seen" />{issue.firstRelease && <a className="release mono" title={`First release: ${issue.firstRelease}`} data-testid="issue-first-release"
            href={hrefOf({ name: 'release', project: issue.projectId, version: issue.firstRelease })}>{issue.firstRelease}</a>}</dd>
        </div>
        <div>
          <dt>Last seen</dt>
          <dd><RelativeTime ms={issue.lastSeen} focusable testId="issue-header-last-seen" />{issue.lastRelease && <a className="release mono" title={`Last release: ${issue.lastRelease}`} data-testid="issue-last-release"
            href={hrefOf({ name: 'release', project: issue.projectId, version: issue.lastRelease })}>{issue.lastRelease}</a>}</dd>
        </div>
      </dl>
      <IssueEventsChart issue={issue} />
    </header>
  );
}
