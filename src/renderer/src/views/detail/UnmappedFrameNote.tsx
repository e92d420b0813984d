import type { SentryFrame } from '../../../../shared/sentry';
import { sourcemapFailureOf } from '../../../../shared/sourcemap-failure';

/**
 * Why this frame is still minified, as symbolication recorded it (`data.sourcemap_error`). Text
 * only: the reason comes from event data. The fix is said once, above the stack trace
 * ({@link UnmappedSummary}).
 */
export function UnmappedFrameNote({ frame }: { frame: SentryFrame }) {
  const failure = sourcemapFailureOf(frame.data);
  if (!failure) return null;
  return (
    <div className="frame-note" data-testid="frame-sourcemap-error" data-kind={failure.kind} title={failure.reason}>
      Not source-mapped: {failure.reason}
    </div>
  );
}
