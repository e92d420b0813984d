import { useEffect, useRef, useState } from 'react';
import type { OutcomeStats } from '../../../../shared/api-stats';
import { api } from '../../api/instance';
import { messageOf } from '../../lib/errors';
import { useStore } from '../../store';
import type { StreamEntry } from '../../store/stream-slice';
import { useRetryOnReconnect } from '../../store/use-retry-on-reconnect';

/** At most one reload a second while items stream in: a burst of errors must not become a burst of requests. */
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
  const changed = useStore((s) => newestKey(s.streamEntries, only));
  const retry = useRetryOnReconnect(error !== null);

  // When the last load started, and for which window: a new window loads at once, a stream at most once a second.
  const last = useRef({ at: 0, of: '' });

  // The window shown now: an answer for another one (or after unmount, '') is dropped, a newer answer for it never is.
  const shown = useRef('');
  useEffect(() => () => { shown.current = ''; }, []);

  useEffect(() => {
    const of = `${hours}/${project ?? ''}`;
    shown.current = of;
    const wait = last.current.of === of ? Math.max(0, last.current.at + RELOAD_GAP_MS - Date.now()) : 0;
    const timer = window.setTimeout(() => {
      last.current = { at: Date.now(), of };
      api().stats({ hours, project }).then(
        (s) => { if (shown.current === of) { setStats(s); setError(null); } },
        (err: unknown) => { if (shown.current === of) setError(messageOf(err)); },
      );
    }, wait);
    return () => window.clearTimeout(timer);
  }, [hours, project, changed, retry]);

  return { stats, error };
}
