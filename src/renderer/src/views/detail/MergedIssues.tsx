import { useEffect, useState } from 'react';
import type { IssueDetail, MergedGroup } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { countOf } from '../../lib/format';
import { messageOf } from '../../lib/errors';
import { navigate } from '../../routing/navigation';
import { useStore } from '../../store';

/**
 * Sentry's "Merged issues" of an issue: each issue merged into it, with the events it brought,
 * and Unmerge, which moves those events to a new issue. Shown only when something was merged.
 * @see https://docs.sentry.io/product/issues/merging-issues/#unmerging-issues
 */
export function MergedIssues({ issue }: { issue: IssueDetail }) {
  const toast = useStore((s) => s.toast);
  const mergeVersion = useStore((s) => s.mergeVersion);
  const [groups, setGroups] = useState<{ issueId: number; list: MergedGroup[] } | null>(null);
  const [asked, setAsked] = useState<MergedGroup | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    api().mergedGroups(issue.id).then((list) => { if (live) setGroups({ issueId: issue.id, list }); }).catch(() => undefined);
    return () => { live = false; };
    // Read once per issue shown and merge into it, not per new event: on a busy merged issue that was a scan every 0.7 s.
  }, [issue.id, mergeVersion]);
  const list = groups?.issueId === issue.id ? groups.list : [];
  if (list.length === 0) return null;
  const unmerge = async (group: MergedGroup): Promise<void> => {
    setBusy(true);
    try {
      const done = await api().unmerge(issue.id, group.hashes);
      toast('success', `Unmerged ${countOf(done.events, 'event')}${done.issueId !== null ? ` into issue #${done.issueId}` : ''}`);
      setGroups({ issueId: issue.id, list: list.filter((g) => g !== group) });
      if (done.issueId !== null) navigate({ name: 'issue', issueId: done.issueId });
    } catch (err) {
      toast('error', `Could not unmerge: ${messageOf(err)}`);
    } finally {
      setBusy(false);
      setAsked(null);
    }
  };
  return (
    <>
      <h3 className="aside-title">Merged issues</h3>
      <ul className="merged-list" data-testid="merged-issues">
        {list.map((g) => (
          <li key={g.hashes.join(',')} data-testid="merged-group">
            <span className="ellipsis" title={g.title ?? undefined}>
              {g.fromIssue !== null ? `#${g.fromIssue}` : g.hashes[0]!.slice(0, 8)} · {g.title ?? 'no event stored'}
            </span>
            <span className="muted small">{countOf(g.events, 'event')}</span>
            <button type="button" className="btn btn-small" onClick={() => setAsked(g)} data-testid="unmerge">Unmerge…</button>
          </li>
        ))}
      </ul>
      <ConfirmDialog open={asked !== null} title="Unmerge?" confirmLabel="Unmerge" busy={busy} busyLabel="Unmerging…"
        onConfirm={() => { if (asked) void unmerge(asked); }} onCancel={() => { if (!busy) setAsked(null); }} testId="unmerge-dialog">
        <p>{asked ? `${countOf(asked.events, 'event')} leave this issue for a new one` : ''}, and the next events like them go there too.</p>
      </ConfirmDialog>
    </>
  );
}
