import type { SentryFrame } from '../../../../shared/sentry';
import { sourcemapFailureOf } from '../../../../shared/sourcemap-failure';
import { sourceContextFailureOf, sourceContextFix } from '../../lib/sourcemap-hints';

/**
 * Why this frame is still minified, as symbolication recorded it (`data.sourcemap_error`), or, for a
 * mapped frame, why it has no context lines: its original source could not be fetched (said by the
 * issue view's symbolication, `data.source_context_error`). Text only: the reason comes from event
 * data. The fix for a minified frame is said once, above the stack trace ({@link UnmappedSummary});
 * the fix for missing context in the note's tooltip.
 */
export function UnmappedFrameNote({ frame }: { frame: SentryFrame }) {
  const failure = sourcemapFailureOf(frame.data);
  if (failure) {
    return (
      <div className="frame-note" data-testid="frame-sourcemap-error" data-kind={failure.kind} title={failure.reason}>
        Not source-mapped: {failure.reason}
      </div>
    );
  }
  const noContext = sourceContextFailureOf(frame.data);
  if (!noContext || typeof frame.context_line === 'string') return null;
  return (
    <div className="frame-note" data-testid="frame-source-context-error" data-kind={noContext.kind} title={sourceContextFix(noContext.kind)}>
      No source context: {noContext.reason}
    </div>
  );
}
