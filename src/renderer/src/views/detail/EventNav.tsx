import type { EventDetail } from '../../../../shared/api-types';
import { RelativeTime } from '../../components/RelativeTime';
import { CopyButton } from '../../components/CopyButton';
import { hrefOf, useRoute } from '../../routing/navigation';

type NavKey = 'oldest' | 'previous' | 'next' | 'latest';
const BUTTONS: [NavKey, string][] = [['oldest', '⇤ Oldest'], ['previous', '← Older'], ['next', 'Newer →'], ['latest', 'Latest ⇥']];

/**
 * Which event this is, as the header above shows the issue's latest (its title and counts move on
 * while an app keeps sending): the latest, the one a link selected, or the latest when the page opened.
 */
function useEventRole(event: EventDetail): { label: string; hint: string } {
  const route = useRoute();
  const latest = event.nav?.latest ?? null;
  if (latest === null || latest === event.eventId) return { label: 'Latest event', hint: "The issue's newest event" };
  const selected = route.name === 'event' || (route.name === 'issue' && route.eventId === event.eventId);
  return selected
    ? { label: 'Selected event', hint: "The event this link names; the header shows the issue's latest (Latest ⇥)" }
    : { label: 'Latest event when opened', hint: "Newer events arrived since; the header shows the issue's latest (Latest ⇥)" };
}

/** Oldest / older / newer / latest event of the issue, as real links (deep-linkable). */
export function EventNav({ event }: { event: EventDetail }) {
  const nav = event.nav;
  const role = useEventRole(event);
  return (
    <div className="event-nav" data-testid="event-nav">
      <div className="event-nav-id">
        <span className="muted" data-testid="event-role" title={role.hint}>{role.label}</span>
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
