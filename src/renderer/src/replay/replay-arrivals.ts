/**
 * Replay items as the live stream reports them (`replay_event`, `replay_recording`,
 * `replay_video`: the SDK sends one envelope every ~5 s of a session), for the views that show
 * replays: the replays list gains rows and updates durations, an open replay picks up its new
 * segments, an issue's "Replay" link appears once the replay arrives. Fed by the app's one SSE
 * subscription (store/live.ts).
 * @see https://develop.sentry.dev/sdk/telemetry/replays/
 */
import { useEffect, useRef } from 'react';
import type { ItemKind, ItemSummary } from '../../../shared/api-types';
import { liveThrottle } from '../lib/live-throttle';

const REPLAY_KINDS = new Set<ItemKind>(['replay_event', 'replay_recording', 'replay_video']);

/** `null`: any replay. */
type Listener = { replayId: string | null; poke: () => void };

const listeners = new Set<Listener>();

/** Called for every live `item` message; only replay items are heard. */
export function noteReplayItem(item: ItemSummary): void {
  if (!REPLAY_KINDS.has(item.kind)) return;
  for (const l of listeners) if (l.replayId === null || l.replayId === item.eventId) l.poke();
}

/** The store was emptied or must be read again (`data_deleted`, `resync`…): every replay view reads again. */
export function noteReplaysStartOver(): void {
  for (const l of listeners) l.poke();
}

/** Listens to replay items of `replayId` (any replay when null); returns the function that stops listening. */
export function onReplayItem(replayId: string | null, poke: () => void): () => void {
  const listener = { replayId, poke };
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}

/**
 * Calls `read` again when a replay item (of `replayId`, or any when null) streams in, at most
 * once per `gapMs` and never two at once (a segment every 5 s per open session; a flood of
 * replays is read once a gap). Not at mount: the view loads itself. `enabled` false stops listening.
 */
export function useReplayArrivals(replayId: string | null, read: () => Promise<unknown>, gapMs = 1000, enabled = true): void {
  const reader = useRef(read);
  reader.current = read;
  useEffect(() => {
    if (!enabled) return undefined;
    const throttle = liveThrottle(() => reader.current(), gapMs);
    const stop = onReplayItem(replayId, () => throttle.poke());
    return () => { stop(); throttle.dispose(); };
  }, [replayId, gapMs, enabled]);
}
