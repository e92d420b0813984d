import { useEffect, useState } from 'react';
import type { IssueDetail, SimilarIssue, SimilarIssues as Similar } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { countOf } from '../../lib/format';
import { messageOf } from '../../lib/errors';
import { mergeParentOf } from '../../lib/merge-parent';
import { hrefOf } from '../../routing/navigation';
import { useStore } from '../../store';

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** "stack 67% · message 100% · same type": each part that was compared. */
function parts(s: SimilarIssue): string {
  return [s.stack !== null && `stack ${percent(s.stack)}`, s.message !== null && `message ${percent(s.message)}`,
    s.sameType !== null && (s.sameType ? 'same type' : 'other type')].filter(Boolean).join(' · ');
}

/**
 * Sentry's "Similar issues": the issues of the project whose latest event is most alike this
 * one's, read when opened (it reads an event of each of the 300 most recent issues), each with
 * Merge. @see https://docs.sentry.io/product/issues/issue-details/#similar-issues
 */
export function SimilarIssues({ issue }: { issue: IssueDetail }) {
  const merge = useStore((s) => s.mergeIssues);
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState<{ issueId: number; result: Similar } | { issueId: number; error: string } | null>(null);
  const [asked, setAsked] = useState<SimilarIssue | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return undefined;
    let live = true;
    api().similarIssues(issue.id).then((result) => { if (live) setFound({ issueId: issue.id, result }); })
      .catch((err: unknown) => { if (live) setFound({ issueId: issue.id, error: messageOf(err) }); });
    return () => { live = false; };
  }, [open, issue.id]);
  const current = found?.issueId === issue.id ? found : null;
  const confirm = async (other: SimilarIssue): Promise<void> => {
    setBusy(true);
    const parent = await merge([issue.id, other.issue.id]);
    setBusy(false);
    setAsked(null);
    if (parent !== null && current && 'result' in current) {
      setFound({ issueId: issue.id, result: { ...current.result, items: current.result.items.filter((s) => s !== other) } });
    }
  };
  const parentOf = (other: SimilarIssue) => mergeParentOf([issue, other.issue]) ?? issue;
  return (
    <details className="similar-issues" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="similar-issues">
      <summary className="aside-title">Similar issues</summary>
      {!current && open && <p className="muted small">Comparing…</p>}
      {current && 'error' in current && <p className="error-box small" role="alert">Could not compare: {current.error}</p>}
      {current && 'result' in current && (
        <>
          {current.result.items.length === 0 && <p className="muted small" data-testid="similar-none">No issue is alike enough.</p>}
          <ul className="merged-list">
            {current.result.items.map((s) => (
              <li key={s.issue.id} data-testid="similar-issue">
                <a className="ellipsis" href={hrefOf({ name: 'issue', issueId: s.issue.id })} title={s.issue.title}>#{s.issue.id} · {s.issue.title}</a>
                <span className="muted small" title={parts(s)}>{percent(s.score)} alike</span>
                <button type="button" className="btn btn-small" onClick={() => setAsked(s)} data-testid="similar-merge">Merge…</button>
                <span className="muted small similar-parts">{parts(s)} · {countOf(s.issue.count, 'event')}</span>
              </li>
            ))}
          </ul>
          <p className="muted small">Compared with the {countOf(current.result.compared, 'issue')} last seen in this project
            {current.result.stoppedEarly ? ' (the time for it ran out before older ones)'
              : current.result.compared >= current.result.candidates ? ` (the ${current.result.candidates.toLocaleString()} newest)` : ''}.</p>
        </>
      )}
      <ConfirmDialog open={asked !== null} title="Merge these two issues?" confirmLabel="Merge" busy={busy} busyLabel="Merging…"
        onConfirm={() => { if (asked) void confirm(asked); }} onCancel={() => { if (!busy) setAsked(null); }} testId="similar-merge-dialog">
        {asked && <p className="confirm-subject">Into #{parentOf(asked).id}: {parentOf(asked).title}</p>}
        <p>The one with more events takes in the other&apos;s events, tags and users, and the next events like either go to it. It can be unmerged later.</p>
      </ConfirmDialog>
    </details>
  );
}
