import { memo } from 'react';
import { absoluteTime, relativeTime } from '../lib/format';
import { useNow } from './use-now';

/**
 * "5m ago", with the exact time on hover. Memoized: a live list re-renders its rows often, and
 * the text only changes with the time itself or the shared 30-second clock (`useNow`).
 */
export const RelativeTime = memo(function RelativeTime({ ms, testId }: { ms: number | null | undefined; testId?: string }) {
  const now = useNow();
  const exact = absoluteTime(ms);
  return <time className="reltime" title={exact} data-testid={testId}>{relativeTime(ms, Math.max(now, Date.now() - 30_000))}</time>;
});
