import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef } from 'react';
import type { LogEntry, TraceError, TracePerformanceIssue } from '../../../../shared/api-types';
import { stripAnsi } from '../../../../shared/ansi';
import { AnsiText } from '../../components/AnsiText';
import { LevelBadge, levelClass } from '../../components/LevelBadge';
import { offsetLabel } from '../../lib/format';
import { moreTraceErrorsText, traceErrorCountText } from '../../lib/trace-error-count';
import { hrefOf } from '../../routing/navigation';

const LOG_ROW_HEIGHT = 44;
/** Errors rendered at once; a trace rarely has more, and each links to its issue anyway. */
const MAX_ERRORS_SHOWN = 200;

function errorHref(e: TraceError): string {
  return e.issueId !== null ? hrefOf({ name: 'issue', issueId: e.issueId, eventId: e.eventId }) : hrefOf({ name: 'event', eventId: e.eventId });
}

/** Shows the span in the waterfall (opening a group it is in) and selects it. */
function ShowSpanButton({ spanId, onShowSpan }: { spanId: string; onShowSpan: (spanId: string) => void }) {
  return (
    <button type="button" className="btn btn-small btn-ghost trace-show-span" onClick={() => onShowSpan(spanId)}
      data-testid="trace-show-span" data-span-id={spanId} title="Show its span in the waterfall">Span</button>
  );
}

/** The trace's error events, each linking to its event inside its issue. */
export function TraceErrors({ errors, total = errors.length, startMs, spanKey, onShowSpan }: {
  errors: TraceError[]; total?: number; startMs: number; spanKey: string | null; onShowSpan?: (spanId: string) => void;
}) {
  const shown = Math.min(errors.length, MAX_ERRORS_SHOWN);
  return (
    <section className="trace-aside-section" data-testid="trace-errors">
      <h2 className="aside-title">Errors ({traceErrorCountText(total)})</h2>
      {errors.length === 0 && <p className="muted small">No error event carries this trace id.</p>}
      <ul className="trace-error-list">
        {errors.slice(0, MAX_ERRORS_SHOWN).map((e) => (
          <li key={e.eventId} className={spanKey !== null && e.spanId === spanKey ? 'is-in-span' : ''}>
            <a href={errorHref(e)} data-testid="trace-error-link" data-event-id={e.eventId}>
              <LevelBadge level={e.level} />
              <span className="trace-error-title ellipsis" title={e.title}>{e.title}</span>
              <span className="muted small mono">{offsetLabel(e.timestamp, startMs)}</span>
            </a>
            {e.spanId && onShowSpan && <ShowSpanButton spanId={e.spanId} onShowSpan={onShowSpan} />}
          </li>
        ))}
      </ul>
      {total > shown && <p className="muted small" data-testid="trace-errors-more">{moreTraceErrorsText(total, shown)} more errors not listed.</p>}
    </section>
  );
}

/**
 * The performance issues the trace's transactions are in, as Sentry's trace view lists them: the
 * issue's type and repeating span, each linking to the problem's event inside its issue.
 */
export function TracePerformanceIssues({ issues, startMs, spanKey, onShowSpan }: {
  issues: TracePerformanceIssue[]; startMs: number; spanKey: string | null; onShowSpan?: (spanId: string) => void;
}) {
  if (issues.length === 0) return null;
  return (
    <section className="trace-aside-section" data-testid="trace-performance-issues">
      <h2 className="aside-title">Performance issues ({issues.length})</h2>
      <ul className="trace-error-list">
        {issues.map((p) => {
          // "Span" shows where the problem is: its first offending span (opening its group), else its transaction.
          const shown = p.offenderSpanIds[0] ?? p.spanId;
          const inSpan = spanKey !== null && (p.spanId === spanKey || p.offenderSpanIds.includes(spanKey));
          return (
            <li key={p.eventId} className={inSpan ? 'is-in-span' : ''}>
              <a href={hrefOf({ name: 'issue', issueId: p.issueId, eventId: p.eventId })} data-testid="trace-performance-issue"
                data-issue-id={p.issueId} data-span-id={p.spanId ?? ''}>
                <span className="trace-perf-badge">Perf</span>
                <span className="trace-perf-text ellipsis" title={p.value ? `${p.title}: ${p.value}` : p.title}>
                  <span className="trace-error-title">{p.title}</span>
                  {p.value && <span className="muted small mono"> {p.value}</span>}
                </span>
                <span className="muted small mono" data-testid="trace-performance-offset" data-offset-ms={p.timestamp - startMs}
                  title="When its first offending span started">{offsetLabel(p.timestamp, startMs)}</span>
              </a>
              {shown && onShowSpan && <ShowSpanButton spanId={shown} onShowSpan={onShowSpan} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The trace's logs in time order, virtualized, with a link to the Logs view filtered on the trace. */
export function TraceLogs({ traceId, logs, truncated, startMs, spanKey }: {
  traceId: string; logs: LogEntry[]; truncated: boolean; startMs: number; spanKey: string | null;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const getItemKey = useCallback((i: number) => logs[i]?.id ?? i, [logs]);
  const virtualizer = useVirtualizer({ count: logs.length, getScrollElement: () => scrollRef.current, estimateSize: () => LOG_ROW_HEIGHT, overscan: 8, getItemKey });
  return (
    <section className="trace-aside-section" data-testid="trace-logs">
      <h2 className="aside-title">
        Logs ({logs.length}{truncated ? '+' : ''})
        {logs.length > 0 && <a className="trace-logs-open" href={hrefOf({ name: 'logs', filters: { trace: traceId } })} data-testid="trace-logs-open">Open in Logs</a>}
      </h2>
      {logs.length === 0 && <p className="muted small">No log of this trace was received.</p>}
      {logs.length > 0 && (
        <div className="trace-log-scroll" ref={scrollRef} style={{ height: Math.min(logs.length * LOG_ROW_HEIGHT + 2, 420) }}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const log = logs[v.index];
              if (!log) return null;
              return (
                <div key={v.key} className={`virtual-row trace-log${spanKey !== null && log.spanId === spanKey ? ' is-in-span' : ''}`}
                  style={{ transform: `translateY(${v.start}px)`, height: LOG_ROW_HEIGHT }} data-testid="trace-log" data-level={log.level ?? ''}>
                  <span className={`level-text level-${levelClass(log.level)} small`}>{log.level ?? 'log'}</span>
                  <span className="muted small mono trace-log-offset">{offsetLabel(log.timestamp, startMs)}</span>
                  <span className="trace-log-body ellipsis mono" title={stripAnsi(log.body)}><AnsiText text={log.body} /></span>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
