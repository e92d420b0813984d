import { useMemo, useState } from 'react';
import type { ProfileFrameInfo, ProfileFunction, ProfileThread } from '../../../../shared/api-profile';
import { formatMs } from '../../lib/flame-layout';
import { minifiedOf, whereOf } from './FlameGraph';

type SortKey = 'name' | 'selfMs' | 'totalMs' | 'totalSamples';
const COLUMNS: { key: SortKey; label: string; numeric: boolean }[] = [
  { key: 'name', label: 'Function', numeric: false }, { key: 'selfMs', label: 'Self', numeric: true },
  { key: 'totalMs', label: 'Total', numeric: true }, { key: 'totalSamples', label: 'Samples', numeric: true },
];

/** The thread's slowest functions (by self time from the API), sortable by any column. */
export function FunctionsTable({ frames, thread }: { frames: readonly ProfileFrameInfo[]; thread: ProfileThread }) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'selfMs', desc: true });
  const rows = useMemo(() => {
    const nameOf = (f: ProfileFunction) => frames[f.frame]?.name ?? '';
    const sorted = [...thread.functions].sort((a, b) => (sort.key === 'name' ? nameOf(a).localeCompare(nameOf(b)) : a[sort.key] - b[sort.key]));
    return sort.desc ? sorted.reverse() : sorted;
  }, [frames, thread, sort]);
  const pick = (key: SortKey, numeric: boolean) => setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: numeric }));
  const share = (ms: number) => (thread.durationMs > 0 ? `${((100 * ms) / thread.durationMs).toFixed(1)}%` : '');
  return (
    <section className="profile-functions" aria-label="Slowest functions">
      <h2>Slowest functions</h2>
      <table className="functions-table" data-testid="profile-functions">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? 'num' : ''}
                aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                <button type="button" className="link-btn" onClick={() => pick(c.key, c.numeric)} data-testid={`sort-${c.key}`}>
                  {c.label}{sort.key === c.key ? (sort.desc ? ' ▾' : ' ▴') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((fn) => {
            const f = frames[fn.frame];
            return (
              <tr key={fn.frame} data-testid="profile-function-row">
                <td className="fn-cell">
                  <span className="mono" data-testid="function-name" title={minifiedOf(f) || undefined} data-minified={f?.minified?.name}>{f?.name ?? '(unknown)'}</span>
                  <span className="muted small mono ellipsis">{whereOf(f)}{f?.module && f.file ? ` · ${f.module}` : ''}</span>
                </td>
                <td className="num" data-testid="function-self">{formatMs(fn.selfMs)} <span className="muted small">{share(fn.selfMs)}</span></td>
                <td className="num" data-testid="function-total">{formatMs(fn.totalMs)} <span className="muted small">{share(fn.totalMs)}</span></td>
                <td className="num">{fn.totalSamples.toLocaleString()}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">No function was sampled on this thread.</p>}
    </section>
  );
}
