import { useEffect, useState } from 'react';
import type { UserFeedbackList } from '../../../../shared/api-feedback';
import { api } from '../../api/instance';
import { useStore } from '../../store';

export type FeedbackTarget = { issueId: number } | { eventId: string };

const keyOf = (t: FeedbackTarget) => ('issueId' in t ? `issue:${t.issueId}` : `event:${t.eventId}`);

/**
 * What users said about an issue's events or one event, read again when `refresh` changes (the
 * issue got a new event, which may be the one a feedback sent earlier is about) or feedback
 * arrives live. Null until loaded, and on failure: the section is extra, the page works without it.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#user-feedback
 */
export function useUserFeedback(target: FeedbackTarget, refresh?: unknown): UserFeedbackList | null {
  const version = useStore((s) => s.feedbackVersion);
  const key = keyOf(target);
  const [loaded, setLoaded] = useState<{ key: string; list: UserFeedbackList } | null>(null);
  useEffect(() => {
    let live = true;
    const [scope, id] = key.split(':') as [string, string];
    (scope === 'issue' ? api().issueFeedback(Number(id)) : api().eventFeedback(id))
      .then((list) => { if (live) setLoaded({ key, list }); })
      .catch(() => { if (live) setLoaded(null); });
    return () => { live = false; };
  }, [key, refresh, version]);
  // An answer for the page shown before is never shown on this one.
  return loaded?.key === key ? loaded.list : null;
}
