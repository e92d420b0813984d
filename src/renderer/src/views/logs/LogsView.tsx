import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { navigate } from '../../routing/navigation';
import type { LogFilters } from '../../routing/route';
import { useStore } from '../../store';
import { useProjectNames } from '../../store/use-project-names';
import { useReloadOnReconnect } from '../../store/use-retry-on-reconnect';
import { LOG_ROW_HEIGHT, LogRow } from './LogRow';
import { LogSearchBox } from './LogSearchBox';
import { withAttributeFilter } from './log-search-suggest';
import './log-search.css';

const SEARCH_DEBOUNCE_MS = 250;
const PREFETCH_ROWS = 30;
const LEVELS: [string | undefined, string][] = [
  [undefined, 'All'], ['trace', 'Trace'], ['debug', 'Debug'], ['info', 'Info'], ['warn', 'Warn'], ['error', 'Error'], ['fatal', 'Fatal'],
];

function go(filters: LogFilters): void {
  navigate({ name: 'logs', filters }, { replace: true });
}

/** Search (body text and Sentry's `key:value` attribute filters), level and project filters, written to the URL. */
function LogFiltersBar({ filters }: { filters: LogFilters }) {
  const projects = useStore((s) => s.projects);
  const [text, setText] = useState(filters.query ?? '');
  useEffect(() => setText(filters.query ?? ''), [filters.query]);
  useEffect(() => {
    if ((filters.query ?? '') === text.trim()) return;
    const t = window.setTimeout(() => go({ ...filters, query: text.trim() || undefined }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [text, filters]);
  return (
    <div className="filters-row logs-filters">
      <LogSearchBox value={text} searched={filters.query ?? ''} onChange={setText} />
      <div className="segmented" role="group" aria-label="Level">
        {LEVELS.map(([value, label]) => (
          <button key={label} type="button" className={filters.level === value ? 'active' : ''} aria-pressed={filters.level === value}
            onClick={() => go({ ...filters, level: value })} data-testid={`logs-level-${value ?? 'all'}`}>{label}</button>
        ))}
      </div>
      {projects.length > 1 && (
        <select value={filters.project ?? ''} aria-label="Project" data-testid="logs-project"
          onChange={(e) => go({ ...filters, project: e.target.value ? Number(e.target.value) : undefined })}>
          <option value="">All projects</option>
          {projects.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      )}
      {filters.trace && (
        <span className="chip" data-testid="logs-trace-filter">
          <span className="chip-key">trace</span>
          <span className="mono">{filters.trace.slice(0, 8)}</span>
          <button type="button" className="link-btn chip-clear" aria-label="Clear the trace filter" onClick={() => go({ ...filters, trace: undefined })}>✕</button>
        </span>
      )}
    </div>
  );
}

/** `#/logs`: every log record, newest first, live, virtualized; a row expands to its attributes. */
export function LogsView({ filters }: { filters: LogFilters }) {
  const rows = useStore((s) => s.logRows);
  const cursor = useStore((s) => s.logCursor);
  const loaded = useStore((s) => s.logsLoaded);
  const loading = useStore((s) => s.logsLoading);
  const error = useStore((s) => s.logsError);
  const topInsertions = useStore((s) => s.logTopInsertions);
  const setFilters = useStore((s) => s.setLogFilters);
  const setActive = useStore((s) => s.setLogsActive);
  const loadMore = useStore((s) => s.loadMoreLogs);
  const reload = useStore((s) => s.reloadLogs);
  const names = useProjectNames();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastInsertions = useRef(topInsertions);

  useEffect(() => setFilters(filters), [filters, setFilters]);
  useReloadOnReconnect(useStore((s) => s.logsError !== null), useStore((s) => s.reloadLogs));
  useEffect(() => {
    setActive(true);
    // Rows may have arrived while the view was closed (nothing refetched then).
    if (useStore.getState().logsLoaded) void useStore.getState().refreshNewestLogs();
    return () => setActive(false);
  }, [setActive]);
  const toggle = useCallback((id: number) => setOpen((prev) => {
    const next = new Set(prev);
    if (next.has(id)) next.delete(id); else next.add(id);
    return next;
  }), []);

  // The filter takes effect at once (no debounce): the click is a finished choice.
  const filterOn = useCallback((key: string, value: string) => {
    go({ ...filters, query: withAttributeFilter(filters.query ?? '', key, value) });
  }, [filters]);

  const getItemKey = useCallback((i: number) => rows[i]?.id ?? i, [rows]);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => LOG_ROW_HEIGHT, overscan: 12, getItemKey });
  // Rows inserted live above keep what the reader looks at in place.
  useLayoutEffect(() => {
    const added = topInsertions - lastInsertions.current;
    lastInsertions.current = topInsertions;
    const el = scrollRef.current;
    if (added > 0 && el && el.scrollTop > 0) el.scrollTop += added * LOG_ROW_HEIGHT;
  }, [topInsertions]);
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => { if (cursor && last >= rows.length - PREFETCH_ROWS) void loadMore(); }, [cursor, last, rows.length, loadMore]);
  const filtered = Boolean(filters.level || filters.query || filters.trace || filters.project);

  return (
    <div className="view logs-view" data-testid="logs-view">
      <header className="view-head">
        <h1>Logs</h1>
        <span className="muted small" data-testid="logs-count">{rows.length.toLocaleString()}{cursor ? '+' : ''} shown</span>
        {loading && <span className="spinner" aria-label="Loading" />}
      </header>
      <LogFiltersBar filters={filters} />
      {error && <div className="error-box" role="alert">Could not load logs: {error} <button type="button" className="link-btn" onClick={() => void reload()}>Retry</button></div>}
      {loaded && rows.length === 0 && !error && (
        <div className="empty" data-testid="logs-empty">
          {filtered ? <p>No log matches these filters{cursor ? ' among the newest rows' : ''}.</p>
            : <p>No log received yet. Call <code className="mono">Sentry.logger.info(…)</code> (SDK 10+; older SDKs need <code className="mono">enableLogs: true</code>).</p>}
        </div>
      )}
      <div className="stream-scroll logs-scroll" ref={scrollRef} data-testid="logs-list" hidden={rows.length === 0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const log = rows[v.index];
            if (!log) return null;
            return (
              <div key={v.key} className="virtual-row" ref={virtualizer.measureElement} data-index={v.index} style={{ transform: `translateY(${v.start}px)` }}>
                <LogRow log={log} project={names.get(log.projectId) ?? null} open={open.has(log.id)} onToggle={toggle} onFilter={filterOn} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
