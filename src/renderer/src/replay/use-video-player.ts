/**
 * Plays a mobile replay: its `replay_video` mp4 segments one after another in a `<video>`,
 * with the same clock and controls as the rrweb player. Clips stream from the API (same origin,
 * so the UI's `media-src 'self'` admits them; the server answers Range requests for seeking).
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#replay-video
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReplayRecording } from '../../../shared/api-types';
import { api } from '../api/instance';
import type { PlayerControls, PlayerState } from './use-replayer';
import { clamp } from './replay-time';

export interface Clip {
  segmentId: number;
  /** Offset of the clip in the replay, ms. */
  offsetMs: number;
  durationMs: number;
}

/** Places clips on the replay clock; a clip without timing follows the previous one. */
export function layoutClips(recording: Pick<ReplayRecording, 'videos' | 'startMs'>): Clip[] {
  const clips: Clip[] = [];
  let next = 0;
  for (const video of recording.videos) {
    if (video.error) continue;
    const offsetMs = video.startMs !== null && recording.startMs !== null ? Math.max(0, video.startMs - recording.startMs) : next;
    const durationMs = video.durationMs ?? 0;
    clips.push({ segmentId: video.segmentId, offsetMs, durationMs });
    next = offsetMs + durationMs;
  }
  return clips;
}

/** The clip playing at `offsetMs`: the last one starting at or before it. */
export function clipAt(clips: readonly Clip[], offsetMs: number): number {
  let found = 0;
  for (let i = 0; i < clips.length; i++) if ((clips[i]?.offsetMs ?? Infinity) <= offsetMs) found = i;
  return found;
}

export function useVideoPlayer(video: HTMLVideoElement | null, replayId: string, recording: ReplayRecording | null,
  initialMs: number, speed: number): [PlayerState, PlayerControls] {
  const clips = useMemo(() => (recording ? layoutClips(recording) : []), [recording]);
  const totalMs = recording?.durationMs ?? 0;
  const [state, setState] = useState<PlayerState>({ currentMs: 0, totalMs, playing: false, skipping: false, width: 0, height: 0, error: null });
  const current = useRef({ index: -1, playing: false });

  const load = useCallback(async (index: number, atMs: number, play: boolean) => {
    const clip = clips[index];
    if (!video || !clip) return;
    current.current = { index, playing: play };
    const url = new URL(api().replayVideoUrl(replayId, clip.segmentId), window.location.href).href;
    if (video.src !== url) video.src = url;
    video.playbackRate = speed;
    video.currentTime = clamp((atMs - clip.offsetMs) / 1000, 0, clip.durationMs / 1000 || Number.MAX_SAFE_INTEGER);
    setState((s) => ({ ...s, currentMs: atMs, playing: play }));
    if (play) {
      await video.play().catch((err: unknown) => {
        if (current.current.index === index) setState((s) => ({ ...s, playing: false, error: `Video segment ${clip.segmentId} does not play: ${err instanceof Error ? err.message : String(err)}` }));
      });
    }
  }, [clips, video, replayId, speed]);

  useEffect(() => {
    if (!video || clips.length === 0) return;
    const start = clamp(initialMs, 0, totalMs);
    setState((s) => ({ ...s, totalMs, currentMs: start }));
    void load(clipAt(clips, start), start, false);
    const onTime = () => {
      const clip = clips[current.current.index];
      if (clip) setState((s) => ({ ...s, currentMs: clamp(clip.offsetMs + video.currentTime * 1000, 0, totalMs), width: video.videoWidth, height: video.videoHeight }));
    };
    const onEnded = () => {
      const nextIndex = current.current.index + 1;
      const next = clips[nextIndex];
      if (next && current.current.playing) void load(nextIndex, next.offsetMs, true);
      else setState((s) => ({ ...s, playing: false, currentMs: totalMs }));
    };
    // A broken clip is skipped, like a corrupt rrweb segment: say so and go on with the next.
    const onError = () => {
      const clip = clips[current.current.index];
      setState((s) => ({ ...s, error: `Video segment ${clip?.segmentId ?? '?'} could not be played and is skipped` }));
      if (current.current.playing) onEnded();
    };
    video.addEventListener('timeupdate', onTime);
    video.addEventListener('ended', onEnded);
    video.addEventListener('error', onError);
    return () => {
      video.removeEventListener('timeupdate', onTime);
      video.removeEventListener('ended', onEnded);
      video.removeEventListener('error', onError);
    };
    // Not keyed on `load` (it changes with speed): re-running this would restart playback.
  }, [video, clips, initialMs, totalMs]);

  const controls: PlayerControls = {
    play: () => {
      const at = state.currentMs >= totalMs ? 0 : state.currentMs;
      void load(clipAt(clips, at), at, true);
    },
    pause: () => {
      current.current.playing = false;
      video?.pause();
      setState((s) => ({ ...s, playing: false }));
    },
    seek: (offsetMs) => void load(clipAt(clips, offsetMs), clamp(offsetMs, 0, totalMs), current.current.playing),
    setSpeed: (s) => { if (video) video.playbackRate = s; },
    setSkipInactive: () => undefined,
  };
  return [state, controls];
}
