import { formatClock } from './replay-time';

/**
 * Over the stage while the playhead is before the first page snapshot: rrweb would show the later
 * page there, as if it had been on screen from 0:00. An on-error (`buffer`) replay keeps only what
 * the SDK buffered before the error (about the last minute, from its latest full snapshot) while
 * older performance entries (web vitals) still come with it.
 * @see https://docs.sentry.io/platforms/javascript/session-replay/understanding-sessions/
 */
export function UnrecordedNote({ unrecordedMs, replayType }: { unrecordedMs: number; replayType: string | null }) {
  return (
    <div className="replay-unrecorded" role="status" data-testid="replay-unrecorded">
      <strong>Not recorded (0:00–{formatClock(unrecordedMs)})</strong>
      <span>
        {replayType === 'buffer'
          ? 'This replay was kept because of an error: the SDK keeps a buffer of only about the last minute before an error, starting at its latest page snapshot. '
          : 'The SDK sent no page snapshot for this part. '}
        Only timing data (web vitals) from before it arrived; the page starts at {formatClock(unrecordedMs)}.
      </span>
    </div>
  );
}
