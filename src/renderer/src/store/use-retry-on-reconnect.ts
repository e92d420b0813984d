import { useEffect, useRef, useState } from 'react';
import { useStore } from './index';

/**
 * A number that changes when the live stream comes back while `failed` is true: put it in the
 * deps of the effect that loads the view, so a page that failed while the server was down loads
 * again by itself once it is back, and a page that loaded fine is left as it is.
 */
export function useRetryOnReconnect(failed: boolean): number {
  const reconnects = useStore((s) => s.reconnects);
  const [retry, setRetry] = useState(reconnects);
  useEffect(() => { if (failed) setRetry(reconnects); }, [reconnects, failed]);
  return retry;
}

/** Calls `reload` (a stable function) when the live stream comes back while `failed`; not on mount. */
export function useReloadOnReconnect(failed: boolean, reload: () => unknown): void {
  const retry = useRetryOnReconnect(failed);
  const seen = useRef(retry);
  useEffect(() => {
    if (retry === seen.current) return;
    seen.current = retry;
    void reload();
  }, [retry, reload]);
}
