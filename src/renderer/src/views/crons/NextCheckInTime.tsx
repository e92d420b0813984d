/**
 * When a monitor expects its next check-in, as the list and the monitor page show it: "in 4m",
 * with the exact time in the viewer's zone (and the monitor's, when it differs) on hover.
 */
import { useNow } from '../../components/use-now';
import { untilTime, zonedTimes } from '../../lib/cron-format';

export function NextCheckInTime({ ms, zone, testId = 'cron-next-time' }: { ms: number | null; zone: string | null; testId?: string }) {
  const now = useNow();
  if (ms === null) return <span className="muted" data-testid={testId} title="No check-in is expected: no schedule Lookout can read, or missed">—</span>;
  const t = zonedTimes(ms, zone);
  return (
    <time className="reltime" dateTime={new Date(ms).toISOString()} title={t.inZone ? `${t.local} (${t.inZone})` : t.local} data-testid={testId}>
      {untilTime(ms, Math.max(now, Date.now()))}
    </time>
  );
}
