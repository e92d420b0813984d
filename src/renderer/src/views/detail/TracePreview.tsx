import type { TraceDetail, TraceSpan } from '../../../../shared/api-types';
import { httpMethodSpanName } from '../../../../shared/http-span-name';
import { placeErrorInTrace, type ErrorTraceRef } from '../../../../shared/trace-path';
import { formatDuration } from '../../lib/trace-tree';
import { hrefOf } from '../../routing/navigation';

/** Steps shown at most: the root and the spans nearest the event. */
const STEPS_SHOWN = 6;

const nameOf = (s: TraceSpan): string => httpMethodSpanName(s.name, (key) => s.data[key]) ?? s.name ?? s.op ?? s.spanId ?? 'span';

/**
 * A compact preview of the event's trace, as Sentry's issue page has one: its path from the
 * trace's root down to the span it happened in, each step with its op, name and duration and a link
 * that opens the trace at that span. The event is placed as its bug report places it: in the span it
 * names while that span was open, else in the innermost span open at its time. Span names are event
 * data: rendered as text.
 */
export function TracePreview({ trace, errorRef, projectName }: { trace: TraceDetail; errorRef: ErrorTraceRef; projectName: (id: number) => string | null }) {
  const { chain, placement } = placeErrorInTrace(trace.spans, errorRef);
  const found = placement === 'named' || placement === 'by-time';
  if (chain.length === 0) return null;
  const steps = chain.length > STEPS_SHOWN ? [chain[0]!, ...chain.slice(chain.length - (STEPS_SHOWN - 1))] : chain;
  const cut = chain.length - steps.length;
  return (
    <ol className="trace-preview" data-testid="trace-preview" aria-label={found ? 'Where in its trace the event happened' : 'The root of its trace'}>
      {steps.map((s, i) => {
        const ms = s.startMs !== null && s.endMs !== null ? s.endMs - s.startMs : null;
        const here = found && i === steps.length - 1;
        const service = i === 0 || steps[i - 1]?.projectId !== s.projectId ? projectName(s.projectId) : null;
        return (
          <li key={s.spanId ?? i} style={{ paddingLeft: `${Math.min(i, 8) * 12}px` }} data-testid="trace-preview-step" data-here={here}>
            {i === 1 && cut > 0 && <span className="muted small">… {cut} spans between · </span>}
            <a href={hrefOf({ name: 'trace', traceId: trace.traceId, ...(s.spanId ? { span: s.spanId } : {}) })}>
              {s.op && <span className="span-wf-op">{s.op}</span>} <span>{nameOf(s)}</span>
            </a>
            <span className="muted small mono"> {formatDuration(ms)}</span>
            {service && <span className="muted small"> · {service}</span>}
            {here && <strong className="small"> ← this event</strong>}
          </li>
        );
      })}
    </ol>
  );
}
