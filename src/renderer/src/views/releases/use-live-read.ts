import { useEffect, useRef, useState } from 'react';
import { messageOf } from '../../lib/errors';
import { useStore } from '../../store';
import { useRetryOnReconnect } from '../../store/use-retry-on-reconnect';

/** At most one read a second while items stream in: a burst of sessions must not become a burst of requests. */
const RELOAD_GAP_MS = 1000;

/**
 * Reads `load()` for `of` (a key of what it reads), and again when the live stream brings any item
 * (a session, an event of a release), after "Delete all data" (the feed empties) and once the server
 * is back after a failed read. An answer for another `of` is dropped, so a slow one never shows late.
 */
export function useLiveRead<T>(of: string, load: () => Promise<T>): { data: T | null; error: string | null; loadedOf: string | null } {
  const [state, setState] = useState<{ data: T | null; error: string | null; loadedOf: string | null }>({ data: null, error: null, loadedOf: null });
  const newest = useStore((s) => s.streamEntries[0]?.key ?? null);
  const retry = useRetryOnReconnect(state.error !== null);
  const last = useRef({ at: 0, of: '' });
  const shown = useRef('');
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => () => { shown.current = ''; }, []);

  useEffect(() => {
    shown.current = of;
    const wait = last.current.of === of ? Math.max(0, last.current.at + RELOAD_GAP_MS - Date.now()) : 0;
    const timer = window.setTimeout(() => {
      last.current = { at: Date.now(), of };
      loader.current().then(
        (data) => { if (shown.current === of) setState({ data, error: null, loadedOf: of }); },
        (err: unknown) => { if (shown.current === of) setState((s) => ({ ...s, error: messageOf(err) })); },
      );
    }, wait);
    return () => window.clearTimeout(timer);
  }, [of, newest, retry]);

  return state;
}
