import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import type { SentryEvent } from '../../../../shared/sentry';
import { levelClass } from '../../components/LevelBadge';
import { Section } from '../../components/Section';
import { TruncatedText } from '../../components/TruncatedText';
import { ValueView } from '../../components/ValueView';
import { absoluteTime, offsetLabel, toMillis } from '../../lib/format';
import { crumbIcon, crumbsOf, filterCrumbs, type Crumb } from './breadcrumbs';

const MAX_HEIGHT = 520;
const LEVELS = ['fatal', 'error', 'warning', 'info', 'debug'];

/** Breadcrumbs as a timeline, newest first, filterable, virtualized (10,000 crumbs stay smooth). */
export function BreadcrumbsSection({ event }: { event: SentryEvent }) {
  const all = useMemo(() => crumbsOf(event).reverse(), [event]);
  const [text, setText] = useState('');
  const [level, setLevel] = useState('');
  const deferredText = useDeferredValue(text);
  const crumbs = useMemo(() => filterCrumbs(all, deferredText, level), [all, deferredText, level]);
  const reference = toMillis(event.timestamp) ?? all[0]?.time ?? null;
  if (all.length === 0) return null;
  const actions = (
    <div className="button-group">
      <input type="search" className="field-input" placeholder="Filter breadcrumbs" value={text} onChange={(e) => setText(e.target.value)}
        aria-label="Filter breadcrumbs" data-testid="breadcrumb-filter" />
      <select value={level} onChange={(e) => setLevel(e.target.value)} aria-label="Breadcrumb level" data-testid="breadcrumb-level">
        <option value="">Any level</option>
        {LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}
      </select>
    </div>
  );
  return (
    <Section title={`Breadcrumbs (${all.length.toLocaleString()})`} actions={actions} testId="breadcrumbs" id="breadcrumbs">
      {crumbs.length === 0 ? <p className="muted small">No breadcrumb matches.</p> : <CrumbList crumbs={crumbs} reference={reference} />}
    </Section>
  );
}

function CrumbList({ crumbs, reference }: { crumbs: Crumb[]; reference: number | null }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const getItemKey = useCallback((i: number) => crumbs[i]?.index ?? i, [crumbs]);
  const virtualizer = useVirtualizer({
    count: crumbs.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 44,
    overscan: 10,
    getItemKey,
  });
  const total = virtualizer.getTotalSize();
  return (
    <div className="ev-crumb-scroll" ref={scrollRef} style={{ height: Math.min(MAX_HEIGHT, Math.max(total, 44)) }}>
      <div style={{ height: total, position: 'relative' }}>
        {virtualizer.getVirtualItems().map((v) => {
          const c = crumbs[v.index];
          if (!c) return null;
          return (
            <div key={v.key} ref={virtualizer.measureElement} data-index={v.index} className="virtual-row" style={{ transform: `translateY(${v.start}px)` }}>
              <CrumbRow crumb={c} reference={reference} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

function CrumbRow({ crumb, reference }: { crumb: Crumb; reference: number | null }) {
  const [showData, setShowData] = useState(false);
  const hasData = crumb.data !== null && Object.keys(crumb.data).length > 0;
  return (
    <div className={`ev-crumb level-${levelClass(crumb.level)}`} data-testid="breadcrumb">
      <span className={`ev-crumb-icon icon-${crumbIcon(crumb).toLowerCase()}`}>{crumbIcon(crumb)}</span>
      <div className="ev-crumb-main">
        <div className="ev-crumb-head">
          <span className="ev-crumb-category">{crumb.category || crumb.type}</span>
          <span className={`level-text level-${levelClass(crumb.level)}`}>{crumb.level}</span>
          {hasData && <button type="button" className="link-btn small" onClick={() => setShowData(!showData)}>{showData ? 'hide data' : 'data'}</button>}
        </div>
        {crumb.message && <TruncatedText className="ev-crumb-message" text={crumb.message} limit={300} testId="breadcrumb-message" ansi mask />}
        {showData && hasData && <div className="ev-crumb-data"><ValueView value={crumb.data} /></div>}
      </div>
      <span className="ev-crumb-time mono" title={absoluteTime(crumb.time)}>
        {crumb.time !== null && reference !== null ? offsetLabel(crumb.time, reference) : crumb.time !== null ? new Date(crumb.time).toLocaleTimeString() : ''}
      </span>
    </div>
  );
}
