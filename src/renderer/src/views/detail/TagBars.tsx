import { useState } from 'react';
import type { TagDistribution } from '../../../../shared/api-types';
import { hrefOf } from '../../routing/navigation';
import { DEFAULT_FILTERS } from '../../routing/route';
import { wholePercents } from '../../lib/whole-percents';
import { screenTagValue } from '../../../../shared/screen-mask';
import '../../components/event-text.css';

const KEYS_SHOWN = 12;
const VALUES_SHOWN = 5;

/** The issue list searched for `key:"value"` (all statuses), as Sentry's tag values link to their issues. */
export function issuesWithTag(key: string, value: string): string | undefined {
  if (value === '' || value.includes('"') || !/^[\w.-]+$/.test(key)) return undefined;
  return hrefOf({ name: 'issues', filters: { ...DEFAULT_FILTERS, status: 'all', query: `${key}:"${value}"` } });
}

/** One key's top values. Their percentages add up to 100 with the values not shown (whole-percents.ts). */
function TagKey({ tag }: { tag: TagDistribution }) {
  const values = (Array.isArray(tag.values) ? tag.values : []).slice(0, VALUES_SHOWN);
  const whole = wholePercents(values.map((v) => v.count), tag.total);
  return (
    <div className="tag-key" data-testid="tag-row" data-tag-key={tag.key}>
      <div className="tag-key-head"><span className="tag-name" title={tag.key}>{tag.key}</span><span className="muted small">{tag.total}</span></div>
      {values.map((v, i) => {
        const pct = typeof v.percent === 'number' && Number.isFinite(v.percent) ? Math.max(0, Math.min(100, v.percent)) : 0;
        const shown = whole[i] ?? 0;
        return (
          <a key={v.value} className="tag-value" href={issuesWithTag(tag.key, v.value)} title={`${screenTagValue(tag.key, v.value)}: ${v.count} (${pct}%) — issues with this tag`}
            data-testid="tag-value">
            <div className="tag-bar" style={{ width: `${pct}%` }} />
            <span className="tag-value-label ellipsis">{v.value ? screenTagValue(tag.key, v.value) : '(empty)'}</span>
            <span className="tag-value-pct">{shown === 0 && v.count > 0 ? '<1' : shown}%</span>
          </a>
        );
      })}
    </div>
  );
}

/** Per tag key, the top values as percentage bars; each value links to the issues that have it. */
export function TagBars({ tags }: { tags: TagDistribution[] | undefined }) {
  const [all, setAll] = useState(false);
  const list = Array.isArray(tags) ? tags : [];
  if (list.length === 0) return <p className="muted small">No tags.</p>;
  const shown = all ? list : list.slice(0, KEYS_SHOWN);
  return (
    <div className="tag-bars" data-testid="tag-distributions">
      {shown.map((t) => <TagKey key={t.key} tag={t} />)}
      {list.length > KEYS_SHOWN && (
        <button type="button" className="link-btn" onClick={() => setAll(!all)}>{all ? 'Fewer tags' : `All ${list.length} tags`}</button>
      )}
    </div>
  );
}
