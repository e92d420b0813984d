import type { TraceError, TracePerformanceIssue } from '../../../../shared/api-types';
import { KeyValueTable, type KeyValueRow } from '../../components/KeyValueTable';
import { LevelBadge } from '../../components/LevelBadge';
import { offsetLabel } from '../../lib/format';
import { SIBLING_GROUP_MIN, type GroupNode } from '../../lib/span-groups';
import { groupExtent, groupTotalMs, hiddenSpanKeys, slowestMembers } from '../../lib/span-group-rows';
import { formatDuration } from '../../lib/trace-tree';
import { hrefOf } from '../../routing/navigation';

/** Members listed as the slowest: enough to find the outlier, few enough to read. */
const SLOWEST_SHOWN = 10;

/** How the group was made, in the words of Sentry's drawer ("Grouping Logic"). */
function groupingLogic(group: GroupNode): string {
  return group.kind === 'siblings'
    ? `${SIBLING_GROUP_MIN} or more consecutive sibling spans with the same operation and description`
    : 'a chain of spans, each the only child of the one before, with the same operation';
}

/**
 * The selected autogroup row, as Sentry's trace drawer shows an autogroup: how it was grouped, its
 * op and description, how many spans, their summed and their first-start-to-last-end durations, the
 * slowest members (each one shown and selected in the waterfall on a click), and the errors and
 * performance issues of the spans it hides.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/performance/newTraceDetails/traceDrawer/details/autogroup/index.tsx
 */
export function GroupDetails({ group, traceStart, errors, problems, onShowSpan, onClose }: {
  group: GroupNode; traceStart: number; errors: readonly TraceError[]; problems: readonly TracePerformanceIssue[];
  onShowSpan: (key: string) => void; onClose: () => void;
}) {
  const extent = groupExtent(group);
  const inside = new Set(hiddenSpanKeys(group));
  const errorsInside = errors.filter((e) => e.spanId !== null && inside.has(e.spanId));
  const problemsInside = problems.filter((p) => (p.spanId !== null && inside.has(p.spanId)) || p.offenderSpanIds.some((id) => inside.has(id)));
  const facts: KeyValueRow[] = [
    ['grouping', groupingLogic(group)], ['op', group.op], ['description', group.name ?? '—'],
    ['spans', group.members.length.toLocaleString()],
    ['total duration', `${formatDuration(groupTotalMs(group))} (the spans' own times added up)`],
    ['extent', extent ? `${formatDuration(extent.endMs - extent.startMs)} (first start to last end)` : '—'],
    ['starts at', extent ? offsetLabel(extent.startMs, traceStart) : '—'],
  ];
  return (
    <section className="section span-details group-details" data-testid="group-details" data-group-key={group.key}>
      <header className="section-head">
        <h3 className="ellipsis">Autogroup · {group.op}{group.name ? ` · ${group.name}` : ''}</h3>
        <div className="section-actions">
          <button type="button" className="btn btn-small btn-ghost" onClick={onClose} aria-label="Close group details">✕</button>
        </div>
      </header>
      <div className="section-body">
        <KeyValueTable rows={facts} testId="group-facts" />
        <h4>Slowest spans</h4>
        <ol className="group-slowest" data-testid="group-slowest">
          {slowestMembers(group, SLOWEST_SHOWN).map((m) => (
            <li key={m.key}>
              <button type="button" className="group-member" onClick={() => onShowSpan(m.key)} data-testid="group-member" data-span-key={m.key}
                title="Show this span in the waterfall">
                <span className="mono group-member-dur">{formatDuration(m.durationMs)}</span>
                <span className="ellipsis">{m.span.name ?? m.span.spanId ?? 'span'}</span>
                <span className="muted small mono">{m.span.startMs !== null ? offsetLabel(m.span.startMs, traceStart) : ''}</span>
              </button>
            </li>
          ))}
        </ol>
        <h4>Errors inside ({errorsInside.length})</h4>
        {errorsInside.length === 0 && problemsInside.length === 0 && <p className="muted small">No error or performance issue in these spans.</p>}
        <ul className="trace-error-list" data-testid="group-errors">
          {errorsInside.map((e) => (
            <li key={e.eventId}>
              <a href={e.issueId !== null ? hrefOf({ name: 'issue', issueId: e.issueId, eventId: e.eventId }) : hrefOf({ name: 'event', eventId: e.eventId })}
                data-testid="group-error-link">
                <LevelBadge level={e.level} />
                <span className="trace-error-title ellipsis" title={e.title}>{e.title}</span>
                <span className="muted small mono">{offsetLabel(e.timestamp, traceStart)}</span>
              </a>
            </li>
          ))}
          {problemsInside.map((p) => (
            <li key={p.eventId}>
              <a href={hrefOf({ name: 'issue', issueId: p.issueId, eventId: p.eventId })} data-testid="group-problem-link">
                <span className="trace-perf-badge">Perf</span>
                <span className="trace-error-title ellipsis" title={p.title}>{p.title}</span>
                <span className="muted small mono">{offsetLabel(p.timestamp, traceStart)}</span>
              </a>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
