import { useEffect, useRef, useState } from 'react';
import { messageOf } from '../../lib/errors';
import { useRetryOnReconnect } from '../../store/use-retry-on-reconnect';
import { useThrottledLive } from '../../store/use-throttled-live';
import type { AppState } from '../../store';

/**
 * Reads at least this far apart while items stream in, one read at a time: a burst of sessions or
 * an error loop (hundreds of items a second) must not become a burst of requests and renders.
 */
const RELOAD_GAP_MS = 1000;

const newestItem = (s: AppState) => s.streamEntries[0]?.key ?? null;

/**
 * Reads `load()` for `of` (a key of what it reads), and again when the live stream brings any item
 * (a session, an event of a release), after "Delete all data" (the feed empties) and once the server
 * is back after a failed read. An answer for another `of` is dropped, so a slow one never shows late.
 */
export function useLiveRead<T>(of: string, load: () => Promise<T>): { data: T | null; error: string | null; loadedOf: string | null } {
  const [state, setState] = useState<{ data: T | null; error: string | null; loadedOf: string | null }>({ data: null, error: null, loadedOf: null });
  const retry = useRetryOnReconnect(state.error !== null);
  const shown = useRef('');
  useEffect(() => { shown.current = of; return () => { shown.current = ''; }; }, [of]);

  useThrottledLive(of, retry, newestItem, () => load().then(
    (data) => { if (shown.current === of) setState({ data, error: null, loadedOf: of }); },
    (err: unknown) => { if (shown.current === of) setState((s) => ({ ...s, error: messageOf(err) })); },
  ), RELOAD_GAP_MS);

  return state;
}
