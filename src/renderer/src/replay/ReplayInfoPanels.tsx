import type { ReplayDetail } from '../../../shared/api-types';
import { screenLine, screenTagValue } from '../../../shared/screen-mask';
import { hrefOf } from '../routing/navigation';
import { activeMarkerIndex, formatClock } from './replay-time';
import { rowState, useFollowRow } from './use-follow-row';

interface ErrorsPanelProps {
  errors: ReplayDetail['errors'];
  startMs: number;
  currentMs: number;
  seekSerial: number;
  onSeek: (offsetMs: number) => void;
}

/**
 * The replay's Errors tab, as Sentry's: each linked error event at its moment in the replay (a click
 * seeks there) with a link to its issue. Titles are the events' own text, shown as text.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/replays/detail/errorList/index.tsx
 */
export function ErrorsPanel({ errors, startMs, currentMs, seekSerial, onSeek }: ErrorsPanelProps) {
  const activeIndex = activeMarkerIndex(errors, startMs, currentMs);
  const activeRef = useFollowRow<HTMLLIElement>(activeIndex, seekSerial);
  if (errors.length === 0) return <p className="muted small replay-crumbs-empty">No error event points at this replay.</p>;
  return (
    <ol className="replay-crumbs" data-testid="replay-errors-panel">
      {errors.map((error, index) => {
        const offset = Math.max(0, error.timestamp - startMs);
        return (
          <li key={error.eventId} ref={index === activeIndex ? activeRef : undefined} className={`crumb ${rowState(index, activeIndex)} kind-error`}>
            <button type="button" className="crumb-seek" onClick={() => onSeek(offset)} data-testid="replay-error-row" data-offset={Math.round(offset)}>
              <span className="crumb-kind">Error</span>
              <span className="crumb-time mono">{formatClock(offset)}</span>
              <span className="crumb-label">{screenLine(error.title || error.eventId)}</span>
            </button>
            <a className="crumb-issue small" data-testid="replay-error-issue"
              href={error.issueId !== null ? hrefOf({ name: 'issue', issueId: error.issueId, eventId: error.eventId }) : hrefOf({ name: 'event', eventId: error.eventId })}>
              {error.issueId !== null ? 'Open issue' : 'Open event'}
            </a>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * The replay's Trace tab: the traces its `replay_event` names (`trace_ids`, one per page load or
 * navigation the SDK traced), each linking to Lookout's trace page.
 */
export function TracePanel({ traceIds }: { traceIds: readonly string[] }) {
  if (traceIds.length === 0) {
    return <p className="muted small replay-crumbs-empty">The replay names no trace: the SDK sends trace ids when tracing is on (browserTracingIntegration).</p>;
  }
  return (
    <ul className="replay-crumbs replay-traces" data-testid="replay-traces">
      {traceIds.map((traceId) => (
        <li key={traceId} className="crumb">
          <a className="crumb-seek mono" href={hrefOf({ name: 'trace', traceId })} data-testid="replay-trace-link">{traceId}</a>
        </li>
      ))}
    </ul>
  );
}

/** What `replay_type` means, as Sentry's replay page says it. */
export function replayTypeLabel(type: string | null): string | null {
  if (type === 'session') return 'session (sampled from the start)';
  if (type === 'buffer') return 'buffer (kept on error)';
  return type;
}

/**
 * The replay's Tags tab: what its `replay_event` said about the session (Lookout stores these fields
 * of it, not its free-form tags), masked as tag values are elsewhere.
 */
export function TagsPanel({ detail }: { detail: ReplayDetail }) {
  const tags: [string, string | null][] = [
    ['replayType', detail.replayType], ['browser', detail.browser], ['os', detail.os], ['sdk', detail.sdk],
    ['release', detail.release], ['environment', detail.environment], ['user', detail.user],
    ['segments', String(detail.segmentCount)], ...detail.urls.map((url, i): [string, string] => [i === 0 ? 'url' : `url ${i + 1}`, url]),
  ];
  return (
    <dl className="replay-tags" data-testid="replay-tags">
      {tags.filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== '').map(([key, value]) => (
        <div key={key} data-testid="replay-tag" data-key={key}>
          <dt className="mono">{key}</dt>
          <dd className="mono">{screenTagValue(key, value)}</dd>
        </div>
      ))}
    </dl>
  );
}
