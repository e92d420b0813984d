import { absoluteTime, relativeTime } from '../lib/format';
import { useNow } from './use-now';

/** "5m ago", with the exact time on hover. */
export function RelativeTime({ ms, testId }: { ms: number | null | undefined; testId?: string }) {
  const now = useNow();
  const exact = absoluteTime(ms);
  return <time className="reltime" title={exact} data-testid={testId}>{relativeTime(ms, Math.max(now, Date.now() - 30_000))}</time>;
}
