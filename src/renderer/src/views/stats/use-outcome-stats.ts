import { useEffect, useRef, useState } from 'react';
import type { OutcomeStats } from '../../../../shared/api-stats';
import { api } from '../../api/instance';
import { messageOf } from '../../lib/errors';
import type { AppState } from '../../store';
import type { StreamEntry } from '../../store/stream-slice';
import { useRetryOnReconnect } from '../../store/use-retry-on-reconnect';
import { useThrottledLive } from '../../store/use-throttled-live';

/** Reloads at least this far apart, one at a time: a burst of errors must not become a burst of requests. */
const RELOAD_GAP_MS = 1000;

/** The newest item of the kinds that change what `only` shows: every item, or only client reports and rejections. */
function newestKey(entries: StreamEntry[], only: 'all' | 'losses'): string | null {
  if (only === 'all') return entries[0]?.key ?? null;
  // Newest first; a client report or a rejection comes among the last few entries of its burst.
  for (const e of entries.slice(0, 50)) {
    if (e.kind === 'rejected' || e.item.kind === 'client_report') return e.key;
  }
  return entries.length === 0 ? null : 'older';
}

/**
 * Sentry's Stats over the last `hours`, read again when the live stream brings what changes them
 * (`only: 'losses'`: client reports and rejected requests; `'all'`: any item), after "Delete all
 * data" (the feed empties), and once the server is back after a failed load.
 */
export function useOutcomeStats(hours: number, project: number | undefined, only: 'all' | 'losses') {
  const [stats, setStats] = useState<OutcomeStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const retry = useRetryOnReconnect(error !== null);
  const of = `${hours}/${project ?? ''}`;

  // The window shown now: an answer for another one (or after unmount, '') is dropped, a newer answer for it never is.
  const shown = useRef('');
  useEffect(() => { shown.current = of; return () => { shown.current = ''; }; }, [of]);

  useThrottledLive(`${of}/${only}`, retry, (s: AppState) => newestKey(s.streamEntries, only), () => api().stats({ hours, project }).then(
    (s) => { if (shown.current === of) { setStats(s); setError(null); } },
    (err: unknown) => { if (shown.current === of) setError(messageOf(err)); },
  ), RELOAD_GAP_MS);

  return { stats, error };
}
