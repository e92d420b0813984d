/**
 * Mounted once (App.tsx): tells the issue alerts what the user is looking at, follows other tabs,
 * and keeps the unseen count that the tab title shows (`(3) Issues — Lookout`, written by
 * use-document-title.ts, the title's one owner). As the desktop app clears its count when
 * its window gets focus, a page counts as looked at only while its tab is visible and focused.
 */
import { useEffect } from 'react';
import type { Route } from '../routing/route';
import { seenOnPage } from '../lib/unseen-issues';
import { onStorageChanged, setLooking } from './issue-alerts';

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
}
