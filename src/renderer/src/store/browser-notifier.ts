/**
 * Browser notifications (the Notification API) for new and regressed issues, throttled as the
 * desktop app's (shared/notification-policy.ts). Each carries a tag per issue and change, so the
 * same change seen by several tabs replaces one notification instead of stacking copies.
 * @see https://developer.mozilla.org/en-US/docs/Web/API/Notification/Notification
 */
import type { IssueSummary } from '../../../shared/api-types';
import { NotificationThrottle, notificationText, type IssueChange } from '../../../shared/notification-policy';
import type { NotificationAccess } from '../lib/notification-status';
import { navigate } from '../routing/navigation';

/** The browser's permission, or why none can be asked for. */
export function notificationAccess(): NotificationAccess {
  if (typeof window === 'undefined' || !('Notification' in window)) return 'unsupported';
  if (!window.isSecureContext) return 'insecure';
  return Notification.permission;
}

export function createBrowserNotifier(): { notify(change: IssueChange, issue: IssueSummary): void } {
  const throttle = new NotificationThrottle();
  return {
    notify(change, issue) {
      const admitted = throttle.admit();
      if (admitted === null) return;
      const more = admitted.skippedBefore > 0 ? ` (+${admitted.skippedBefore} more)` : '';
      try {
        const notification = new Notification(
          `${change === 'regressed' ? 'Regression' : 'New issue'}${more}: ${notificationText(issue.title, 100)}`,
          { body: notificationText(issue.culprit ?? issue.level, 200), tag: `lookout-issue-${issue.id}-${change}` },
        );
        notification.onclick = () => {
          window.focus();
          navigate({ name: 'issue', issueId: issue.id });
          notification.close();
        };
      } catch {
        // Android Chrome allows notifications only from a service worker: the unseen count still shows.
      }
    },
  };
}
