/**
 * Whether an event's replay is stored, kept current by the live stream: the SDK sends a replay
 * after the error that names it (an on-error replay flushes its buffer then; a session replay's
 * next segment follows within seconds), so the issue page that opened first says "Replay
 * arriving…" while it may still come, and shows the link as soon as it does.
 * @see https://docs.sentry.io/platforms/javascript/session-replay/understanding-sessions/
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventDetail } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { messageOf } from '../../lib/errors';
import { hrefOf } from '../../routing/navigation';
import { useReplayArrivals } from '../../replay/replay-arrivals';

/**
 * How long after an event its replay may still arrive. An on-error replay is sent right after the
 * error; a session replay's segment every 5 s (up to 60 s between flushes when the page is idle).
 */
export const REPLAY_ARRIVAL_WINDOW_MS = 60_000;

export type ReplayTarget =
  | { state: 'checking' } | { state: 'arriving' } | { state: 'missing' } | { state: 'error'; message: string }
  | { state: 'found'; href: string; note: string };

/** The replay's link and its segments, or null when the replay is not stored. */
async function lookUp(replayId: string): Promise<ReplayTarget | null> {
  const replay = await api().replay(replayId);
  if (replay === null) return null;
  const segs = replay.segmentCount;
  return { state: 'found', href: hrefOf({ name: 'replay', replayId }), note: `${segs} segment${segs === 1 ? '' : 's'}` };
}

/**
 * The state of `replayId`'s link for `detail`: looked up at once unless the event says it is not
 * stored, again whenever an item of that replay streams in (new segments update the note), and
 * "missing" once {@link REPLAY_ARRIVAL_WINDOW_MS} after the event passed without it.
 */
export function useReplayTarget(replayId: string | null, detail: Pick<EventDetail, 'replayStored' | 'received'>): ReplayTarget | null {
  const [target, setTarget] = useState<ReplayTarget | null>(null);
  const arrivedBy = detail.received + REPLAY_ARRIVAL_WINDOW_MS;
  const ticket = useRef(0);
  const notYet = useCallback((): ReplayTarget => (Date.now() < arrivedBy ? { state: 'arriving' } : { state: 'missing' }), [arrivedBy]);
  const check = useCallback(async (): Promise<void> => {
    if (!replayId) return;
    const mine = ++ticket.current;
    try {
      const found = await lookUp(replayId);
      if (mine === ticket.current) setTarget(found ?? notYet());
    } catch (err) {
      if (mine === ticket.current) setTarget({ state: 'error', message: messageOf(err) });
    }
  }, [replayId, notYet]);

  useEffect(() => {
    if (!replayId) { setTarget(null); return undefined; }
    // The event says whether the replay is stored: no request (and no 404 in the console) when it is not.
    if (detail.replayStored === false) setTarget(notYet());
    else { setTarget({ state: 'checking' }); void check(); }
    return () => { ticket.current++; };
  }, [replayId, detail.replayStored, check, notYet]);

  // "Arriving" turns into "not captured" when the window closes without the replay.
  const arriving = target?.state === 'arriving';
  useEffect(() => {
    if (!arriving) return undefined;
    const timer = setTimeout(() => setTarget((t) => (t?.state === 'arriving' ? notYet() : t)), Math.max(0, arrivedBy - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [arriving, arrivedBy, notYet]);

  useReplayArrivals(replayId, check, 1000, replayId !== null);
  return target;
}
