import { useState } from 'react';
import type { ReplayDetail, ReplayRecording } from '../../../shared/api-types';
import { BreadcrumbList } from './BreadcrumbList';
import { ConsolePanel } from './ConsolePanel';
import { NetworkPanel } from './NetworkPanel';
import { ErrorsPanel, TagsPanel, TracePanel } from './ReplayInfoPanels';
import { activeMarkerIndex } from './replay-time';

type Tab = 'breadcrumbs' | 'console' | 'network' | 'errors' | 'trace' | 'tags';

interface ReplaySideTabsProps {
  recording: ReplayRecording;
  /** The replay's metadata: the Errors, Trace and Tags tabs need it (absent, they are left out). */
  detail?: ReplayDetail;
  startMs: number;
  /** The player's clock, ms from the first event. */
  currentMs: number;
  /** Counts the player's seeks, so the open list brings the active row into view. */
  seekSerial: number;
  onSeek: (offsetMs: number) => void;
}

/**
 * Beside the player, as Sentry's replay details: Breadcrumbs, Console, Network, Errors, Trace and
 * Tags. Each timed row seeks the player, and the open list keeps the playhead's row in view.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/replays/detail/layout/focusTabs.tsx
 */
export function ReplaySideTabs({ recording, detail, startMs, currentMs, seekSerial, onSeek }: ReplaySideTabsProps) {
  const [tab, setTab] = useState<Tab>('breadcrumbs');
  const consoleEntries = recording.console ?? [];
  const networkEntries = recording.network ?? [];
  const tabs: [Tab, string, number | null][] = [
    ['breadcrumbs', 'Breadcrumbs', recording.markers.length], ['console', 'Console', consoleEntries.length], ['network', 'Network', networkEntries.length],
    ...(detail ? [['errors', 'Errors', detail.errors.length], ['trace', 'Trace', detail.traceIds.length], ['tags', 'Tags', null]] as [Tab, string, number | null][] : []),
  ];
  const timed = { startMs, currentMs, seekSerial, onSeek };
  return (
    <aside className="replay-side" aria-label="Replay details">
      <div className="replay-tabs" role="tablist">
        {tabs.map(([id, label, count]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={`replay-tab${tab === id ? ' active' : ''}`}
            onClick={() => setTab(id)} data-testid={`replay-tab-${id}`}>
            {label}{count !== null && <> <span className="muted small">{count}</span></>}
          </button>
        ))}
      </div>
      {tab === 'breadcrumbs' && (
        <BreadcrumbList markers={recording.markers} startMs={startMs} activeIndex={activeMarkerIndex(recording.markers, startMs, currentMs)}
          seekSerial={seekSerial} onSeek={onSeek} />
      )}
      {tab === 'console' && <ConsolePanel entries={consoleEntries} {...timed} />}
      {tab === 'network' && <NetworkPanel entries={networkEntries} {...timed} />}
      {tab === 'errors' && detail && <ErrorsPanel errors={detail.errors} {...timed} />}
      {tab === 'trace' && detail && <TracePanel traceIds={detail.traceIds} />}
      {tab === 'tags' && detail && <TagsPanel detail={detail} />}
    </aside>
  );
}
