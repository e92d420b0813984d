import { memo, useMemo } from 'react';
import type { IssueSummary } from '../../../../shared/api-types';
import { LevelBar } from '../../components/LevelBadge';
import { RelativeTime } from '../../components/RelativeTime';
import { absoluteTime, compactNumber, countOf, relativeTime } from '../../lib/format';
import { useNow } from '../../components/use-now';
import { hrefOf } from '../../routing/navigation';
import { Sparkline } from './Sparkline';
import { useStore } from '../../store';
import { dailyCountsOf, TREND_DAYS } from '../../lib/issue-trend';
import { DAY_MS } from '../../../../shared/api-issue-history';
import { screenLine } from '../../../../shared/screen-mask';
import '../../components/event-text.css';

export const ISSUE_ROW_HEIGHT = 72;

interface Props {
  issue: IssueSummary;
  projectName: string | null;
  selected: boolean;
  focused: boolean;
  /** Its place in the whole list, from 1 (`aria-rowindex`: only some rows are rendered). */
  rowIndex: number;
  /** Whether Tab lands on this row: the list is one Tab stop (roving tabindex). */
  tabStop: boolean;
  onToggle: (id: number) => void;
  onFocus: (id: number) => void;
}

const STATUS_LABEL: Record<string, string> = {
  resolved: 'Resolved', resolved_next_release: 'Resolved in next release', ignored: 'Ignored',
};

/**
 * The row's status badge, worded as the issue page's: "Resolved in shop@1.4.1" once the server found
 * the release a "resolved in the next release" issue was resolved in, and a title saying after which.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/resolutionBox.tsx
 */
function statusBadge(issue: IssueSummary): { label: string; title?: string } | null {
  const label = STATUS_LABEL[issue.status];
  if (!label) return null;
  if (issue.status !== 'resolved_next_release') return { label };
  const after = issue.resolvedAfterRelease;
  if (issue.resolvedInRelease) {
    return { label: `Resolved in ${issue.resolvedInRelease}`,
      title: `Resolved in the first release after ${after ?? 'the one it was resolved in'}: ${issue.resolvedInRelease}` };
  }
  return { label, title: after ? `Resolved in the next release after ${after}` : 'Resolved in the next release' };
}

/** An error's title is `Type: value` and shows the type in bold; a message's title is shown whole. */
function splitTitle(title: string, issueType: string): [string, string] {
  if (issueType !== 'error') return [title, ''];
  const i = title.indexOf(': ');
  return i > 0 && i < 80 ? [title.slice(0, i), title.slice(i + 2)] : [title, ''];
}

