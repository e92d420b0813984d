import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { roundTicks } from '../../lib/round-ticks';
import type { WaterfallModel } from '../../lib/span-groups';
import { hiddenSpanKeys, markTitles, revealPath, visibleRows, type FoldState, type ProblemMark, type WaterfallRow } from '../../lib/span-group-rows';
import { formatDuration } from '../../lib/trace-tree';
import { isStepKey, stepRow } from '../../lib/waterfall-keys';
import { SPAN_ROW_HEIGHT } from './waterfall-layout';
import { WaterfallRowView } from './WaterfallRows';

export { SPAN_ROW_HEIGHT };

interface Props {
  /** The trace's spans as a grouped tree (`buildWaterfall`, once per fetch). */
  model: WaterfallModel;
  /** The axis: from the spans' first start, over their extent (logs and errors do not stretch it). */
  axisStart: number;
  axisMs: number;
  /** Error count per span key, for the marker on the row. */
  errorsBySpan: ReadonlyMap<string, number>;
  /** The performance issues marking a span (its transaction's root, or an offending span), for the marker on its row. */
  problemsBySpan?: ReadonlyMap<string, readonly ProblemMark[]>;
  /** The selected row's key: a span's or a group's. */
  selected: string | null;
  onSelect: (key: string | null) => void;
  /** A span to show (opening the groups it is in) and scroll to; a new object each time it is asked. */
  reveal?: { key: string } | null;
}

const EMPTY_FOLD: FoldState = { collapsedSpans: new Set(), expandedGroups: new Set() };

function withToggled(set: ReadonlySet<string>, keys: readonly string[], on: boolean): Set<string> {
  const next = new Set(set);
  for (const k of keys) if (on) next.add(k); else next.delete(k);
  return next;
}

/**
 * Spans nested by parent with Sentry's autogroups, bars placed by start and length; virtualized for
 * large traces. A click or Enter selects a row (a span or a group), ↑ / ↓ / Home / End move the
 * selection through the visible rows (waterfall-keys.ts), the selected row kept in view and focused.
 */
export function Waterfall({ model, axisStart, axisMs, errorsBySpan, problemsBySpan, selected, onSelect, reveal }: Props) {
  const [fold, setFold] = useState<FoldState>(EMPTY_FOLD);
  const rows = useMemo(() => visibleRows(model, fold), [model, fold]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const getItemKey = useCallback((i: number) => rows[i]?.key ?? i, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => SPAN_ROW_HEIGHT, overscan: 12, getItemKey,
  });
  const toggle = useCallback((row: WaterfallRow) => setFold((prev) => (row.node.kind === 'span'
    ? { ...prev, collapsedSpans: withToggled(prev.collapsedSpans, [row.key], !prev.collapsedSpans.has(row.key)) }
    : { ...prev, expandedGroups: withToggled(prev.expandedGroups, [row.key], !prev.expandedGroups.has(row.key)) })), []);
  const select = useCallback((row: WaterfallRow) => onSelect(row.key === selected ? null : row.key), [onSelect, selected]);

  // Keys move the selection; the row it lands on is scrolled to, then focused once rendered.
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || !isStepKey(e.key)) return;
    const to = stepRow(rows, selected === null ? -1 : rows.findIndex((r) => r.key === selected), e.key);
    const row = to === null ? undefined : rows[to];
    if (to === null || !row) return;
    e.preventDefault();
    onSelect(row.key);
    virtualizer.scrollToIndex(to, { align: 'auto' });
    setFocusKey(row.key);
  };
  useEffect(() => {
    if (focusKey === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(focusKey)}"]`);
    if (!el) return;
    el.focus({ preventScroll: true });
    setFocusKey(null);
  });

  // A link to a span inside a group opens the group (and any folded parent), then scrolls to it.
  // Read through a ref: a live refetch (a new model) must not scroll back to an old link.
  const [scrollTo, setScrollTo] = useState<string | null>(null);
  const modelRef = useRef(model);
  modelRef.current = model;
  useEffect(() => {
    if (!reveal) return;
    setFold((prev) => {
      const path = revealPath(modelRef.current, reveal.key, prev);
      if (path.spans.length === 0 && path.groups.length === 0) return prev;
      return { collapsedSpans: withToggled(prev.collapsedSpans, path.spans, false), expandedGroups: withToggled(prev.expandedGroups, path.groups, true) };
    });
    setScrollTo(reveal.key);
  }, [reveal]);
  useEffect(() => {
    if (scrollTo === null) return;
    const index = rows.findIndex((r) => r.key === scrollTo);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
    setScrollTo(null);
  }, [rows, scrollTo, virtualizer]);

  /** A closed group's markers add up those of the spans it hides. */
  const markersOf = (row: WaterfallRow): { errors: number; problems: readonly string[] | undefined } => {
    if (row.node.kind === 'span' || row.open) return { errors: errorsBySpan.get(row.key) ?? 0, problems: markTitles([row.key], problemsBySpan) };
    let errors = 0;
    const hidden = hiddenSpanKeys(row.node);
    for (const key of hidden) errors += errorsBySpan.get(key) ?? 0;
    return { errors, problems: markTitles(hidden, problemsBySpan) };
  };

  return (
    <div className="waterfall" data-testid="trace-waterfall">
      <div className="span-wf-row span-wf-head" aria-hidden="true">
        <div className="span-wf-label muted small">Span</div>
        <div className="span-wf-track" data-testid="waterfall-axis" data-axis-ms={axisMs}>
          {/* Round values; the last is right-aligned so it stays inside the track. */}
          {roundTicks(axisMs).map((ms) => {
            const at = ms / axisMs;
            return <span key={ms} className="span-wf-tick small muted" data-testid="waterfall-tick"
              style={at > 0.9 ? { right: `${(1 - at) * 100}%` } : { left: `${at * 100}%` }}>{formatDuration(ms)}</span>;
          })}
        </div>
      </div>
      {/* As tall as the window allows (it was capped at 560 px, a big trace scrolled in a small box). */}
      <div className="waterfall-scroll" ref={scrollRef} onKeyDown={onKeyDown} style={{ height: rows.length * SPAN_ROW_HEIGHT + 2, maxHeight: 'max(560px, calc(100vh - 260px))' }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index];
            if (!row) return null;
            const { errors, problems } = markersOf(row);
            return (
              <div key={v.key} className="virtual-row" style={{ transform: `translateY(${v.start}px)`, height: SPAN_ROW_HEIGHT }}>
                <WaterfallRowView row={row} axisStart={axisStart} axisMs={axisMs} errors={errors} problems={problems}
                  selected={row.key === selected} onToggle={toggle} onSelect={select} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
