import { useState } from 'react';
import type { ReplayRecording } from '../../../shared/api-types';
import { BreadcrumbList } from './BreadcrumbList';
import { ConsolePanel } from './ConsolePanel';
import { NetworkPanel } from './NetworkPanel';
import { activeMarkerIndex } from './replay-time';

type Tab = 'breadcrumbs' | 'console' | 'network';

interface ReplaySideTabsProps {
  recording: ReplayRecording;
  startMs: number;
  /** The player's clock, ms from the first event. */
  currentMs: number;
  playing: boolean;
  onSeek: (offsetMs: number) => void;
}

/**
 * Beside the player, as Sentry's replay details: Breadcrumbs, Console and Network tabs. Each row
 * seeks the player, and the open list follows the playhead while it plays.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/replays/detail/layout/focusTabs.tsx
 */
export function ReplaySideTabs({ recording, startMs, currentMs, playing, onSeek }: ReplaySideTabsProps) {
  const [tab, setTab] = useState<Tab>('breadcrumbs');
  const consoleEntries = recording.console ?? [];
  const networkEntries = recording.network ?? [];
  const tabs: [Tab, string, number][] = [
    ['breadcrumbs', 'Breadcrumbs', recording.markers.length], ['console', 'Console', consoleEntries.length], ['network', 'Network', networkEntries.length],
  ];
  return (
    <aside className="replay-side" aria-label="Replay details">
      <div className="replay-tabs" role="tablist">
        {tabs.map(([id, label, count]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={`replay-tab${tab === id ? ' active' : ''}`}
            onClick={() => setTab(id)} data-testid={`replay-tab-${id}`}>
            {label} <span className="muted small">{count}</span>
          </button>
        ))}
      </div>
      {tab === 'breadcrumbs' && (
        <BreadcrumbList markers={recording.markers} startMs={startMs} activeIndex={activeMarkerIndex(recording.markers, startMs, currentMs)}
          follow={playing} onSeek={onSeek} />
      )}
      {tab === 'console' && <ConsolePanel entries={consoleEntries} startMs={startMs} currentMs={currentMs} follow={playing} onSeek={onSeek} />}
      {tab === 'network' && <NetworkPanel entries={networkEntries} startMs={startMs} currentMs={currentMs} follow={playing} onSeek={onSeek} />}
    </aside>
  );
}
