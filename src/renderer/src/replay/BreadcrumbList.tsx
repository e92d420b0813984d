import type { ReplayMarkerInfo } from '../../../shared/api-types';
import { hrefOf } from '../routing/navigation';
import { formatClock } from './replay-time';
import { useFollowRow } from './use-follow-row';

const KIND_LABELS: Record<ReplayMarkerInfo['kind'], string> = {
  error: 'Error', click: 'Click', input: 'Input', navigation: 'Navigation', console: 'Console', network: 'Network',
  feedback: 'User Feedback', vital: 'Web Vital', other: 'Note',
};

interface BreadcrumbListProps {
  markers: readonly ReplayMarkerInfo[];
  startMs: number;
  /** Index of the marker the playhead last passed (-1 before the first). */
  activeIndex: number;
  /** Counts the player's seeks: each one brings the active row into view (as opening at `?t=` does). */
  seekSerial: number;
  onSeek: (offsetMs: number) => void;
}

/** The replay's breadcrumbs and errors in time order; clicking one seeks the player there. */
export function BreadcrumbList({ markers, startMs, activeIndex, seekSerial, onSeek }: BreadcrumbListProps) {
  const activeRef = useFollowRow<HTMLLIElement>(activeIndex, seekSerial);

  if (markers.length === 0) return <p className="muted small replay-crumbs-empty">No breadcrumbs were recorded.</p>;
  return (
    <ol className="replay-crumbs" data-testid="replay-breadcrumbs">
      {markers.map((marker, index) => {
        const offset = Math.max(0, marker.timestamp - startMs);
        const state = index === activeIndex ? 'active' : index < activeIndex ? 'past' : 'future';
        return (
          <li key={index} ref={index === activeIndex ? activeRef : undefined} className={`crumb ${state} kind-${marker.kind}`}>
            <button
              type="button"
              className="crumb-seek"
              onClick={() => onSeek(offset)}
              data-testid="replay-breadcrumb"
              data-kind={marker.kind}
              data-offset={Math.round(offset)}
            >
              <span className="crumb-kind">{KIND_LABELS[marker.kind]}</span>
              <span className="crumb-time mono">{formatClock(offset)}</span>
              <span className="crumb-label">{marker.label}</span>
            </button>
            {marker.kind === 'error' && typeof marker.issueId === 'number' && (
              <a className="crumb-issue small" href={hrefOf({ name: 'issue', issueId: marker.issueId, eventId: marker.eventId })}>
                Open issue
              </a>
            )}
            {marker.kind === 'feedback' && typeof marker.feedbackId === 'number' && (
              <a className="crumb-issue small" href={hrefOf({ name: 'feedback', id: marker.feedbackId })} data-testid="replay-feedback-link">
                Open feedback
              </a>
            )}
          </li>
        );
      })}
    </ol>
  );
}
