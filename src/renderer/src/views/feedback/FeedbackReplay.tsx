import type { ReplayRecording } from '../../../../shared/api-types';
import { hrefOf } from '../../routing/navigation';
import { ReplayPlayer } from '../../replay/ReplayPlayer';
import { errorLinkTime, startOffset } from '../../replay/replay-time';
import { playable as canPlay, type RecordingState } from '../../replay/use-replay-recording';

/**
 * When the feedback was sent, on the replay's clock: the SDK's `sentry.feedback` breadcrumb for this
 * feedback event, else the time Lookout received it.
 */
export function feedbackMoment(recording: ReplayRecording, feedbackEventId: string | null, receivedMs: number): number {
  const marker = feedbackEventId ? recording.markers.find((m) => m.kind === 'feedback' && m.feedbackEventId === feedbackEventId) : undefined;
  return marker?.timestamp ?? receivedMs;
}

interface Props {
  replayId: string;
  /** The recording, loaded by the feedback detail (its links need the feedback's moment too). */
  state: RecordingState;
  /** When the feedback was sent ({@link feedbackMoment}): "Open full replay" opens there. */
  momentMs: number;
}

/**
 * The session replay inside the feedback detail, as Sentry's feedback item embeds it: the player
 * opened a few seconds before the user sent the feedback, with a link to the full replay at that moment.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/feedbackItem/replaySection.tsx
 */
export function FeedbackReplay({ replayId, state, momentMs }: Props) {
  const playable = canPlay(state);
  const openAt = state.kind === 'ok' ? errorLinkTime(momentMs) : null;
  return (
    <section className="feedback-replay" data-testid="feedback-replay">
      <h3>Session Replay
        {openAt !== null && playable && (
          <a className="small" href={hrefOf({ name: 'replay', replayId, t: momentMs })} data-testid="feedback-replay-open">Open full replay</a>
        )}
      </h3>
      {state.kind === 'loading' && <p className="muted small">Loading the replay…</p>}
      {state.kind === 'error' && <p className="error-text small" role="alert">Could not load the replay: {state.message}</p>}
      {(state.kind === 'gone' || (state.kind === 'ok' && !playable)) && (
        <p className="muted small" data-testid="feedback-replay-empty">No recording received for this replay: nothing to play.</p>
      )}
      {state.kind === 'ok' && playable && openAt !== null && (
        <ReplayPlayer compact replayId={replayId} recording={state.recording}
          initialMs={startOffset(openAt, state.recording.startMs, state.recording.durationMs)} />
      )}
    </section>
  );
}
