import { useEffect, useState } from 'react';
import type { ReplayRecording } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { messageOf } from '../../lib/errors';
import { ReplayPlayer } from '../../replay/ReplayPlayer';
import { errorLinkTime, startOffset } from '../../replay/replay-time';

type State = { kind: 'loading' } | { kind: 'ok'; recording: ReplayRecording } | { kind: 'gone' } | { kind: 'error'; message: string };

/**
 * The session replay inside the issue page, opened a few seconds before the error as Sentry's
 * issue page shows it; the full player (with the breadcrumb list) is the link above it.
 */
export function ReplayPreview({ replayId, errorMs }: { replayId: string; errorMs: number }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    setState({ kind: 'loading' });
    api().replayRecording(replayId)
      .then((recording) => !cancelled && setState(recording ? { kind: 'ok', recording } : { kind: 'gone' }))
      .catch((err: unknown) => !cancelled && setState({ kind: 'error', message: messageOf(err) }));
    return () => { cancelled = true; };
  }, [replayId]);
  return (
    <div className="replay-preview" data-testid="replay-preview">
      {state.kind === 'loading' && <p className="muted small">Loading the replay…</p>}
      {state.kind === 'error' && <p className="error-text small" role="alert">Could not load the replay: {state.message}</p>}
      {(state.kind === 'gone' || (state.kind === 'ok' && state.recording.events.length === 0 && state.recording.videos.length === 0)) && (
        // Controls at 0:00 over an empty stage read as a recording of nothing.
        <p className="muted small" data-testid="replay-preview-empty">No recording received for this replay: nothing to play.</p>
      )}
      {state.kind === 'ok' && (state.recording.events.length > 0 || state.recording.videos.length > 0) && (
        <ReplayPlayer compact replayId={replayId} recording={state.recording}
          initialMs={startOffset(errorLinkTime(errorMs), state.recording.startMs, state.recording.durationMs)} />
      )}
    </div>
  );
}
