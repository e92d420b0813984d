import { useCallback, useEffect, useState } from 'react';
import type { FeedbackListItem, FeedbackPage, FeedbackStatus } from '../../../../shared/api-feedback';
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
  counts: FeedbackPage['counts'];
  loaded: boolean;
  error: string | null;
}

const EMPTY: FeedbackListState = { items: [], nextCursor: null, unread: 0, counts: { unresolved: 0, resolved: 0, ignored: 0 }, loaded: false, error: null };

/** The unread count after `changed` rows took their new state: those shown before are counted out, those in the mailbox now in. */
function unreadAfter(s: FeedbackListState, status: FeedbackStatus, changed: readonly FeedbackListItem[]): number {
  let unread = s.unread;
  for (const item of changed) {
    const before = s.items.find((i) => i.id === item.id);
    if (!before) continue;
    unread += (item.status === status && !item.read ? 1 : 0) - (before.read ? 0 : 1);
  }
  return Math.max(0, unread);
}

/**
 * One mailbox of the User Feedback list (Inbox, Resolved or Spam) for a project and text: loaded
 * newest first, paged on by `loadMore`, and read again (as many rows as are shown, up to a page's
 * limit) whenever feedback arrives or changes on the live stream (`feedbackVersion`: new feedback,
 * or read, resolved or spam in any window), after a reconnect, and after a change made here.
 */
export function useFeedbackList(status: FeedbackStatus, project: number | undefined, query: string) {
  const version = useStore((s) => s.feedbackVersion);
  const reconnects = useStore((s) => s.reconnects);
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<FeedbackListState & { key: string }>({ ...EMPTY, key: '' });
  const key = `${status}|${project ?? ''}|${query}`;
  const retry = useRetryOnReconnect(state.error !== null);
  const shown = state.key === key ? state.items.length : 0;

  useEffect(() => {
    let live = true;
    const limit = Math.min(Math.max(PAGE_SIZE, shown), RELOAD_MAX);
    api().feedbackPage({ status, project, query: query || undefined, limit })
      .then((page: FeedbackPage) => { if (live) setState({ ...page, loaded: true, error: null, key }); })
      .catch((err: unknown) => { if (live) setState((s) => ({ ...(s.key === key ? s : EMPTY), loaded: true, error: messageOf(err), key })); });
    return () => { live = false; };
    // `shown` is read, not followed: paging on must not read the first rows again.
  }, [status, project, query, key, version, reconnects, nonce, retry]);

  const loadMore = useCallback(async () => {
    if (state.key !== key || !state.nextCursor) return;
    try {
      const page = await api().feedbackPage({ status, project, query: query || undefined, limit: PAGE_SIZE, before: state.nextCursor });
      setState((s) => (s.key !== key ? s : { ...s, items: [...s.items, ...page.items.filter((i) => !s.items.some((o) => o.id === i.id))],
        nextCursor: page.nextCursor, unread: page.unread, counts: page.counts }));
    } catch (err) {
      setState((s) => (s.key !== key ? s : { ...s, error: messageOf(err) }));
    }
  }, [state.key, state.nextCursor, key, status, project, query]);

  /**
   * Puts changed rows (read or unread, or moved to another mailbox) in place at once: one that left
   * this mailbox leaves the list. The list is read again after, for the mailboxes' counts.
   */
  const applyChanged = useCallback((changed: readonly FeedbackListItem[]) => {
    setState((s) => {
      const byId = new Map(changed.map((i) => [i.id, i]));
      const items = s.items.map((i) => byId.get(i.id) ?? i).filter((i) => i.status === status);
      return { ...s, unread: unreadAfter(s, status, changed), items };
    });
    setNonce((n) => n + 1);
  }, [status]);

  /** Takes deleted rows out at once; the list is read again after, for the mailboxes' counts. */
  const removeDeleted = useCallback((ids: readonly number[]) => {
    const gone = new Set(ids);
    setState((s) => ({ ...s, items: s.items.filter((i) => !gone.has(i.id)) }));
    setNonce((n) => n + 1);
  }, []);

  const current: FeedbackListState = state.key === key ? state : EMPTY;
  return { ...current, loadMore, applyChanged, removeDeleted };
}
