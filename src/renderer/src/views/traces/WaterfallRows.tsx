import { memo } from 'react';
import type { GroupNode, SpanNode } from '../../lib/span-groups';
import { groupExtent, groupSegments, groupTotalMs, type WaterfallRow } from '../../lib/span-group-rows';
import { formatDuration, requestPath, spanStatusClass } from '../../lib/trace-tree';
import '../../components/sr-only.css';
import { indentOf, labelInside, labelStyle, placeOnAxis } from './waterfall-layout';

export interface RowProps {
  row: WaterfallRow;
  axisStart: number;
  axisMs: number;
  errors: number;
  problems: readonly string[] | undefined;
  selected: boolean;
  onToggle: (row: WaterfallRow) => void;
  onSelect: (row: WaterfallRow) => void;
}

function Markers({ errors, problems }: { errors: number; problems: readonly string[] | undefined }) {
  return (
    <>
      {problems && problems.length > 0 && <span className="span-wf-perf" title={`Performance issue${problems.length === 1 ? '' : 's'}: ${problems.join(', ')}`}
        data-testid="span-performance-marker">{problems.length === 1 ? 'Perf' : `Perf ×${problems.length}`}</span>}
      {errors > 0 && (
        <span className="span-wf-error" title={`${errors} error${errors === 1 ? '' : 's'} in this span`} data-testid="span-error-marker">
          <span aria-hidden="true">●</span><span className="sr-only">{` ${errors} error${errors === 1 ? '' : 's'}`}</span>
        </span>
      )}
    </>
  );
}

/**
 * The fold triangle: for the mouse only. The row itself is the keyboard's control (← / → fold, as in a
 * tree) and says its state with aria-expanded, so no focusable control nests inside it (WCAG 4.1.2).
 */
function Toggle({ row, onToggle }: { row: WaterfallRow; onToggle: (row: WaterfallRow) => void }) {
  if (row.childCount === 0) return <span className="span-wf-toggle-space" />;
  const isGroup = row.node.kind !== 'span';
  return (
    <span className="span-wf-toggle" aria-hidden="true" title={row.open ? 'Collapse' : 'Expand'}
      onClick={(e) => { e.stopPropagation(); onToggle(row); }} data-testid={isGroup ? 'span-group-toggle' : 'span-toggle'}>
      {/* A group's count is on its row ("×150"); a span's shows while it is folded. */}
      {row.open ? '▾' : '▸'}<span className="span-wf-count">{!row.open && !isGroup ? row.childCount : ''}</span>
    </span>
  );
}

/** Enter or Space selects the row (a span or a group); ← / → fold and unfold, as in a tree (↑ / ↓ are the waterfall's). */
function onRowKey(e: React.KeyboardEvent, row: WaterfallRow, onToggle: RowProps['onToggle'], onSelect: RowProps['onSelect']) {
  if (e.target !== e.currentTarget) return;
  if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect(row); }
  else if (row.childCount > 0 && (e.key === 'ArrowLeft' ? row.open : e.key === 'ArrowRight' && !row.open)) { e.preventDefault(); onToggle(row); }
}

function SpanLine({ node, row, ...p }: RowProps & { node: SpanNode }) {
  const { span } = node;
  const end = span.endMs ?? span.startMs;
  const bar = span.startMs !== null && end !== null ? placeOnAxis(span.startMs, end, p.axisStart, p.axisMs) : { left: 0, width: 100 };
  const duration = span.startMs !== null && span.endMs !== null ? span.endMs - span.startMs : null;
  const status = spanStatusClass(span.status);
  const urlPath = requestPath(span);
  const label = `${span.op ?? ''} ${span.name ?? ''}${urlPath ? ` ${urlPath}` : ''}`.trim() || span.spanId || 'span';
  return (
    <div className={`span-wf-row${p.selected ? ' is-selected' : ''}${p.problems ? ' has-performance-issue' : ''}`} data-testid="trace-span"
      data-span-id={span.spanId ?? ''} data-row-key={row.key} data-depth={row.depth} data-status={status} onClick={() => p.onSelect(row)}
      role="button" tabIndex={0} aria-pressed={p.selected} aria-expanded={row.childCount > 0 ? row.open : undefined}
      onKeyDown={(e) => onRowKey(e, row, p.onToggle, p.onSelect)}>
      {/* The row is named by its visible text (op, name, duration): an aria-label would hide part of what it shows. */}
      <div className="span-wf-label" style={{ paddingLeft: indentOf(row.depth) }} title={label}>
        <Toggle row={row} onToggle={p.onToggle} />
        {span.op && <span className="span-wf-op" data-testid="span-op" title={span.op}>{span.op}</span>}
        <span className="span-wf-name ellipsis" data-testid="span-name">{span.name ?? ''}
          {urlPath && <span className="muted" data-testid="span-url"> {urlPath}</span>}</span>
        <Markers errors={p.errors} problems={p.problems} />
      </div>
      <div className="span-wf-track">
        <span className={`span-wf-bar status-${status}`} style={{ left: `${bar.left}%`, width: `max(2px, ${bar.width}%)` }} />
        <span className={`span-wf-dur mono${labelInside(bar) ? ' is-inside' : ''}`} data-testid="span-duration" style={labelStyle(bar)}>
          {formatDuration(duration)}
        </span>
      </div>
    </div>
  );
}

