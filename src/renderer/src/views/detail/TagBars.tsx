import { useState } from 'react';
import type { TagDistribution } from '../../../../shared/api-types';

const KEYS_SHOWN = 12;

/** Per tag key, the top values as percentage bars. */
export function TagBars({ tags }: { tags: TagDistribution[] | undefined }) {
  const [all, setAll] = useState(false);
  const list = Array.isArray(tags) ? tags : [];
  if (list.length === 0) return <p className="muted small">No tags.</p>;
  const shown = all ? list : list.slice(0, KEYS_SHOWN);
  return (
    <div className="tag-bars" data-testid="tag-distributions">
      {shown.map((t) => (
        <div key={t.key} className="tag-key" data-testid="tag-row" data-tag-key={t.key}>
          <div className="tag-key-head"><span className="tag-name" title={t.key}>{t.key}</span><span className="muted small">{t.total}</span></div>
          {(Array.isArray(t.values) ? t.values : []).slice(0, 5).map((v) => {
            const pct = typeof v.percent === 'number' && Number.isFinite(v.percent) ? Math.max(0, Math.min(100, v.percent)) : 0;
            return (
              <div key={v.value} className="tag-value" title={`${v.value}: ${v.count} (${pct}%)`} data-testid="tag-value">
                <div className="tag-bar" style={{ width: `${pct}%` }} />
                <span className="tag-value-label ellipsis">{v.value || '(empty)'}</span>
                <span className="tag-value-pct">{pct < 1 && pct > 0 ? '<1' : Math.round(pct)}%</span>
              </div>
            );
          })}
        </div>
      ))}
      {list.length > KEYS_SHOWN && (
        <button type="button" className="link-btn" onClick={() => setAll(!all)}>{all ? 'Fewer tags' : `All ${list.length} tags`}</button>
      )}
    </div>
  );
}
