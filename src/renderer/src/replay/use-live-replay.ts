import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReplayDetail, ReplayRecording } from '../../../shared/api-types';
import { api } from '../api/instance';
import { messageOf } from '../lib/errors';
import { useRetryOnReconnect } from '../store/use-retry-on-reconnect';
import { useReplayArrivals } from './replay-arrivals';

export type LiveReplayState =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'ok'; detail: ReplayDetail; recording: ReplayRecording };

/**
 * One replay's metadata and recording, read again (without a "Loading…" in between) whenever a
 * segment of it streams in, so a replay still being recorded grows while it is watched: its
 * duration, counts, markers and the player's events (use-growing-events.ts keeps the playhead).
 * A replay that was not stored yet when opened appears once it arrives.
 */
export function useLiveReplay(replayId: string): LiveReplayState {
  const [state, setState] = useState<LiveReplayState>({ kind: 'loading' });
  const retry = useRetryOnReconnect(state.kind === 'error');
  const ticket = useRef(0);
  const read = useCallback(async (): Promise<void> => {
    const mine = ++ticket.current;
    try {
      const [detail, recording] = await Promise.all([api().replay(replayId), api().replayRecording(replayId)]);
      if (mine !== ticket.current) return;
      setState(detail && recording ? { kind: 'ok', detail, recording } : { kind: 'missing' });
    } catch (err) {
      if (mine === ticket.current) setState({ kind: 'error', message: messageOf(err) });
    }
  }, [replayId]);
  useEffect(() => {
    setState({ kind: 'loading' });
    void read();
    return () => { ticket.current++; };
  }, [read, retry]);
  useReplayArrivals(replayId, read, 1500);
  return state;
}
