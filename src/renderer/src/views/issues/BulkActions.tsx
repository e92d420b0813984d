import { useRef } from 'react';
import { useStore } from '../../store';
import { countOf } from '../../lib/format';
import { DeleteIssuesButton } from './DeleteIssuesButton';
import { MergeIssuesButton } from './MergeIssuesButton';

/** Select-all checkbox and bulk Resolve / Ignore / Unresolve / Merge / Delete for the checked rows. */
export function BulkActions() {
  const rows = useStore((s) => s.rows);
  const selected = useStore((s) => s.selected);
  const setAll = useStore((s) => s.setAllSelected);
  const change = useStore((s) => s.changeIssuesStatus);
  const total = useStore((s) => s.total);
  const ids = [...selected];
  const all = rows.length > 0 && selected.size === rows.length;
  // After a merge or delete the bar's buttons go with the selection: focus stays in the bar.
  const checkbox = useRef<HTMLInputElement | null>(null);
  const keepFocus = () => checkbox.current?.focus();
  return (
    <div className="bulk-bar">
      <label className="issue-check">
        <input type="checkbox" checked={all} ref={(el) => { checkbox.current = el; if (el) el.indeterminate = selected.size > 0 && !all; }}
          onChange={() => setAll(!all)} aria-label="Select all loaded issues" data-testid="select-all" />
      </label>
      {selected.size > 0 ? (
        <>
          <span className="bulk-count" data-testid="selected-count">{selected.size} selected</span>
          <button type="button" className="btn btn-small" data-testid="bulk-resolve" onClick={() => void change(ids, { status: 'resolved' })}>Resolve</button>
          <button type="button" className="btn btn-small" data-testid="bulk-ignore" onClick={() => void change(ids, { status: 'ignored' })}>Ignore</button>
          <button type="button" className="btn btn-small btn-ghost" data-testid="bulk-unresolve" onClick={() => void change(ids, { status: 'unresolved' })}>Unresolve</button>
          <MergeIssuesButton ids={ids} onMerged={keepFocus} />
          <DeleteIssuesButton ids={ids} small onDeleted={keepFocus} />
        </>
      ) : (
        <span className="bulk-count muted" data-testid="issue-total">{countOf(total ?? rows.length, 'issue')}</span>
      )}
      <span className="col-head col-graph">24h</span>
      <span className="col-head col-num">Events</span>
      <span className="col-head col-num">Users</span>
    </div>
  );
}
