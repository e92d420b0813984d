/**
 * Drives `@sentry-internal/rrweb`'s Replayer (the fork the Sentry SDK records with) from React:
 * one Replayer per event list, a clock that follows playback, and seek/speed/skip controls.
 * The Replayer rebuilds the page in an iframe sandboxed with `allow-same-origin` only, so no
 * recorded script runs; the recorded page also inherits the UI's CSP, which blocks its requests.
 */
import { Replayer, type eventWithTime } from '@sentry-internal/rrweb';
import '@sentry-internal/rrweb/dist/style.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useGrowingEvents } from './use-growing-events';
import type { ReplayRrwebEvent } from '../../../shared/api-types';
import { clamp } from './replay-time';

export interface PlayerState {
  /** Playhead, ms from the first event. */
  currentMs: number;
  totalMs: number;
  playing: boolean;
  /** The Replayer is fast-forwarding through inactivity. */
  skipping: boolean;
  /** Recorded viewport size (for scaling the iframe). */
  width: number;
  height: number;
  error: string | null;
}

export interface PlayerControls {
  play: () => void;
  pause: () => void;
  seek: (offsetMs: number) => void;
  setSpeed: (speed: number) => void;
  setSkipInactive: (skip: boolean) => void;
}

const INITIAL: PlayerState = { currentMs: 0, totalMs: 0, playing: false, skipping: false, width: 0, height: 0, error: null };

/** rrweb refuses fewer than two events; a replay without a full snapshot has nothing to draw. */
export function canReplay(events: readonly ReplayRrwebEvent[]): boolean {
  return events.length >= 2 && events.some((e) => e.type === 2);
}

export function useReplayer(host: HTMLElement | null, events: ReplayRrwebEvent[] | null, initialMs: number,
  options: { speed: number; skipInactive: boolean }): [PlayerState, PlayerControls] {
  const [state, setState] = useState<PlayerState>(INITIAL);
  const replayerRef = useRef<Replayer | null>(null);
  const frameRef = useRef<number | null>(null);
  const playingRef = useRef(false);
  const optionsRef = useRef(options);
  optionsRef.current = options;
  // A replay still being recorded grows: new events join the running player (use-growing-events.ts).
  const { base, appended } = useGrowingEvents(events);
  const fedRef = useRef(0);

  const stopClock = useCallback(() => {
    if (frameRef.current !== null) cancelAnimationFrame(frameRef.current);
    frameRef.current = null;
  }, []);

  const startClock = useCallback(() => {
    stopClock();
    const tick = (): void => {
      const replayer = replayerRef.current;
      if (!replayer) return;
      const total = replayer.getMetaData().totalTime;
      setState((s) => ({ ...s, currentMs: clamp(replayer.getCurrentTime(), 0, total) }));
      frameRef.current = requestAnimationFrame(tick);
    };
    frameRef.current = requestAnimationFrame(tick);
  }, [stopClock]);

  useEffect(() => {
    if (!host || !base || !canReplay(base)) return;
    let replayer: Replayer;
    fedRef.current = 0;
    try {
      replayer = new Replayer(base as unknown as eventWithTime[], {
        root: host, speed: optionsRef.current.speed, skipInactive: optionsRef.current.skipInactive, showWarning: false,
        triggerFocus: false, mouseTail: false, UNSAFE_replayCanvas: false,
      });
    } catch (err) {
      setState({ ...INITIAL, error: err instanceof Error ? err.message : String(err) });
      return;
    }
    // The recorded page is a picture, not a page to use: named for screen readers, and out of the Tab
    // order (the host is inert too, so none of its recorded links and inputs take focus).
    replayer.iframe.title = 'Recorded page (replay)';
    replayer.iframe.tabIndex = -1;
    replayerRef.current = replayer;
    playingRef.current = false;
    const meta = replayer.getMetaData();
    const start = clamp(initialMs, 0, meta.totalTime);
    setState({ ...INITIAL, totalMs: meta.totalTime, currentMs: start });
    replayer.on('resize', (dimension) => {
      const { width, height } = dimension as { width: number; height: number };
      setState((s) => ({ ...s, width, height }));
    });
    replayer.on('finish', () => {
      stopClock();
      playingRef.current = false;
      setState((s) => ({ ...s, playing: false, skipping: false, currentMs: s.totalMs }));
    });
    // rrweb also fast-forwards through a gap while drawing a paused seek: "skipping" is only news while playing.
    replayer.on('skip-start', () => { if (playingRef.current) setState((s) => ({ ...s, skipping: true })); });
    replayer.on('skip-end', () => setState((s) => ({ ...s, skipping: false })));
    // Draws the page as it was at the start position, paused.
    replayer.pause(start);
    return () => {
      stopClock();
      replayerRef.current = null;
      replayer.destroy();
    };
  }, [host, base, initialMs, stopClock]);

  useEffect(() => {
    const replayer = replayerRef.current;
    if (!replayer || appended.length <= fedRef.current) return;
    for (const event of appended.slice(fedRef.current)) replayer.addEvent(event as unknown as eventWithTime);
    fedRef.current = appended.length;
    // rrweb adds them on a microtask; the length follows after it, the playhead stays where it is.
    void Promise.resolve().then(() => {
      if (replayerRef.current === replayer) setState((s) => ({ ...s, totalMs: replayer.getMetaData().totalTime }));
    });
  }, [appended]);

  const controls: PlayerControls = {
    play: useCallback(() => {
      const replayer = replayerRef.current;
      if (!replayer) return;
      const total = replayer.getMetaData().totalTime;
      const at = replayer.getCurrentTime();
      // At the end, play again from the start rather than doing nothing.
      replayer.play(at >= total ? 0 : clamp(at, 0, total));
      playingRef.current = true;
      setState((s) => ({ ...s, playing: true }));
      startClock();
    }, [startClock]),
    pause: useCallback(() => {
      const replayer = replayerRef.current;
      if (!replayer) return;
      replayer.pause();
      playingRef.current = false;
      stopClock();
      setState((s) => ({ ...s, playing: false, skipping: false, currentMs: clamp(replayer.getCurrentTime(), 0, s.totalMs) }));
    }, [stopClock]),
    seek: useCallback((offsetMs: number) => {
      const replayer = replayerRef.current;
      if (!replayer) return;
      const at = clamp(offsetMs, 0, replayer.getMetaData().totalTime);
      if (playingRef.current) replayer.play(at);
      else replayer.pause(at);
      setState((s) => ({ ...s, currentMs: at, skipping: playingRef.current && s.skipping }));
    }, []),
    setSpeed: useCallback((speed: number) => replayerRef.current?.setConfig({ speed }), []),
    setSkipInactive: useCallback((skipInactive: boolean) => replayerRef.current?.setConfig({ skipInactive }), []),
  };
  return [state, controls];
}
