import { memo } from 'react';
import { absoluteTime, relativeTime } from '../lib/format';
import { useNow } from './use-now';
import './relative-time.css';

/**
 * "5m ago", with the exact time on hover, in `dateTime` and, for the keyboard, on focus: a
 * `focusable` time is a Tab stop whose tooltip shows while it has focus (the issue header), and
 * any time shows its exact time beside it while its issue row has keyboard focus (relative-time.css).
 * Memoized: a live list re-renders its rows often, and the text only changes with the time itself
 * or the shared 30-second clock (`useNow`).
 * @see https://www.w3.org/WAI/WCAG22/Understanding/content-on-hover-or-focus.html
 */
export const RelativeTime = memo(function RelativeTime({ ms, testId, focusable = false }: {
  ms: number | null | undefined; testId?: string; focusable?: boolean;
}) {
  const now = useNow();
  const exact = absoluteTime(ms);
  const iso = typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
  return (
    <time className={focusable ? 'reltime reltime-focusable' : 'reltime'} title={exact} data-exact={exact} dateTime={iso}
      data-testid={testId} tabIndex={focusable ? 0 : undefined}>
      {relativeTime(ms, Math.max(now, Date.now() - 30_000))}
    </time>
  );
});
