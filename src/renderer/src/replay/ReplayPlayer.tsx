import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReplayDetail, ReplayRecording } from '../../../shared/api-types';
import { screenLine } from '../../../shared/screen-mask';
import { PlayerControls } from './PlayerControls';
import { pageAt, pageTimeline, unrecordedLeadMs } from './recording-facts';
import { UnrecordedNote } from './UnrecordedNote';
import { ReplaySideTabs } from './ReplaySideTabs';
import { Timeline } from './Timeline';
import { canReplay, useReplayer, type PlayerControls as Controls, type PlayerState } from './use-replayer';
import { useVideoPlayer } from './use-video-player';

interface ReplayPlayerProps {
  replayId: string;
  recording: ReplayRecording;
  /** The replay's metadata, for the Errors, Trace and Tags tabs and the not-recorded note. */
  detail?: ReplayDetail;
  /** Where to open, ms from the first event. */
  initialMs: number;
  /** Inside another page (the issue's): a shorter stage and no breadcrumb list beside it. */
  compact?: boolean;
}

/** Follows an element's size, for fitting the recorded viewport into the stage. */
function useSize(element: HTMLElement | null): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return size;
}

/**
 * The player: the address bar (the page open at the playhead, as Sentry's player shows it), the
 * recorded page (rrweb) or the mobile video, the timeline with markers, the controls, and the
 * Breadcrumbs / Console / Network / Errors / Trace / Tags tabs beside it. Every seek goes through one function.
 */
export function ReplayPlayer({ replayId, recording, detail, initialMs, compact = false }: ReplayPlayerProps) {
  const isVideo = recording.videos.length > 0 && !canReplay(recording.events);
  const [stage, setStage] = useState<HTMLDivElement | null>(null);
  const [host, setHost] = useState<HTMLDivElement | null>(null);
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [speed, setSpeedState] = useState(1);
  const [skipInactive, setSkipState] = useState(true);
  const dom = useReplayer(isVideo ? null : host, isVideo ? null : recording.events, initialMs, { speed, skipInactive });
  const clip = useVideoPlayer(isVideo ? video : null, replayId, isVideo ? recording : null, initialMs, speed);
  const [state, controls]: [PlayerState, Controls] = isVideo ? clip : dom;
  const stageSize = useSize(stage);
  const startMs = recording.startMs ?? 0;
  const markers = recording.markers;
  const [seekSerial, setSeekSerial] = useState(0);
  const seekTo = controls.seek;
  const seek = useCallback((offsetMs: number) => { seekTo(offsetMs); setSeekSerial((n) => n + 1); }, [seekTo]);
  const pages = useMemo(() => pageTimeline(recording.events), [recording.events]);
  const address = pageAt(pages, startMs + state.currentMs);
  const unrecordedMs = useMemo(() => (isVideo ? 0 : unrecordedLeadMs(recording.events)), [isVideo, recording.events]);

  const scale = state.width > 0 && state.height > 0 && stageSize.width > 0
    ? Math.min(stageSize.width / state.width, stageSize.height / state.height) : 1;
  const hostStyle = {
    width: state.width || undefined, height: state.height || undefined, transform: `scale(${scale})`,
    left: Math.max(0, (stageSize.width - state.width * scale) / 2),
  };
  const playable = isVideo || canReplay(recording.events);

  return (
    <div className={`replay-player${compact ? ' is-compact' : ''}`}>
      <div className="replay-main">
        {address !== null && (
          <div className="replay-address mono ellipsis" title={screenLine(address)} data-testid="replay-address">{screenLine(address)}</div>
        )}
        <div className="replay-stage" ref={setStage} data-testid="replay-stage" data-mode={isVideo ? 'video' : 'dom'}>
          {isVideo ? (
            <video ref={setVideo} className="replay-video" muted playsInline data-testid="replay-video" aria-label="Recorded screen (replay)" />
          ) : (
            // inert: the rebuilt page's links and inputs are no Tab stops (the player's controls are the page's).
            <div className="replay-host" ref={setHost} style={hostStyle} data-testid="replay-host" inert />
          )}
          {!playable && <p className="replay-empty">This replay has no full page snapshot to show.</p>}
          {state.currentMs < unrecordedMs && <UnrecordedNote unrecordedMs={unrecordedMs} replayType={detail?.replayType ?? null} />}
          {state.error && <p className="replay-error error-text" role="alert">{state.error}</p>}
        </div>
        <Timeline
          currentMs={state.currentMs}
          totalMs={state.totalMs}
          startMs={startMs}
          markers={markers}
          notes={recording.notes}
          unrecordedMs={unrecordedMs}
          onSeek={seek}
        />
        <PlayerControls
          playing={state.playing}
          currentMs={state.currentMs}
          totalMs={state.totalMs}
          speed={speed}
          skipInactive={skipInactive}
          canSkip={!isVideo}
          skipping={state.skipping}
          disabled={!playable}
          onPlay={controls.play}
          onPause={controls.pause}
          onSpeed={(s) => { setSpeedState(s); controls.setSpeed(s); }}
          onSkipInactive={(s) => { setSkipState(s); controls.setSkipInactive(s); }}
        />
      </div>
      {!compact && (
        <ReplaySideTabs recording={recording} detail={detail} startMs={startMs} currentMs={state.currentMs} seekSerial={seekSerial} onSeek={seek} />
      )}
    </div>
  );
}
