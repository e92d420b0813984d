import { useRef, useState } from 'react';
import type { StatusChange } from '../../api/client';
import { useStore } from '../../store';
import { countOf } from '../../lib/format';
import { DeleteIssuesButton } from './DeleteIssuesButton';
import { DeleteMatchingButton } from './DeleteMatchingButton';
import { SelectAllMatching } from './SelectAllMatching';
import { ConfirmMatchingStatus, type PendingMatchingChange } from './ConfirmMatchingStatus';
import { MergeIssuesButton } from './MergeIssuesButton';
import { TrendToggle } from './TrendToggle';

/**
 * Select-all checkbox and bulk Resolve / Ignore / Unresolve / Merge / Delete for the checked rows, or, once
 * "Select all N issues that match this search" was taken (`SelectAllMatching`), for every issue the search
 * matches, after a confirmation naming the count and the search (Merge then is off: it takes issues picked one by
 * one). Every status change's toast offers Undo. The list's total stays beside the count.
 */
export function BulkActions() {
  const rows = useStore((s) => s.rows);
  const selected = useStore((s) => s.selected);
  const setAll = useStore((s) => s.setAllSelected);
  const change = useStore((s) => s.changeIssuesStatus);
  const total = useStore((s) => s.total);
  const allMatching = useStore((s) => s.allMatching);
  const changeMatching = useStore((s) => s.changeMatchingStatus);
  const [busy, setBusy] = useState<string | null>(null);
  const ids = [...selected];
  const matching = total ?? rows.length;
  const [pending, setPending] = useState<PendingMatchingChange | null>(null);
  const apply = (status: StatusChange['status'], verb: PendingMatchingChange['verb'], doing: string): void => {
    if (!allMatching) { void change(ids, { status }); return; }
    // Over a whole search, as Sentry, only after a confirmation that names the count and the search.
    setPending({ status, verb, doing });
  };
  const confirmed = (p: PendingMatchingChange): void => {
    setPending(null);
    setBusy(`${p.doing} ${countOf(matching, 'issue')}…`);
    void changeMatching({ status: p.status }).finally(() => setBusy(null));
  };
  const all = rows.length > 0 && selected.size === rows.length;
  // After a merge or delete the bar's buttons go with the selection: focus stays in the bar.
  const checkbox = useRef<HTMLInputElement | null>(null);
  const keepFocus = () => checkbox.current?.focus();
  return (
    <>
    <div className="bulk-bar">
      <label className="issue-check">
        <input type="checkbox" checked={all} ref={(el) => { checkbox.current = el; if (el) el.indeterminate = selected.size > 0 && !all; }}
          onChange={() => setAll(!all)} aria-label="Select all loaded issues" data-testid="select-all" />
      </label>
      {selected.size > 0 ? (
        <>
          <span className="bulk-count">
            <span data-testid="selected-count">{(allMatching ? matching : selected.size).toLocaleString()} selected</span>
            <span className="bulk-total muted" data-testid="selection-total">of {matching.toLocaleString()}</span>
          </span>
          <button type="button" className="btn btn-small" data-testid="bulk-resolve" disabled={busy !== null} onClick={() => apply('resolved', 'Resolve', 'Resolving')}>Resolve</button>
          <button type="button" className="btn btn-small" data-testid="bulk-ignore" disabled={busy !== null} onClick={() => apply('ignored', 'Ignore', 'Ignoring')}>Ignore</button>
          <button type="button" className="btn btn-small btn-ghost" data-testid="bulk-unresolve" disabled={busy !== null}
            onClick={() => apply('unresolved', 'Unresolve', 'Unresolving')}>Unresolve</button>
          {allMatching ? (
            <>
              <button type="button" className="btn btn-small" disabled data-testid="merge-issues"
                title="Merge takes issues checked one by one, not every issue of a search">Merge…</button>
              <DeleteMatchingButton count={matching} onBusy={setBusy} />
            </>
          ) : (
            <>
              <MergeIssuesButton ids={ids} onMerged={keepFocus} />
              <DeleteIssuesButton ids={ids} small onDeleted={keepFocus} />
            </>
          )}
        </>
      ) : (
        <span className="bulk-count muted" data-testid="issue-total">{countOf(total ?? rows.length, 'issue')}</span>
      )}
      <TrendToggle />
      <span className="col-head col-num">Events</span>
      <span className="col-head col-num">Users</span>
    </div>
    <SelectAllMatching busy={busy} />
    <ConfirmMatchingStatus pending={pending} count={matching} onConfirm={confirmed} onCancel={() => setPending(null)} />
    </>
  );
}
