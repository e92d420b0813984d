import { useEffect, useState } from 'react';
import type { TraceProfiles } from '../../../../shared/api-profile';
import { api } from '../../api/instance';
import { hrefOf } from '../../routing/navigation';

const MAX_LINKS = 5;

/**
 * "Profile" links for a trace: its continuous-profiling chunks and its transactions' v1
 * profiles. Shows nothing while loading, or when the trace has none (or the lookup failed).
 */
export function TraceProfileLinks({ traceId, version }: { traceId: string; version: number }) {
  const [found, setFound] = useState<TraceProfiles | null>(null);
  useEffect(() => {
    let cancelled = false;
    api().profilesOf('traces', traceId).then((p) => !cancelled && setFound(p)).catch(() => !cancelled && setFound(null));
    return () => { cancelled = true; };
  }, [traceId, version]);
  if (!found || (found.chunkCount === 0 && found.transactions.length === 0)) return null;
  const many = found.transactions.length > 1;
  return (
    <span className="button-group trace-profile-links" data-testid="trace-profile-links">
      {found.chunkCount > 0 && (
        <a className="btn btn-small" href={hrefOf({ name: 'profile', source: 'trace', id: traceId })} data-testid="trace-profile-link">
          Profile
        </a>
      )}
      {found.transactions.slice(0, MAX_LINKS).map((t) => (
        <a key={t.eventId} className="btn btn-small ellipsis" href={hrefOf({ name: 'profile', source: 'event', id: t.eventId })}
          data-testid="transaction-profile-link" title={`The profile of transaction ${t.name}`}>
          {many ? `Profile: ${t.name}` : 'Profile'}
        </a>
      ))}
    </span>
  );
}
