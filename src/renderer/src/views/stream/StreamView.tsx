import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { navigate } from '../../routing/navigation';
import type { StreamKind } from '../../routing/route';
import { useStore } from '../../store';
import { useProjectNames } from '../../store/use-project-names';
import { useReloadOnReconnect } from '../../store/use-retry-on-reconnect';
import type { StreamEntry } from '../../store/stream-slice';
import { StreamRow, STREAM_ROW_HEIGHT } from './StreamRow';

const FILTERS: [StreamKind, string, (e: StreamEntry) => boolean][] = [
  ['all', 'All', () => true],
  ['errors', 'Errors', (e) => e.kind === 'item' && e.item.kind === 'event'],
  ['transactions', 'Traces', (e) => e.kind === 'item' && (e.item.kind === 'transaction' || e.item.kind === 'span')],
  ['logs', 'Logs', (e) => e.kind === 'item' && e.item.kind === 'log'],
  ['sessions', 'Sessions', (e) => e.kind === 'item' && (e.item.kind === 'session' || e.item.kind === 'sessions')],
  ['check_ins', 'Check-ins', (e) => e.kind === 'item' && e.item.kind === 'check_in'],
  ['feedback', 'Feedback', (e) => e.kind === 'item' && (e.item.kind === 'feedback' || e.item.kind === 'user_report')],
  ['replays', 'Replays', (e) => e.kind === 'item' && e.item.kind.startsWith('replay')],
  ['reports', 'Client reports', (e) => e.kind === 'item' && e.item.kind === 'client_report'],
  ['rejected', 'Rejected', (e) => e.kind === 'rejected'],
];

/**
 * Every received item and rejected request, live, newest first, virtualized. The tab is in the
 * URL (`kind`), so Back, a reload or a shared link keep it; a picked tab is a history entry.
 */
export function StreamView({ kind: filter }: { kind: StreamKind }) {
  const entries = useStore((s) => s.streamEntries);
  const loaded = useStore((s) => s.streamLoaded);
  const loading = useStore((s) => s.streamLoading);
  const error = useStore((s) => s.streamError);
  const cursor = useStore((s) => s.streamCursor);
  const load = useStore((s) => s.loadStream);
  const loadMore = useStore((s) => s.loadMoreStream);
  const scrollRef = useRef<HTMLDivElement>(null);

  useEffect(() => { if (!loaded) void load(); }, [loaded, load]);
  useReloadOnReconnect(error !== null, load);
  const predicate = FILTERS.find(([id]) => id === filter)?.[2] ?? (() => true);
  const shown = useMemo(() => (filter === 'all' ? entries : entries.filter(predicate)), [entries, filter, predicate]);
  const names = useProjectNames();

  const getItemKey = useCallback((i: number) => shown[i]?.key ?? i, [shown]);
  const virtualizer = useVirtualizer({
    count: shown.length, getScrollElement: () => scrollRef.current, estimateSize: () => STREAM_ROW_HEIGHT, overscan: 10, getItemKey,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => { if (cursor && last >= shown.length - 20) void loadMore(); }, [cursor, last, shown.length, loadMore]);

  return (
    <div className="view stream-view">
      <header className="view-head">
        <h1>Stream</h1>
        <span className="muted small">{entries.length.toLocaleString()} received{cursor ? '+' : ''}</span>
        {loading && <span className="spinner" aria-label="Loading" />}
      </header>
      <div className="segmented stream-filters" role="group" aria-label="Item type">
        {FILTERS.map(([id, label]) => (
          <button key={id} type="button" className={filter === id ? 'active' : ''} aria-pressed={filter === id} onClick={() => navigate({ name: 'stream', kind: id })} data-testid={`stream-filter-${id}`}>{label}</button>
        ))}
      </div>
      {error && <div className="error-box" role="alert">Could not load the stream: {error}</div>}
      {loaded && shown.length === 0 && <div className="empty"><p>Nothing received{filter !== 'all' ? ' of this kind' : ''} yet.</p></div>}
      <div className="stream-scroll" ref={scrollRef} data-testid="stream-list">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const entry = shown[v.index];
            if (!entry) return null;
            return (
              <div key={v.key} className="virtual-row" ref={virtualizer.measureElement} data-index={v.index} style={{ transform: `translateY(${v.start}px)` }}>
                <StreamRow entry={entry} project={entry.kind === 'item' ? names.get(entry.item.projectId) ?? null : null} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
