import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TraceSummary } from '../../../../shared/api-types';
import { RelativeTime } from '../../components/RelativeTime';
import { formatDuration } from '../../lib/trace-tree';
import { hrefOf, navigate, useRoute } from '../../routing/navigation';
import { useStore } from '../../store';
import { useProjectNames } from '../../store/use-project-names';
import { useRetryOnReconnect } from '../../store/use-retry-on-reconnect';
import { OrphanRowNote } from './OrphanRootNote';
import { WebVitalsView } from './WebVitalsView';

const ROW_HEIGHT = 48;
const PREFETCH_ROWS = 20;
const SEARCH_DEBOUNCE_MS = 250;

function TraceRow({ trace, project }: { trace: TraceSummary; project: string | null }) {
  const href = hrefOf({ name: 'trace', traceId: trace.traceId });
  return (
    <div className="trace-row" data-testid="trace-row" data-trace-id={trace.traceId}>
      <a className="trace-row-main" href={href}>
        <span className="trace-row-title ellipsis">
          {trace.rootOp && <span className="span-wf-op">{trace.rootOp}</span>}
          <strong title={trace.rootName ?? trace.traceId}>{trace.rootName ?? trace.traceId}</strong>
          {trace.rootMissing === true && <OrphanRowNote />}
        </span>
        <span className="muted small mono">{trace.traceId.slice(0, 8)}{project ? ` · ${project}` : ''}</span>
      </a>
      <span className="trace-row-num mono small">{formatDuration(trace.durationMs)}</span>
      <span className="trace-row-num small">{trace.spanCount > 10_000 ? '10,000+' : trace.spanCount.toLocaleString()} span{trace.spanCount === 1 ? '' : 's'}</span>
      <span className={`trace-row-num small${trace.errorCount ? ' error-text' : ' muted'}`} data-testid="trace-row-errors">
        {trace.errorCount} error{trace.errorCount === 1 ? '' : 's'}
      </span>
      {/* The list runs by arrival: the time shown is when its newest spans came. */}
      <RelativeTime ms={trace.lastReceivedMs ?? trace.startMs} testId="trace-row-time" />
    </div>
  );
}

/** The list's two sections: traces, and Sentry's Web Vitals page (`#/traces?view=vitals`). */
function SectionTabs({ project, vitals }: { project?: number; vitals: boolean }) {
  return (
    <nav className="web-vitals-tabs" aria-label="Traces sections">
      <a href={hrefOf({ name: 'traces', project })} aria-current={vitals ? undefined : 'page'} data-testid="tab-traces">Traces</a>
      <a href={hrefOf({ name: 'traces', project, view: 'vitals' })} aria-current={vitals ? 'page' : undefined} data-testid="tab-web-vitals">Web Vitals</a>
    </nav>
  );
}

/** `#/traces`: traces by newest activity, live, virtualized with cursor paging; or, with `view=vitals`, the pages' web vitals. */
export function TracesView({ project, query }: { project?: number; query: string }) {
  const route = useRoute();
  if (route.name === 'traces' && route.view === 'vitals') {
    return (
      <div className="view traces-view" data-testid="traces-view">
        <header className="view-head"><h1>Web Vitals</h1></header>
        <SectionTabs project={project} vitals />
        <WebVitalsView project={project} hours={route.hours ?? 24} />
      </div>
    );
  }
  return <TraceList project={project} query={query} />;
}

function TraceList({ project, query }: { project?: number; query: string }) {
  const rows = useStore((s) => s.traceRows);
  const cursor = useStore((s) => s.traceCursor);
  const loaded = useStore((s) => s.tracesLoaded);
  const loading = useStore((s) => s.tracesLoading);
  const error = useStore((s) => s.tracesError);
  const load = useStore((s) => s.loadTraces);
  const setActive = useStore((s) => s.setTracesActive);
  const loadMore = useStore((s) => s.loadMoreTraces);
  const names = useProjectNames();
  const scrollRef = useRef<HTMLDivElement>(null);

  const retry = useRetryOnReconnect(useStore((s) => s.tracesError !== null));
  useEffect(() => { void load(project, query); }, [project, query, load, retry]);
  const [text, setText] = useState(query);
  useEffect(() => setText(query), [query]);
  useEffect(() => {
    if (text.trim() === query) return;
    const t = window.setTimeout(() => navigate({ name: 'traces', project, query: text.trim() || undefined }, { replace: true }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [text, query, project]);
  useEffect(() => { setActive(true); return () => setActive(false); }, [setActive]);
  const getItemKey = useCallback((i: number) => rows[i]?.traceId ?? i, [rows]);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10, getItemKey });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => { if (cursor && last >= rows.length - PREFETCH_ROWS) void loadMore(); }, [cursor, last, rows.length, loadMore]);

  return (
    <div className="view traces-view" data-testid="traces-view">
      <header className="view-head">
        <h1>Traces</h1>
        <span className="muted small">{rows.length.toLocaleString()}{cursor ? '+' : ''} trace{rows.length === 1 && !cursor ? '' : 's'}</span>
        {loading && <span className="spinner" aria-label="Loading" />}
      </header>
      <SectionTabs project={project} vitals={false} />
      <div className="filters-row">
        <input className="search-input" type="search" placeholder="Search spans: text, span.op:db, span.description:*sales*, span.duration:>500ms, has:error" value={text}
          onChange={(e) => setText(e.target.value)} aria-label="Search traces" data-testid="trace-search" />
      </div>
      {error && <div className="error-box" role="alert">Could not load traces: {error}</div>}
      {loaded && rows.length === 0 && !error && query !== '' && (
        <div className="empty" data-testid="traces-empty"><p>No trace with a span that matches “{query}” among the newest ones. Free text matches any span&apos;s op or
          description; filters: <code className="mono">span.op:db</code>, <code className="mono">span.description:*sales*</code>,{' '}
          <code className="mono">span.duration:&gt;500ms</code>, <code className="mono">has:error</code>.</p></div>
      )}
      {loaded && rows.length === 0 && !error && query === '' && (
        <div className="empty" data-testid="traces-empty">
          <p>No trace received yet. Set <code className="mono">tracesSampleRate</code> (for example 1.0) in the SDK and
            wrap work in <code className="mono">Sentry.startSpan()</code>.</p>
        </div>
      )}
      {rows.length > 0 && (
        <div className="stream-scroll" ref={scrollRef} data-testid="traces-list">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((v) => {
              const trace = rows[v.index];
              if (!trace) return null;
              return (
                <div key={v.key} className="virtual-row" style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}>
                  <TraceRow trace={trace} project={names.get(trace.projectId) ?? null} />
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
