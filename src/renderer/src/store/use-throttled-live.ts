import { useEffect, useRef } from 'react';
import { liveThrottle } from '../lib/live-throttle';
import { useStore, type AppState } from './index';

/**
 * Calls `read` at once for each new `of` (and each `retry`), then again when `changeKey` of the
 * store changes (a streamed item that alters what the view shows), through {@link liveThrottle}:
 * trailing, `gapMs` apart, one read in flight. It watches the store without subscribing the
 * component, so hundreds of streamed items a second re-render nothing: an error loop froze
 * Releases when every item re-rendered the view and restarted its timer.
 */
export function useThrottledLive(of: string, retry: number, changeKey: (s: AppState) => unknown, read: () => Promise<unknown>, gapMs: number): void {
  const reader = useRef(read);
  reader.current = read;
  const keyOf = useRef(changeKey);
  keyOf.current = changeKey;

  useEffect(() => {
    const throttle = liveThrottle(() => reader.current(), gapMs);
    throttle.now();
    let seen = keyOf.current(useStore.getState());
    const stop = useStore.subscribe((state) => {
      const key = keyOf.current(state);
      if (key === seen) return;
      seen = key;
      throttle.poke();
    });
    return () => { stop(); throttle.dispose(); };
  }, [of, retry, gapMs]);
}
