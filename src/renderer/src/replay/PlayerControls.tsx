import { formatClock } from './replay-time';

export const SPEEDS = [1, 2, 4, 8] as const;

interface ControlsProps {
  playing: boolean;
  currentMs: number;
  totalMs: number;
  speed: number;
  skipInactive: boolean;
  /** Video replays have no inactivity information. */
  canSkip: boolean;
  skipping: boolean;
  disabled: boolean;
  onPlay: () => void;
  onPause: () => void;
  onSpeed: (speed: number) => void;
  onSkipInactive: (skip: boolean) => void;
}

/** Play/pause, the clock, speed (1×–8×) and skip-inactivity. */
export function PlayerControls(props: ControlsProps) {
  const { playing, currentMs, totalMs, speed, skipInactive, canSkip, skipping, disabled } = props;
  return (
    <div className="replay-controls">
      <button
        type="button"
        className="btn replay-play"
        onClick={playing ? props.onPause : props.onPlay}
        disabled={disabled}
        aria-label={playing ? 'Pause' : 'Play'}
        data-testid="replay-play"
        data-playing={playing ? 'true' : 'false'}
      >
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <span className="replay-clock mono" data-testid="replay-clock">
        {formatClock(currentMs)} / {formatClock(totalMs)}
      </span>
      <div className="replay-speeds" role="group" aria-label="Playback speed">
        {SPEEDS.map((s) => (
          <button
            key={s}
            type="button"
            className={`btn btn-small${s === speed ? ' active' : ''}`}
            aria-pressed={s === speed}
            onClick={() => props.onSpeed(s)}
            disabled={disabled}
            data-testid={`replay-speed-${s}`}
          >
            {s}×
          </button>
        ))}
      </div>
      {canSkip && (
        <label className="replay-skip">
          <input
            type="checkbox"
            checked={skipInactive}
            onChange={(e) => props.onSkipInactive(e.target.checked)}
            disabled={disabled}
            data-testid="replay-skip-inactive"
          />
          Skip inactivity
        </label>
      )}
      {/* Only while playing through a skipped gap: a paused player skips nothing. */}
      {skipping && playing && <span className="replay-skipping muted small" role="status" data-testid="replay-skipping">skipping inactivity…</span>}
    </div>
  );
}
