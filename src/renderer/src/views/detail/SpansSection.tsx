import type { PerformanceEvidence } from '../../../../shared/api-performance';
import type { SentryEvent } from '../../../../shared/sentry';
import { Section } from '../../components/Section';
import { toMillis } from '../../lib/format';

const MAX_SPANS = 1000;

interface SpanRow { id: string; op: string; description: string; start: number | null; end: number | null; status: string }

function spanRows(event: SentryEvent): SpanRow[] {
  const spans: unknown = event.spans;
  if (!Array.isArray(spans)) return [];
  return spans.slice(0, MAX_SPANS).flatMap((s): SpanRow[] => {
    if (typeof s !== 'object' || s === null) return [];
    const r = s as Record<string, unknown>;
    return [{
      id: typeof r.span_id === 'string' ? r.span_id : '',
      op: typeof r.op === 'string' ? r.op : '',
      description: typeof r.description === 'string' ? r.description : '',
      start: toMillis(r.start_timestamp), end: toMillis(r.timestamp),
      status: typeof r.status === 'string' ? r.status : '',
    }];
  });
}

/** A transaction's spans as a simple waterfall; a performance problem's offending spans (and the spans that caused them: an N+1's source query, the run of consecutive queries) marked. */
export function SpansSection({ event, evidence }: { event: SentryEvent; evidence?: PerformanceEvidence }) {
  const offenders = new Set(evidence?.offenderSpanIds);
  const causes = new Set(evidence?.causeSpanIds);
  const rows = spanRows(event);
  const start = toMillis(event.start_timestamp);
  const end = toMillis(event.timestamp);
  if (rows.length === 0 || start === null || end === null || end <= start) return null;
  const total = end - start;
  return (
    <Section title={`Spans (${Array.isArray(event.spans) ? event.spans.length : 0})`} testId="spans">
      <div className="spans">
        {rows.map((r, i) => {
          const left = r.start !== null ? Math.max(0, Math.min(100, ((r.start - start) / total) * 100)) : 0;
          const width = r.start !== null && r.end !== null ? Math.max(0.5, Math.min(100 - left, ((r.end - r.start) / total) * 100)) : 0.5;
          return (
            <div className={`span-row${offenders.has(r.id) ? ' is-offender' : causes.has(r.id) ? ' is-cause' : ''}`} key={i} data-testid="span-row"
              data-offender={offenders.has(r.id) ? 'true' : undefined} data-cause={causes.has(r.id) && !offenders.has(r.id) ? 'true' : undefined}>
              <span className="span-label ellipsis" title={`${r.op} ${r.description}`}><strong>{r.op}</strong> {r.description}</span>
              <span className="span-track"><span className="span-bar" style={{ left: `${left}%`, width: `${width}%` }} /></span>
              <span className="span-dur mono small">{r.start !== null && r.end !== null ? `${(r.end - r.start).toFixed(1)}ms` : ''}</span>
            </div>
          );
        })}
      </div>
    </Section>
  );
}