function IssueRowImpl({ issue, projectName, selected, focused, rowIndex, tabStop, onToggle, onFocus }: Props) {
  // Secrets masked and bidi controls shown as `<U+202E>`, as the issue page's title shows them (the row is a link: no toggle here).
  const title = useMemo(() => screenLine(typeof issue.title === 'string' ? issue.title : ''), [issue.title]);
  // Under a title without the error's value (`<unknown>`), Sentry's list shows the value ("Segfault").
  const subline = issue.culprit || issue.subtitle;
  const culprit = useMemo(() => (subline ? screenLine(subline) : ''), [subline]);
  const [type, message] = splitTitle(title, issue.type);
  const status = statusBadge(issue);
  return (
    <div className={`issue-row${focused ? ' is-focused' : ''}${selected ? ' is-selected' : ''}${status ? ' is-muted' : ''}`}
      data-testid="issue-row" data-issue-id={issue.id} role="row" aria-rowindex={rowIndex} aria-selected={selected}
      tabIndex={tabStop ? 0 : -1} onFocus={() => onFocus(issue.id)}>
      <LevelBar level={issue.level} />
      {/* Cells around the controls (`display: contents`): a label or link may not be a gridcell. In the row's cells, not Tab stops: → reaches them. */}
      <div role="gridcell" className="issue-cell"><label className="issue-check" onClick={(e) => e.stopPropagation()}>
        <input type="checkbox" checked={selected} onChange={() => onToggle(issue.id)} aria-label={`Select ${title}`} data-testid="issue-checkbox" tabIndex={-1} />
      </label></div>
      <div role="gridcell" className="issue-cell"><a className="issue-main" href={hrefOf({ name: 'issue', issueId: issue.id })} tabIndex={-1}>
        <div className="issue-title-line">
          <span className="issue-title" data-testid="issue-title">
            <strong>{type}</strong>{message && <span className="issue-message">{message}</span>}
          </span>
          {issue.issueCategory === 'performance' && <span className="badge badge-performance" data-testid="performance-badge" title="A performance issue found in a transaction's spans">Performance</span>}
          {issue.issueCategory === 'cron' && <span className="badge badge-cron" data-testid="cron-badge" title="A cron monitor's failed, missed or timed-out check-ins">Cron</span>}
          {issue.unhandled === true && <span className="badge badge-unhandled" data-testid="unhandled-badge" title="An event of this issue was not caught by the app (handled: no)">Unhandled</span>}
          {issue.regressed && <span className="badge badge-regression" data-testid="regression-badge" title={issue.regressedInRelease ? `Regressed in ${issue.regressedInRelease}` : 'Came back after being resolved'}>Regression</span>}
          {status && <span className="badge badge-status" data-testid="issue-status" title={status.title}>{status.label}</span>}
        </div>
        <div className="issue-culprit" data-testid="issue-culprit">{culprit || '\u00a0'}</div>
        <div className="issue-meta">
          <span className={`level-text level-${issue.level}`}>{issue.level}</span>
          {projectName && <span>{projectName}</span>}
          <span className="issue-meta-first">first <RelativeTime ms={issue.firstSeen} testId="issue-first-seen" /></span>
          <IssueAge firstSeen={issue.firstSeen} />
          <span>last <RelativeTime ms={issue.lastSeen} testId="issue-last-seen" /></span>
          {issue.lastRelease && <span className="mono issue-release" title={`Last release: ${issue.lastRelease}`} data-testid="issue-release">{issue.lastRelease}</span>}
        </div>
      </a></div>
      <div className="issue-graph" role="gridcell" data-testid="issue-graph"><IssueTrend issue={issue} /></div>
      <div className="issue-num" role="gridcell" data-testid="issue-count" title={countOf(issue.count, 'event')}>{compactNumber(issue.count)}</div>
      <div className="issue-num issue-users" role="gridcell" data-testid="issue-users" title={`${issue.users} users`}>{compactNumber(issue.users)}</div>
    </div>
  );
}

/** The trend column: the list's period (`trend=14d` in its URL) picks hours or UTC days. */
function IssueTrend({ issue }: { issue: IssueSummary }) {
  const period = useStore((s) => s.filters.trend) ?? '24h';
  if (period === '24h') return <Sparkline values={issue.sparkline} />;
  const now = Date.now();
  const firstDay = (Math.floor(now / DAY_MS) - TREND_DAYS + 1) * DAY_MS;
  const dayStarts = Array.from({ length: TREND_DAYS }, (_, i) => firstDay + i * DAY_MS);
  return <Sparkline values={dailyCountsOf(issue, now)} period="14d" dayStarts={dayStarts} />;
}

export const IssueRow = memo(IssueRowImpl);

/**
 * A narrow row's first seen, as Sentry's list says an issue's age ("3d old"): shown in place of
 * "first 3d ago" when the row is too narrow for both times (issues.css), so the age never goes.
 */
function IssueAge({ firstSeen }: { firstSeen: number }) {
  const now = useNow();
  const text = relativeTime(firstSeen, Math.max(now, Date.now() - 30_000));
  return (
    <span className="issue-meta-age" title={`First seen ${absoluteTime(firstSeen)}`} data-testid="issue-age">
      {text.endsWith(' ago') ? `${text.slice(0, -4)} old` : text === 'just now' ? 'new' : `since ${text}`}
    </span>
  );
}
