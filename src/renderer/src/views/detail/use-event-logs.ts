import { useCallback, useRef, useState } from 'react';
import type { LogEntry } from '../../../../shared/api-types';
import { api } from '../../api/instance';
import { messageOf } from '../../lib/errors';
import { useRetryOnReconnect } from '../../store/use-retry-on-reconnect';
import { useThrottledLive } from '../../store/use-throttled-live';

/** Logs shown on each side of the event at first: Sentry's issue page also shows a few and offers the rest. */
export const FIRST_LOGS = 5;
/** Logs a "show more" adds on its side. */
export const MORE_LOGS = 25;
/** The read API's page limit: past it, the Logs view (filtered by the trace) has them all. */
const MAX_SIDE = 500;
/** An error loop streams hundreds of log items a second: the section reads again at most once a second. */
const LIVE_GAP_MS = 1000;

export interface EventLogs {
  /** The trace's logs up to the event's moment, oldest first. */
  before: LogEntry[];
  /** The trace's logs after it, oldest first. */
  after: LogEntry[];
  /** How many logs a "show more" on that side would add (at most `MORE_LOGS`): 0 when none is left. */
  moreBefore: number;
  moreAfter: number;
  loaded: boolean;
  error: string | null;
}

const EMPTY: EventLogs = { before: [], after: [], moreBefore: 0, moreAfter: 0, loaded: false, error: null };

/** Logs read on a side: those shown and, past them, the next "show more"'s, so its button can say how many it adds. */
const lookahead = (shown: number) => Math.min(MAX_SIDE, shown + MORE_LOGS);

/**
 * The logs of `traceId` just before and after `momentMs` (the event), read through `GET /logs`'s
 * `before` / `after` cursors (the trace's index), and read again as log items stream in: an SDK
 * buffers logs (the Node SDK sends them every few seconds), so the logs written before an error
 * often arrive after it. Each side reads up to `MORE_LOGS` past what it shows, so "show more" says what it adds
 * (a trace with 1 earlier log left offers 1, not 25).
 * @see https://develop.sentry.dev/sdk/telemetry/logs/#buffering
 */
export function useEventLogs(traceId: string, momentMs: number): EventLogs & { showMore: (side: 'before' | 'after') => void } {
  const [state, setState] = useState<EventLogs & { of: string }>({ ...EMPTY, of: '' });
  const wanted = useRef({ before: FIRST_LOGS, after: FIRST_LOGS });
  const of = `${traceId}@${momentMs}`;
  const shown = useRef(of);
  if (shown.current !== of) { shown.current = of; wanted.current = { before: FIRST_LOGS, after: FIRST_LOGS }; }
  // Logs written in the event's millisecond count as before it: the SDK logs, then captures.
  const cursor = `${momentMs}:${Number.MAX_SAFE_INTEGER}`;

  const read = useCallback(async () => {
    const key = of;
    try {
      const want = wanted.current;
      const [before, after] = await Promise.all([
        api().logs({ trace: traceId, before: cursor, limit: lookahead(want.before) }),
        api().logs({ trace: traceId, after: cursor, limit: lookahead(want.after) }),
      ]);
      if (shown.current !== key) return;
      // Past the page limit the rest is counted as one more page (the Logs view has them all).
      const rest = (page: typeof before, count: number) => Math.max(0, page.items.length - count) || (page.nextCursor !== null ? MORE_LOGS : 0);
      setState({
        of: key, before: before.items.slice(0, want.before).reverse(), after: after.items.slice(0, want.after),
        moreBefore: rest(before, want.before), moreAfter: rest(after, want.after), loaded: true, error: null,
      });
    } catch (err) {
      if (shown.current === key) setState((s) => ({ ...s, of: key, loaded: true, error: messageOf(err) }));
    }
  }, [of, traceId, cursor]);

  const retry = useRetryOnReconnect(state.error !== null);
  useThrottledLive(of, retry, (s) => s.logArrivals, read, LIVE_GAP_MS);

  const showMore = useCallback((side: 'before' | 'after') => {
    wanted.current = { ...wanted.current, [side]: Math.min(MAX_SIDE, wanted.current[side] + MORE_LOGS) };
    void read();
  }, [read]);

  const current = state.of === of ? state : { ...EMPTY, of };
  return { ...current, showMore };
}
