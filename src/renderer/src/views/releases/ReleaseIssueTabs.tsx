import { useState } from 'react';
import type { ReleaseIssue, ReleasePage } from '../../../../shared/api-releases';
import { LevelBadge } from '../../components/LevelBadge';
import { RelativeTime } from '../../components/RelativeTime';
import { compactNumber } from '../../lib/format';
import { hrefOf } from '../../routing/navigation';

function IssueList({ issues, testId, empty }: { issues: ReleaseIssue[]; testId: string; empty: string }) {
  if (issues.length === 0) return <p className="muted small" data-testid={`${testId}-empty`}>{empty}</p>;
  return (
    <ul className="release-issues" data-testid={testId}>
      {issues.map((i) => (
        <li key={i.id} data-testid="release-issue">
          <LevelBadge level={i.level} />
          <a className="release-issue-title" href={hrefOf({ name: 'issue', issueId: i.id })} title={i.title}>{i.title}</a>
          {i.culprit && <span className="muted small ellipsis mono">{i.culprit}</span>}
          <span className="muted small nowrap">{compactNumber(i.events)} in this release</span>
          <span className="muted small nowrap"><RelativeTime ms={i.lastSeen} /></span>
        </li>
      ))}
    </ul>
  );
}

/** A list's count: the release's own figure when it has one, else the rows read (at most 100, shown as "100+"). */
const listCount = (rows: readonly unknown[], total?: number) => (total !== undefined ? compactNumber(total) : rows.length >= 100 ? '100+' : String(rows.length));

type TabId = 'new' | 'unhandled' | 'regressed' | 'resolved' | 'all';

/**
 * The release page's issues in tabs, as Sentry's release details: new issues, unhandled (issues of
 * the release with an unhandled event), regressions, resolved in this release, and every issue
 * with events in it. Each tab names its count, so no list is out of sight without a hint.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/releases/detail/overview/releaseIssues.tsx
 */
export function ReleaseIssueTabs({ page }: { page: ReleasePage }) {
  const [tab, setTab] = useState<TabId>('new');
  const r = page.release;
  const tabs: { id: TabId; label: string; count: string; issues: ReleaseIssue[]; testId: string; empty: string }[] = [
    { id: 'new', label: 'New issues', count: listCount(page.newIssues, r.newIssues), issues: page.newIssues, testId: 'release-new-issues',
      empty: 'No issue was first seen in this release.' },
    { id: 'unhandled', label: 'Unhandled', count: listCount(page.unhandledIssues), issues: page.unhandledIssues, testId: 'release-unhandled-issues',
      empty: 'No issue of this release had an unhandled error.' },
    { id: 'regressed', label: 'Regressions', count: listCount(page.regressions, r.regressions), issues: page.regressions, testId: 'release-regressions',
      empty: 'No issue regressed in this release.' },
    { id: 'resolved', label: 'Resolved', count: listCount(page.resolvedIssues), issues: page.resolvedIssues, testId: 'release-resolved-issues',
      empty: 'No issue resolved "in the next release" was resolved in this one.' },
    { id: 'all', label: 'Issues seen', count: listCount(page.issues), issues: page.issues, testId: 'release-seen-issues',
      empty: 'No error event carried this release.' },
  ];
  const shown = tabs.find((t) => t.id === tab) ?? tabs[0]!;
  return (
    <section className="card release-issue-tabs">
      <div className="tabs" role="tablist" aria-label="Issues of this release">
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" id={`release-tab-${t.id}`} aria-selected={t.id === shown.id} aria-controls="release-tab-panel"
            className={t.id === shown.id ? 'active' : ''} data-testid={`release-tab-${t.id}`} onClick={() => setTab(t.id)}>
            {t.label} <span className="release-tab-count">({t.count})</span>
          </button>
        ))}
      </div>
      <div role="tabpanel" id="release-tab-panel" aria-labelledby={`release-tab-${shown.id}`}>
        <IssueList issues={shown.issues} testId={shown.testId} empty={shown.empty} />
      </div>
    </section>
  );
}
