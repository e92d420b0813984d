import { useMemo, useState } from 'react';
import type { ReplayConsoleEntry } from '../../../shared/api-types';
import { activeMarkerIndex, formatClock } from './replay-time';
import { rowState, useFollowRow } from './use-follow-row';

/** Sentry's console levels, grouped as its replay Console tab filters them. */
const LEVEL_GROUPS: Record<string, string> = { warn: 'warning', warning: 'warning', error: 'error', assert: 'error', debug: 'debug', trace: 'debug' };
const levelGroup = (level: string): string => LEVEL_GROUPS[level] ?? 'info';
const FILTERS = [['', 'All levels'], ['info', 'Log / info'], ['warning', 'Warning'], ['error', 'Error'], ['debug', 'Debug']] as const;

interface ConsolePanelProps {
  entries: readonly ReplayConsoleEntry[];
  startMs: number;
  currentMs: number;
  /** Counts the player's seeks: each one brings the active row into view. */
  seekSerial: number;
  onSeek: (offsetMs: number) => void;
}

/**
 * The replay's Console tab, as Sentry's: each console call with its level, time and arguments,
 * filtered by level and searched by text; a row seeks the player, and the list follows playback.
 * Arguments are the page's own text, shown as text.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/replays/detail/console/index.tsx
 */
export function ConsolePanel({ entries, startMs, currentMs, seekSerial, onSeek }: ConsolePanelProps) {
  const [level, setLevel] = useState('');
  const [search, setSearch] = useState('');
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return entries.filter((e) => (!level || levelGroup(e.level) === level)
      && (!needle || e.message.toLowerCase().includes(needle) || e.args.some((a) => a.toLowerCase().includes(needle))));
  }, [entries, level, search]);
  const activeIndex = activeMarkerIndex(shown, startMs, currentMs);
  const activeRef = useFollowRow<HTMLLIElement>(activeIndex, seekSerial);

  return (
    <div className="replay-panel" data-testid="replay-console">
      <div className="replay-panel-filters">
        <select value={level} onChange={(e) => setLevel(e.target.value)} aria-label="Filter by level" data-testid="replay-console-level">
          {FILTERS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search console logs"
          aria-label="Search console logs" data-testid="replay-console-search" />
      </div>
      {shown.length === 0 ? (
        <p className="muted small replay-crumbs-empty">{entries.length === 0 ? 'Nothing was logged to the console.' : 'No console log matches.'}</p>
      ) : (
        <ol className="replay-crumbs">
          {shown.map((entry, index) => {
            const offset = Math.max(0, entry.timestamp - startMs);
            return (
              <li key={index} ref={index === activeIndex ? activeRef : undefined}
                className={`crumb console-row ${rowState(index, activeIndex)} level-${levelGroup(entry.level)}`}>
                <button type="button" className="crumb-seek" onClick={() => onSeek(offset)} data-testid="replay-console-row"
                  data-level={entry.level} data-offset={Math.round(offset)}>
                  <span className="crumb-kind">{entry.level}</span>
                  <span className="crumb-time mono">{formatClock(offset)}</span>
                  <ConsoleArgs entry={entry} />
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

/** One logged line: plain arguments inline, objects (JSON, several lines) as their own block. */
function ConsoleArgs({ entry }: { entry: ReplayConsoleEntry }) {
  const args = entry.args.length > 0 ? entry.args : [entry.message];
  return (
    <span className="crumb-label console-args">
      {args.map((arg, i) => (arg.includes('\n')
        ? <pre key={i} className="console-arg-block mono">{arg}</pre>
        : <span key={i} className="console-arg">{arg}</span>))}
      {entry.truncated && <span className="muted small"> (shortened by the SDK)</span>}
    </span>
  );
}
