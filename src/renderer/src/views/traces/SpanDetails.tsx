import type { TraceSpan } from '../../../../shared/api-types';
import { KeyValueTable, rowsOf, type KeyValueRow } from '../../components/KeyValueTable';
import { offsetLabel } from '../../lib/format';
import { formatDuration } from '../../lib/trace-tree';
import { hrefOf } from '../../routing/navigation';

/** The selected span: its identity, timing and data/attributes. */
export function SpanDetails({ span, traceStart, projectName, onClose }: {
  span: TraceSpan; traceStart: number; projectName: string | null; onClose: () => void;
}) {
  const facts: KeyValueRow[] = [
    ['op', span.op], ['name', span.name], ['status', span.status ?? '—'], ['span id', span.spanId], ['parent span id', span.parentSpanId ?? '—'],
    ['starts at', span.startMs !== null ? offsetLabel(span.startMs, traceStart) : '—'],
    ['duration', formatDuration(span.startMs !== null && span.endMs !== null ? span.endMs - span.startMs : null)],
    ['project', projectName ?? span.projectId],
  ];
  return (
    <section className="section span-details" data-testid="span-details">
      <header className="section-head">
        <h3 className="ellipsis">{span.op ? `${span.op} · ` : ''}{span.name ?? span.spanId ?? 'span'}</h3>
        <div className="section-actions">
          {span.transactionEventId && (
            <a className="btn btn-small" href={hrefOf({ name: 'event', eventId: span.transactionEventId })} data-testid="span-transaction-link">Transaction event</a>
          )}
          <button type="button" className="btn btn-small btn-ghost" onClick={onClose} aria-label="Close span details">✕</button>
        </div>
      </header>
      <div className="section-body">
        <KeyValueTable rows={facts} testId="span-facts" />
        <h4>Data</h4>
        <KeyValueTable rows={rowsOf(span.data)} testId="span-data" emptyText="No data or attributes." />
      </div>
    </section>
  );
}
