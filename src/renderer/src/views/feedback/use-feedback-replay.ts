import { type RecordingState, useReplayRecording } from '../../replay/use-replay-recording';
import { feedbackMoment } from './FeedbackReplay';

/**
 * A feedback's replay recording (loaded once for the links and the embedded player) and the
 * moment, epoch ms, the user sent the feedback on the replay's clock: every link to the replay
 * opens there (the "Replay" link opened at 0:00 and "Open full replay" 5 s earlier). Until the
 * recording loads, the moment is the time Lookout received the feedback.
 */
export function useFeedbackReplay(replayId: string | null, feedbackEventId: string | null, receivedMs: number): {
  state: RecordingState; momentMs: number;
} {
  const state = useReplayRecording(replayId);
  const momentMs = state.kind === 'ok' ? feedbackMoment(state.recording, feedbackEventId, receivedMs) : receivedMs;
  return { state, momentMs };
}
