import type { ItemSummary } from '../../../../shared/api-types';
import { countOf } from '../../lib/format';
import { formatDuration } from '../../lib/trace-tree';
import { hrefOf } from '../../routing/navigation';

/**
 * What a span item is about, after its name: the segment's op, how long its spans ran, how many
 * were sent, and a link to the trace they belong to (the trace page shows them all).
 * @see https://develop.sentry.dev/sdk/telemetry/spans/span-protocol/
 */
export function SegmentSummary({ segment }: { segment: NonNullable<ItemSummary['segment']> }) {
  return (
    <span className="stream-segment muted small" data-testid="stream-segment">
      {segment.op && <span className="stream-segment-op mono" data-testid="stream-segment-op">{segment.op}</span>}
      {segment.durationMs !== null && <span data-testid="stream-segment-duration">{formatDuration(segment.durationMs)}</span>}
      <span>{countOf(segment.spanCount, 'span')}</span>
      {segment.traceId && (
        <a href={hrefOf({ name: 'trace', traceId: segment.traceId })} data-testid="stream-segment-trace" title={`Trace ${segment.traceId}`}>trace</a>
      )}
    </span>
  );
}
