import { useEffect, useState } from 'react';
import { useStore } from '.';

/** A live stream down this long is a lost server, not a blip (a restart, a sleep/wake). */
export const LOST_AFTER_MS = 3000;

/** True once the live stream, having been up, has been down for {@link LOST_AFTER_MS}. */
export function useLostConnection(): boolean {
  const live = useStore((s) => s.live);
  const [everLive, setEverLive] = useState(false);
  const [lost, setLost] = useState(false);
  useEffect(() => {
    if (live) { setEverLive(true); setLost(false); return; }
    if (!everLive) return;
    const timer = window.setTimeout(() => setLost(true), LOST_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [live, everLive]);
  return lost;
}