/**
 * An autogrouped row, as Sentry's trace view draws one: "Autogrouped — op", the description, the
 * count on its toggle, and a bar over the members' extent showing only the stretches they ran. A
 * click selects it (its details open, as Sentry's drawer); its toggle opens it.
 */
function GroupLine({ node, row, ...p }: RowProps & { node: GroupNode }) {
  const extent = groupExtent(node);
  const bar = extent ? placeOnAxis(extent.startMs, extent.endMs, p.axisStart, p.axisMs) : { left: 0, width: 100 };
  // Gaps under a thousandth of the axis would be sub-pixel: merged, so a huge group stays a few hundred segments.
  const segments = extent ? groupSegments(node, p.axisMs / 1000) : [];
  const extentMs = extent ? extent.endMs - extent.startMs : null;
  const kindText = node.kind === 'siblings' ? 'repeated siblings' : 'nested spans';
  const label = `Autogrouped ${node.op} ${node.name ?? ''}: ${node.members.length} ${kindText}`;
  return (
    <div className={`span-wf-row span-wf-group${p.selected ? ' is-selected' : ''}`} data-testid="span-group" data-group-kind={node.kind} data-group-key={node.key}
      data-count={node.members.length} data-row-key={row.key} data-depth={row.depth} data-expanded={row.open} onClick={() => p.onSelect(row)}
      role="button" tabIndex={0} aria-pressed={p.selected} aria-expanded={row.open} onKeyDown={(e) => onRowKey(e, row, p.onToggle, p.onSelect)}>
      <div className="span-wf-label" style={{ paddingLeft: indentOf(row.depth) }} title={label}>
        <Toggle row={row} onToggle={p.onToggle} />
        <span className="span-wf-autogrouped">Autogrouped</span>
        <span className="span-wf-op" data-testid="span-op" title={node.op}>{node.op}</span>
        <span className="span-wf-name ellipsis" data-testid="span-name">{node.name ?? ''}</span>
        <span className="span-wf-group-count mono" data-testid="span-group-count" title={`${node.members.length} ${kindText}`}>×{node.members.length}</span>
        <Markers errors={p.errors} problems={p.problems} />
      </div>
      <div className="span-wf-track" title={`${node.members.length} spans over ${formatDuration(extentMs)}, ${formatDuration(groupTotalMs(node))} in all`}>
        <span className="span-wf-group-extent" data-testid="span-group-bar" style={{ left: `${bar.left}%`, width: `max(2px, ${bar.width}%)` }} />
        {extent && segments.map(([s, e]) => {
          const seg = placeOnAxis(s, e, p.axisStart, p.axisMs);
          return <span key={s} className="span-wf-bar span-wf-segment" style={{ left: `${seg.left}%`, width: `max(1px, ${seg.width}%)` }} />;
        })}
        {/* Over the segments it would be unreadable: a wide group's label gets a backdrop. */}
        <span className={`span-wf-dur mono${labelInside(bar) ? ' is-over-segments' : ''}`} data-testid="span-duration" style={labelStyle(bar)}>
          {formatDuration(extentMs)}
        </span>
      </div>
    </div>
  );
}

/** One waterfall row: a span, or an autogroup of spans. */
export const WaterfallRowView = memo(function WaterfallRowView(props: RowProps) {
  const { node } = props.row;
  return node.kind === 'span' ? <SpanLine {...props} node={node} /> : <GroupLine {...props} node={node} />;
});
