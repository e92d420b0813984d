import type { TraceSpan } from '../../../../shared/api-types';

/**
 * Says, as Sentry's trace view does ("Missing instrumentation", orphan spans), that the span the
 * waterfall starts from names a parent that was never received: the trace began in a service that
 * does not send to Lookout (a browser without the SDK, a proxy), or that service's spans were dropped.
 * The root is an orphan, not late: nothing here waits for it.
 * @see https://docs.sentry.io/concepts/key-terms/tracing/trace-view/
 */
export function OrphanRootNote({ root, spans }: { root: TraceSpan | null; spans: readonly TraceSpan[] }) {
  const parent = root?.parentSpanId;
  if (!root || !parent || spans.some((s) => s.spanId === parent)) return null;
  return (
    <div className="notice" role="note" data-testid="trace-orphan-note">
      <strong>Missing instrumentation · orphan spans:</strong> the parent span <code className="mono">{parent}</code> of{' '}
      <span>{root.name ?? root.op ?? 'the first span'}</span> was not received. The trace began in a service that does not send to
      Lookout, or its spans were dropped; the waterfall starts below it.
    </div>
  );
}

/** The trace list's note on a trace whose earliest span has a parent never received. */
export function OrphanRowNote() {
  return (
    <span className="muted small" data-testid="trace-row-no-root"
      title="Missing instrumentation · orphan spans: the trace's earliest span names a parent span that was not received (the trace began in a service that does not send to Lookout). Named after its earliest span.">
      · parent span not received
    </span>
  );
}
