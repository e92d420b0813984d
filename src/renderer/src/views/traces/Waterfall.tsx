import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import type { TraceSpan } from '../../../../shared/api-types';
import { barOf, formatDuration, requestPath, spanStatusClass, waterfallRows, type WaterfallRow } from '../../lib/trace-tree';
import { roundTicks } from '../../lib/round-ticks';

export const SPAN_ROW_HEIGHT = 30;
/** Deeper spans stop moving right, so a 1,000-deep chain stays readable. */
const MAX_INDENT_DEPTH = 24;

/**
 * A span's indent: 14 px a level near the root, 5 px a level deeper down, and never more than
 * 30 % of the name column, so a 20-deep chain of middleware still shows its names.
 */
function indentOf(depth: number): string {
  const levels = Math.min(depth, MAX_INDENT_DEPTH);
  const px = 6 + Math.min(levels, 6) * 14 + Math.max(0, levels - 6) * 5;
  return `min(${px}px, 30%)`;
}

interface Props {
  spans: TraceSpan[];
  startMs: number;
  durationMs: number;
  /** Error count per span key, for the marker on the row. */
  errorsBySpan: ReadonlyMap<string, number>;
  /** Titles of the performance issues whose transaction a span is the root of, for the marker on its row. */
  problemsBySpan?: ReadonlyMap<string, readonly string[]>;
  selected: string | null;
  onSelect: (key: string | null, span: TraceSpan | null) => void;
}

interface RowProps {
  row: WaterfallRow;
  startMs: number;
  durationMs: number;
  errors: number;
  problems: readonly string[] | undefined;
  collapsed: boolean;
  selected: boolean;
  onToggle: (key: string) => void;
  onSelect: (row: WaterfallRow) => void;
}

const SpanRow = memo(function SpanRow({ row, startMs, durationMs, errors, problems, collapsed, selected, onToggle, onSelect }: RowProps) {
  const { span } = row;
  const bar = barOf(span, startMs, durationMs);
  const duration = span.startMs !== null && span.endMs !== null ? span.endMs - span.startMs : null;
  const status = spanStatusClass(span.status);
  const urlPath = requestPath(span);
  const label = `${span.op ?? ''} ${span.name ?? ''}${urlPath ? ` ${urlPath}` : ''}`.trim() || span.spanId || 'span';
  return (
    <div className={`span-wf-row${selected ? ' is-selected' : ''}${problems ? ' has-performance-issue' : ''}`} data-testid="trace-span"
      data-span-id={span.spanId ?? ''}
      data-depth={row.depth} data-status={status} onClick={() => onSelect(row)}
      // Reachable by Tab: Enter or Space shows the span's details, ← / → fold and unfold its children.
      role="button" tabIndex={0} aria-pressed={selected} aria-label={label}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect(row); }
        else if (row.childCount > 0 && (e.key === 'ArrowLeft' ? !collapsed : e.key === 'ArrowRight' && collapsed)) { e.preventDefault(); onToggle(row.key); }
      }}>
      <div className="span-wf-label" style={{ paddingLeft: indentOf(row.depth) }} title={label}>
        {row.childCount > 0 ? (
          <button type="button" className="span-wf-toggle" aria-expanded={!collapsed} aria-label={collapsed ? 'Expand' : 'Collapse'}
            onClick={(e) => { e.stopPropagation(); onToggle(row.key); }} data-testid="span-toggle">
            {collapsed ? '▸' : '▾'}<span className="span-wf-count">{collapsed ? row.childCount : ''}</span>
          </button>
        ) : <span className="span-wf-toggle-space" />}
        {span.op && <span className="span-wf-op" data-testid="span-op" title={span.op}>{span.op}</span>}
        <span className="span-wf-name ellipsis" data-testid="span-name">{span.name ?? ''}
          {urlPath && <span className="muted" data-testid="span-url"> {urlPath}</span>}</span>
        {problems && <span className="span-wf-perf" title={`Performance issue${problems.length === 1 ? '' : 's'}: ${problems.join(', ')}`}
          data-testid="span-performance-marker">{problems.length === 1 ? 'Perf' : `Perf ×${problems.length}`}</span>}
        {errors > 0 && <span className="span-wf-error" title={`${errors} error${errors === 1 ? '' : 's'} in this span`} data-testid="span-error-marker">●</span>}
      </div>
      <div className="span-wf-track">
        <span className={`span-wf-bar status-${status}`} style={{ left: `${bar.left}%`, width: `max(2px, ${bar.width}%)` }} />
        <span className={`span-wf-dur mono${labelInside(bar) ? ' is-inside' : ''}`} data-testid="span-duration" style={labelStyle(bar)}>
          {formatDuration(duration)}
        </span>
      </div>
    </div>
  );
});

/** The duration label goes after the bar, or before it (or inside it) when the bar reaches the right edge. */
function labelInside(bar: { left: number; width: number }): boolean {
  return bar.left + bar.width > 80 && bar.left < 20;
}

function labelStyle(bar: { left: number; width: number }): React.CSSProperties {
  if (bar.left + bar.width <= 80) return { left: `calc(${bar.left + bar.width}% + 6px)` };
  if (labelInside(bar)) return { right: `calc(${100 - bar.left - bar.width}% + 6px)` };
  return { right: `calc(${100 - bar.left}% + 6px)` };
}

/** Spans nested by parent, bars placed by start and length; virtualized for large traces. */
export function Waterfall({ spans, startMs, durationMs, errorsBySpan, problemsBySpan, selected, onSelect }: Props) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => waterfallRows(spans, collapsed), [spans, collapsed]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const getItemKey = useCallback((i: number) => rows[i]?.key ?? i, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => SPAN_ROW_HEIGHT, overscan: 12, getItemKey,
  });
  const toggle = useCallback((key: string) => setCollapsed((prev) => {
    const next = new Set(prev);
    if (next.has(key)) next.delete(key); else next.add(key);
    return next;
  }), []);
  const select = useCallback((row: WaterfallRow) => onSelect(row.key === selected ? null : row.key, row.key === selected ? null : row.span), [onSelect, selected]);

  return (
    <div className="waterfall" data-testid="trace-waterfall">
      <div className="span-wf-row span-wf-head" aria-hidden="true">
        <div className="span-wf-label muted small">Span</div>
        <div className="span-wf-track">
          {/* Round values; the last is right-aligned so it stays inside the track. */}
          {roundTicks(durationMs).map((ms) => {
            const at = ms / durationMs;
            return <span key={ms} className="span-wf-tick small muted" data-testid="waterfall-tick"
              style={at > 0.9 ? { right: `${(1 - at) * 100}%` } : { left: `${at * 100}%` }}>{formatDuration(ms)}</span>;
          })}
        </div>
      </div>
      {/* As tall as the window allows (it was capped at 560 px, a big trace scrolled in a small box). */}
      <div className="waterfall-scroll" ref={scrollRef} style={{ height: rows.length * SPAN_ROW_HEIGHT + 2, maxHeight: 'max(560px, calc(100vh - 260px))' }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index];
            if (!row) return null;
            return (
              <div key={v.key} className="virtual-row" style={{ transform: `translateY(${v.start}px)`, height: SPAN_ROW_HEIGHT }}>
                <SpanRow row={row} startMs={startMs} durationMs={durationMs} errors={errorsBySpan.get(row.key) ?? 0}
                  problems={problemsBySpan?.get(row.key)}
                  collapsed={collapsed.has(row.key)} selected={row.key === selected} onToggle={toggle} onSelect={select} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
