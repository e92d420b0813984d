import { useEffect, useState } from 'react';
import type { EventProfiles } from '../../../../shared/api-profile';
import { api } from '../../api/instance';
import { hrefOf } from '../../routing/navigation';

/**
 * A transaction's "Profile" button on its event page, as Sentry's event page links its profile:
 * its v1 profile (sent with it or apart), else its profiler's continuous-profiling chunks in its
 * time. Shows nothing while loading, when it has none, or when the lookup failed.
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v2/#modifying-transactions-payload
 */
export function EventProfileLink({ eventId }: { eventId: string }) {
  const [found, setFound] = useState<EventProfiles | null>(null);
  useEffect(() => {
    let cancelled = false;
    setFound(null);
    api().profilesOf('events', eventId).then((p) => !cancelled && setFound(p)).catch(() => !cancelled && setFound(null));
    return () => { cancelled = true; };
  }, [eventId]);
  if (!found || (found.profileItemSeq === null && found.chunkCount === 0)) return null;
  const continuous = found.profileItemSeq === null;
  return (
    <a className="btn btn-small" href={hrefOf({ name: 'profile', source: 'event', id: eventId })} data-testid="event-profile-link"
      data-kind={continuous ? 'chunks' : 'profile'}
      title={continuous ? `The continuous profile of this transaction's time (${found.chunkCount} chunk${found.chunkCount === 1 ? '' : 's'})` : 'The profile sent for this transaction'}>
      Profile
    </a>
  );
}
