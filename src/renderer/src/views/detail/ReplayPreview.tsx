import { ReplayPlayer } from '../../replay/ReplayPlayer';
import { errorLinkTime, startOffset } from '../../replay/replay-time';
import { playable, useReplayRecording } from '../../replay/use-replay-recording';

/**
 * The session replay inside the issue page, opened a few seconds before the error as Sentry's
 * issue page shows it; the full player (with the breadcrumb list) is the link above it.
 */
export function ReplayPreview({ replayId, errorMs }: { replayId: string; errorMs: number }) {
  const state = useReplayRecording(replayId);
  return (
    <div className="replay-preview" data-testid="replay-preview">
      {state.kind === 'loading' && <p className="muted small">Loading the replay…</p>}
      {state.kind === 'error' && <p className="error-text small" role="alert">Could not load the replay: {state.message}</p>}
      {(state.kind === 'gone' || (state.kind === 'ok' && !playable(state))) && (
        <p className="muted small" data-testid="replay-preview-empty">No recording received for this replay: nothing to play.</p>
      )}
      {playable(state) && (
        <ReplayPlayer compact replayId={replayId} recording={state.recording}
          initialMs={startOffset(errorLinkTime(errorMs), state.recording.startMs, state.recording.durationMs)} />
      )}
    </div>
  );
}
