import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { mergeParentOf } from '../../lib/merge-parent';
import { useStore } from '../../store';

/** Why Merge is off while a performance or cron issue is picked: the server refuses it ("Only error issues can be merged."). */
const MERGE_REASONS = {
  performance: 'Only error issues can be merged: performance issues cannot be.',
  cron: 'Only error issues can be merged: monitor failures cannot be.',
} as const;

/**
 * Sentry's "Merge", after a confirmation: the issue with the most events takes in the others, and
 * later events like theirs join it. Issues of different projects cannot be merged (said by the server).
 * As in Sentry, the button is off when a performance or cron issue is picked, saying why in its tooltip.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/utils/issueTypeConfig/performanceConfig.tsx
 */
export function MergeIssuesButton({ ids, onMerged }: { ids: readonly number[]; onMerged?: () => void }) {
  const merge = useStore((s) => s.mergeIssues);
  const rows = useStore((s) => s.rows);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const picked = rows.filter((r) => ids.includes(r.id));
  const parent = mergeParentOf(picked);
  const disabledReason = ids.length < 2 ? 'Pick two or more issues to merge'
    : picked.map((r) => r.issueCategory).filter((c) => c !== undefined).map((c) => MERGE_REASONS[c])[0];
  const confirm = async (): Promise<void> => {
    setBusy(true);
    const parent = await merge(ids);
    setBusy(false);
    setOpen(false);
    if (parent !== null) onMerged?.();
  };
  return (
    <>
      <button type="button" className="btn btn-small" disabled={disabledReason !== undefined} onClick={() => setOpen(true)} data-testid="merge-issues"
        title={disabledReason}>Merge…</button>
      <ConfirmDialog open={open} title={`Merge ${ids.length.toLocaleString()} issues?`} confirmLabel="Merge" busy={busy} busyLabel="Merging…"
        onConfirm={() => void confirm()} onCancel={() => { if (!busy) setOpen(false); }} testId="merge-dialog">
        {parent && <p className="confirm-subject">Into #{parent.id}: {parent.title}</p>}
        <p>Their events, tags and users join the issue with the most events, and the next events like any of them go to it too. Links
          to the others open it. Each can be unmerged later from its page.</p>
      </ConfirmDialog>
    </>
  );
}
