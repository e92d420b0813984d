import { useStore } from '../../store';
import './bulk-select.css';

/**
 * Sentry's banner once every loaded row is checked: "All 200 issues on this page are selected. Select all
 * 255 issues that match this search", then "All 255 issues that match this search are selected. Clear
 * selection". Bulk actions then go to every matching issue, on the server (`PUT /issues?matching=1`).
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/issueList/actions/index.tsx
 */
export function SelectAllMatching({ busy }: { busy: string | null }) {
  const rows = useStore((s) => s.rows);
  const selected = useStore((s) => s.selected);
  const total = useStore((s) => s.total);
  const allMatching = useStore((s) => s.allMatching);
  const selectAllMatching = useStore((s) => s.selectAllMatching);
  const clear = useStore((s) => s.setAllSelected);
  const pageSelected = rows.length > 0 && selected.size === rows.length;
  if (busy) return <div className="select-all-banner" role="status" data-testid="bulk-progress">{busy}</div>;
  if (!pageSelected || total === null || total <= rows.length) return null;
  return (
    <div className="select-all-banner" role="status" data-testid="select-all-banner">
      {allMatching ? (
        <>
          All {total.toLocaleString()} issues that match this search are selected.{' '}
          <button type="button" className="link-btn" onClick={() => clear(false)} data-testid="clear-selection">Clear selection</button>
        </>
      ) : (
        <>
          All {rows.length.toLocaleString()} issues on this page are selected.{' '}
          <button type="button" className="link-btn" onClick={selectAllMatching} data-testid="select-all-matching">
            Select all {total.toLocaleString()} issues that match this search
          </button>
        </>
      )}
    </div>
  );
}
