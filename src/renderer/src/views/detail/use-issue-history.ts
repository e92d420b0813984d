import { useEffect, useRef, useState } from 'react';
import type { HistoryPeriod, IssueHistory } from '../../../../shared/api-issue-history';
import { api } from '../../api/instance';
import { messageOf } from '../../lib/errors';

/** Reads again at most this often while events arrive (the issue's count grows over SSE). */
const LIVE_REFRESH_MS = 2000;

/**
 * The issue's history over `period`, read again when `count` changes (a live event reached the
 * page), throttled so an error loop does not turn into a request per event.
 */
export function useIssueHistory(issueId: number, period: HistoryPeriod, count: number): { history: IssueHistory | null; error: string | null } {
  const [state, setState] = useState<{ key: string; history: IssueHistory | null; error: string | null }>({ key: '', history: null, error: null });
  const lastRead = useRef(0);
  const key = `${issueId}:${period}`;
  const shownKey = useRef(key);
  shownKey.current = key;

  const mounted = useRef(true);
  useEffect(() => { mounted.current = true; return () => { mounted.current = false; }; }, []);

  useEffect(() => {
    // A reply is kept while its issue and period are shown, even if more events came meanwhile
    // (under a steady stream of events every reply would otherwise be dropped).
    const keep = (): boolean => mounted.current && shownKey.current === key;
    const read = (): void => {
      lastRead.current = Date.now();
      api().issueHistory(issueId, period).then(
        (history) => { if (keep()) setState({ key, history, error: null }); },
        (err: unknown) => { if (keep()) setState((s) => ({ key, history: s.key === key ? s.history : null, error: messageOf(err) })); },
      );
    };
    // A new issue or period reads at once; a new count waits out the throttle.
    const fresh = state.key !== key;
    const wait = fresh ? 0 : Math.max(0, lastRead.current + LIVE_REFRESH_MS - Date.now());
    const timer = window.setTimeout(read, wait);
    return () => window.clearTimeout(timer);
    // `state.key` is read only to tell a first read from a refresh, not to read again.
  }, [issueId, period, count, key]);

  return state.key === key ? { history: state.history, error: state.error } : { history: null, error: null };
}
