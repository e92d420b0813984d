import { useCallback, useEffect, useState } from 'react';
import type { FeedbackListItem } from '../../../../shared/api-feedback';
import { api } from '../../api/instance';
import { useStore } from '../../store';

/**
 * The open feedback: from the loaded list, else read on its own (a link to one further down, or
 * one just moved to another mailbox, which stays open with its new state).
 */
export function useOpenFeedback(openId: number | undefined, items: FeedbackListItem[]) {
  const inList = openId === undefined ? undefined : items.find((i) => i.id === openId);
  // Changed in another window while not in the list: read again.
  const version = useStore((s) => s.feedbackVersion);
  const [own, setOwn] = useState<{ id: number; item: FeedbackListItem | null } | null>(null);
  useEffect(() => {
    if (openId === undefined || inList) return;
    let live = true;
    const settle = (item: FeedbackListItem | null) => { if (live) setOwn({ id: openId, item }); };
    api().feedbackItem(openId).then(settle).catch(() => settle(null));
    return () => { live = false; };
  }, [openId, inList, version]);
  const fetched = own !== null && own.id === openId ? own : null;
  return {
    open: inList ?? fetched?.item ?? null,
    /** Asked for, and the server has no such feedback (deleted, or a stale link). */
    missing: fetched !== null && fetched.item === null && !inList,
    setOwn: useCallback((item: FeedbackListItem) => setOwn({ id: item.id, item }), []),
  };
}
