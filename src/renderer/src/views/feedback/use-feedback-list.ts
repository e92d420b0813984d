import { useCallback, useEffect, useState } from 'react';
import type { FeedbackListItem, FeedbackPage } from '../../../../shared/api-feedback';
import { api } from '../../api/instance';
import { messageOf } from '../../lib/errors';
import { useStore } from '../../store';
import { useRetryOnReconnect } from '../../store/use-retry-on-reconnect';

const PAGE_SIZE = 50;
/** The server's page limit: a live reload reads again at most this many rows. */
const RELOAD_MAX = 200;

export interface FeedbackListState {
  items: FeedbackListItem[];
  nextCursor: string | null;
  unread: number;
  loaded: boolean;
  error: string | null;
}

const EMPTY: FeedbackListState = { items: [], nextCursor: null, unread: 0, loaded: false, error: null };

/**
 * The User Feedback list for a project and text: loaded newest first, paged on by `loadMore`,
 * and read again (as many rows as are shown, up to a page's limit) whenever feedback arrives on
 * the live stream (`feedbackVersion`), so a new one appears on top without a reload.
 */
export function useFeedbackList(project: number | undefined, query: string) {
  const version = useStore((s) => s.feedbackVersion);
  const [state, setState] = useState<FeedbackListState & { key: string }>({ ...EMPTY, key: '' });
  const key = `${project ?? ''}|${query}`;
  const retry = useRetryOnReconnect(state.error !== null);
  const shown = state.key === key ? state.items.length : 0;

  useEffect(() => {
    let live = true;
    const limit = Math.min(Math.max(PAGE_SIZE, shown), RELOAD_MAX);
    api().feedbackPage({ project, query: query || undefined, limit })
      .then((page: FeedbackPage) => { if (live) setState({ ...page, loaded: true, error: null, key }); })
      .catch((err: unknown) => { if (live) setState((s) => ({ ...(s.key === key ? s : EMPTY), loaded: true, error: messageOf(err), key })); });
    return () => { live = false; };
    // `shown` is read, not followed: paging on must not read the first rows again.
  }, [project, query, key, version, retry]);

  const loadMore = useCallback(async () => {
    if (state.key !== key || !state.nextCursor) return;
    try {
      const page = await api().feedbackPage({ project, query: query || undefined, limit: PAGE_SIZE, before: state.nextCursor });
      setState((s) => (s.key !== key ? s : { ...s, items: [...s.items, ...page.items.filter((i) => !s.items.some((o) => o.id === i.id))],
        nextCursor: page.nextCursor, unread: page.unread }));
    } catch (err) {
      setState((s) => (s.key !== key ? s : { ...s, error: messageOf(err) }));
    }
  }, [state.key, state.nextCursor, key, project, query]);

  /** Puts a changed row (read or unread now) in place and counts the unread again. */
  const replace = useCallback((item: FeedbackListItem) => {
    setState((s) => {
      const before = s.items.find((i) => i.id === item.id);
      const unread = before && before.read !== item.read ? s.unread + (item.read ? -1 : 1) : s.unread;
      return { ...s, unread: Math.max(0, unread), items: s.items.map((i) => (i.id === item.id ? item : i)) };
    });
  }, []);

  const current: FeedbackListState = state.key === key ? state : EMPTY;
  return { ...current, loadMore, replace };
}
