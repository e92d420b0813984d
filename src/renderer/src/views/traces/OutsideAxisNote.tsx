import type { TraceDetail } from '../../../../shared/api-types';
import { offsetLabel } from '../../lib/format';

function counted(n: number, what: string): string | null {
  return n > 0 ? `${n.toLocaleString()} ${what}${n === 1 ? '' : 's'}` : null;
}

/**
 * Says which logs and errors fall outside the spans' time: the axis covers the spans (a log a
 * second after the request no longer squeezes them into a third of the width), so these are
 * listed beside the waterfall and noted here rather than drawn.
 */
export function OutsideAxisNote({ trace, axis }: { trace: TraceDetail; axis: { startMs: number; endMs: number } }) {
  const outside = (ms: number) => ms < axis.startMs || ms > axis.endMs;
  const logs = trace.logs.filter((l) => outside(l.timestamp));
  const errors = trace.errors.filter((e) => outside(e.timestamp));
  const what = [counted(logs.length, 'log'), counted(errors.length, 'error')].filter(Boolean).join(' and ');
  if (!what) return null;
  const times = [...logs.map((l) => l.timestamp), ...errors.map((e) => e.timestamp)];
  const first = times.reduce((a, b) => Math.min(a, b));
  const last = times.reduce((a, b) => Math.max(a, b));
  const range = first === last ? `at ${offsetLabel(first, axis.startMs)}` : `from ${offsetLabel(first, axis.startMs)} to ${offsetLabel(last, axis.startMs)}`;
  return (
    <p className="muted small trace-outside-note" data-testid="trace-outside-note">
      {what} of this trace {logs.length + errors.length === 1 ? 'falls' : 'fall'} outside its spans ({range}); {logs.length + errors.length === 1 ? 'it is' : 'they are'} listed
      beside, off the time axis.
    </p>
  );
}
