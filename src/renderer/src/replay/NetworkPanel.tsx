import { useMemo, useState } from 'react';
import type { ReplayNetworkEntry } from '../../../shared/api-types';
import { NetworkDetails } from './NetworkDetails';
import { formatBytes, formatDuration, matchesType, pathOf, type NetworkTypeFilter } from './network-format';
import { activeMarkerIndex, formatClock } from './replay-time';
import { rowState, useFollowRow } from './use-follow-row';

interface NetworkPanelProps {
  entries: readonly ReplayNetworkEntry[];
  startMs: number;
  currentMs: number;
  /** Counts the player's seeks: each one brings the active row into view. */
  seekSerial: number;
  onSeek: (offsetMs: number) => void;
}

const TYPE_FILTERS: readonly [NetworkTypeFilter, string][] = [['', 'All types'], ['request', 'Fetch / XHR'], ['navigation', 'Page loads'], ['resource', 'Resources']];

/**
 * The replay's Network tab, as Sentry's: every request, page load and loaded resource with its
 * status, path, type, size, duration and start; a row seeks the player and opens its details
 * (headers and bodies when the SDK captured them). The list follows playback.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/replays/detail/network/index.tsx
 */
export function NetworkPanel({ entries, startMs, currentMs, seekSerial, onSeek }: NetworkPanelProps) {
  const [type, setType] = useState<NetworkTypeFilter>('');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<ReplayNetworkEntry | null>(null);
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return entries.filter((e) => matchesType(e.op, type) && (!needle || e.url.toLowerCase().includes(needle)
      || e.method.toLowerCase() === needle || String(e.statusCode ?? '').startsWith(needle)));
  }, [entries, type, search]);
  const activeIndex = activeMarkerIndex(shown, startMs, currentMs);
  const activeRef = useFollowRow<HTMLLIElement>(activeIndex, seekSerial);

  return (
    <div className="replay-panel" data-testid="replay-network">
      <div className="replay-panel-filters">
        <select value={type} onChange={(e) => setType(e.target.value as NetworkTypeFilter)} aria-label="Filter by type" data-testid="replay-network-type">
          {TYPE_FILTERS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search URL, method or status"
          aria-label="Search network requests" data-testid="replay-network-search" />
      </div>
      {shown.length === 0 ? (
        <p className="muted small replay-crumbs-empty">{entries.length === 0 ? 'No network request was recorded.' : 'No request matches.'}</p>
      ) : (
        <ol className="replay-crumbs network-rows">
          {shown.map((entry, index) => {
            const offset = Math.max(0, entry.timestamp - startMs);
            const failed = entry.statusCode !== null && entry.statusCode >= 400;
            return (
              <li key={index} ref={index === activeIndex ? activeRef : undefined}
                className={`crumb network-row ${rowState(index, activeIndex)}${failed ? ' is-failed' : ''}${entry === selected ? ' is-selected' : ''}`}>
                <button type="button" className="crumb-seek" data-testid="replay-network-row" data-offset={Math.round(offset)} data-type={entry.type}
                  aria-pressed={entry === selected} title={entry.url} onClick={() => { setSelected(entry); onSeek(offset); }}>
                  <span className="crumb-kind"><span className="network-status">{entry.statusCode ?? '—'}</span> {entry.method} · {entry.type}</span>
                  <span className="crumb-time mono">{formatClock(offset)}</span>
                  <span className="crumb-label mono network-path">{pathOf(entry.url)}</span>
                  <span className="network-figures muted small">{formatBytes(entry.size)} · {formatDuration(entry.durationMs)}</span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {selected && <NetworkDetails entry={selected} startMs={startMs} onClose={() => setSelected(null)} />}
    </div>
  );
}
