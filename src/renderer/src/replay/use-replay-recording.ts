import { useEffect, useState } from 'react';
import type { ReplayRecording } from '../../../shared/api-types';
import { api } from '../api/instance';
import { messageOf } from '../lib/errors';

/** A replay's recording as it loads: `gone` when none was stored. */
export type RecordingState = { kind: 'loading' } | { kind: 'ok'; recording: ReplayRecording } | { kind: 'gone' } | { kind: 'error'; message: string };

/** Loads `replayId`'s recording (again when the id changes), for the players embedded in other pages; `gone` for no id. */
export function useReplayRecording(replayId: string | null): RecordingState {
  const [state, setState] = useState<RecordingState>({ kind: 'loading' });
  useEffect(() => {
    if (!replayId) { setState({ kind: 'gone' }); return undefined; }
    let cancelled = false;
    setState({ kind: 'loading' });
    api().replayRecording(replayId)
      .then((recording) => !cancelled && setState(recording ? { kind: 'ok', recording } : { kind: 'gone' }))
      .catch((err: unknown) => !cancelled && setState({ kind: 'error', message: messageOf(err) }));
    return () => { cancelled = true; };
  }, [replayId]);
  return state;
}

/** Whether a loaded recording has anything to play (controls at 0:00 over an empty stage read as a recording of nothing). */
export function playable(state: RecordingState): state is { kind: 'ok'; recording: ReplayRecording } {
  return state.kind === 'ok' && (state.recording.events.length > 0 || state.recording.videos.length > 0);
}
