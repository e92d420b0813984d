import type { EventDetail } from '../../../../shared/api-types';
import { RelativeTime } from '../../components/RelativeTime';
import { CopyButton } from '../../components/CopyButton';
import { hrefOf } from '../../routing/navigation';

type NavKey = 'oldest' | 'previous' | 'next' | 'latest';
const BUTTONS: [NavKey, string][] = [['oldest', '⇤ Oldest'], ['previous', '← Older'], ['next', 'Newer →'], ['latest', 'Latest ⇥']];

/** Oldest / older / newer / latest event of the issue, as real links (deep-linkable). */
export function EventNav({ event }: { event: EventDetail }) {
  const nav = event.nav;
  return (
    <div className="event-nav" data-testid="event-nav">
      <div className="event-nav-id">
        <span className="muted">Event</span>
        <code className="mono" data-testid="event-id">{event.eventId.slice(0, 12)}</code>
        <CopyButton text={event.eventId} label="Copy ID" />
        <RelativeTime ms={event.timestamp} />
        {event.duplicates > 0 && <span className="badge" title="The SDK sent this event id more than once">{event.duplicates + 1}× received</span>}
      </div>
      {nav && event.issueId !== null && (
        <div className="button-group">
          {BUTTONS.map(([key, label]) => {
            const target = nav[key];
            const disabled = !target || target === event.eventId;
            return disabled ? (
              <span key={key} className="btn btn-small is-disabled" aria-disabled="true" data-testid={`nav-${key}`}>{label}</span>
            ) : (
              <a key={key} className="btn btn-small" data-testid={`nav-${key}`}
                href={hrefOf({ name: 'issue', issueId: event.issueId as number, eventId: target })}>{label}</a>
            );
          })}
        </div>
      )}
    </div>
  );
}
