/**
 * Mounted once (App.tsx): tells the issue alerts what the user is looking at, follows other tabs,
 * and puts the unseen count in the tab title (`(3) Lookout`). As the desktop app clears its count when
 * its window gets focus, a page counts as looked at only while its tab is visible and focused.
 */
import { useEffect } from 'react';
import type { Route } from '../routing/route';
import { seenOnPage, titleWithCount } from '../lib/unseen-issues';
import { onStorageChanged, setLooking, useIssueAlerts } from './issue-alerts';

const BASE_TITLE = 'Lookout';

export function useUnseenIssues(route: Route): void {
  const target = seenOnPage(route);
  useEffect(() => {
    const update = (): void => setLooking(document.visibilityState === 'visible' && document.hasFocus() ? target : null);
    update();
    window.addEventListener('focus', update);
    window.addEventListener('blur', update);
    document.addEventListener('visibilitychange', update);
    return () => {
      window.removeEventListener('focus', update);
      window.removeEventListener('blur', update);
      document.removeEventListener('visibilitychange', update);
    };
  }, [target]);

  useEffect(() => {
    const onStorage = (event: StorageEvent): void => onStorageChanged(event.key);
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const count = useIssueAlerts((s) => s.unseen.length);
  useEffect(() => {
    document.title = titleWithCount(BASE_TITLE, count);
  }, [count]);
}
