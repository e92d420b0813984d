// A native notification per new or regressed issue; clicking one opens that issue in the window.
import { Notification } from 'electron';
import type { IssueSummary } from '../shared/api-types';
import { NotificationThrottle, isNotable, notificationText, type IssueChange } from '../shared/notification-policy';

const MAX_LIVE = 20;

export interface IssueNotifier {
  notify(change: IssueChange, issue: IssueSummary): void;
}

export function createIssueNotifier(openIssue: (issueId: number) => void): IssueNotifier {
  const throttle = new NotificationThrottle();
  // Electron drops click handlers of notifications that were garbage-collected: keep them alive.
  const live = new Set<Notification>();
  return {
    notify(change, issue) {
      if (!isNotable(change) || !Notification.isSupported()) return;
      const admitted = throttle.admit();
      if (admitted === null) return;
      const more = admitted.skippedBefore > 0 ? ` (+${admitted.skippedBefore} more)` : '';
      const notification = new Notification({
        title: `${change === 'regressed' ? 'Regression' : 'New issue'}${more}: ${notificationText(issue.title, 100)}`,
        body: notificationText(issue.culprit ?? issue.level, 200),
      });
      const forget = (): void => {
        live.delete(notification);
      };
      notification.on('click', () => {
        forget();
        openIssue(issue.id);
      });
      notification.on('close', forget);
      live.add(notification);
      // 'close' is not emitted everywhere; keep only the most recent ones.
      if (live.size > MAX_LIVE) live.delete(live.values().next().value as Notification);
      notification.show();
    },
  };
}
