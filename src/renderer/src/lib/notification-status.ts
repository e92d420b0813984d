/**
 * What Settings → Notifications says: whether this page raises browser notifications for new and
 * regressed issues, and if not, why and what to do. Pure, so every case is tested.
 * @see https://developer.mozilla.org/en-US/docs/Web/API/Notification/permission_static
 */

/** The browser's answer, or why there is none: no Notification API, or a page that is not a secure context. */
export type NotificationAccess = NotificationPermission | 'unsupported' | 'insecure';

export interface NotificationStatus {
  /** Whether the toggle can turn notifications on from here. */
  canToggle: boolean;
  on: boolean;
  text: string;
}

export interface NotificationFacts {
  /** The desktop app: its main process notifies, so the page never does (no double notifications). */
  desktop: boolean;
  access: NotificationAccess;
  /** The user's choice in this browser (the toggle). */
  wanted: boolean;
  /** The page's origin, named in the advice for a blocked permission. */
  origin: string;
  limit: number;
  windowSeconds: number;
}

export function notificationStatus(f: NotificationFacts): NotificationStatus {
  const rate = `at most ${f.limit} every ${f.windowSeconds} s; the rest are counted into the next one`;
  if (f.desktop) {
    return { canToggle: false, on: true, text: `The Lookout app notifies new and regressed issues while its window is not in front (${rate}).` };
  }
  if (f.access === 'unsupported') return { canToggle: false, on: false, text: 'Off: this browser cannot show notifications.' };
  if (f.access === 'insecure') {
    return { canToggle: false, on: false,
      text: `Off: browsers allow notifications only on https or localhost pages; open Lookout at http://127.0.0.1:PORT/ instead of ${f.origin}.` };
  }
  if (f.access === 'denied') {
    return { canToggle: false, on: false,
      text: `Off: this browser blocks notifications from ${f.origin}. Allow them in the site settings (the icon left of the address), then reload and turn this on.` };
  }
  if (!f.wanted) return { canToggle: true, on: false, text: 'Off: the unseen count shows in the sidebar and the tab title only.' };
  if (f.access === 'default') {
    return { canToggle: true, on: false, text: 'Waiting for the browser: allow notifications when it asks (turn this on again if the question was dismissed).' };
  }
  return { canToggle: true, on: true, text: `On: a notification for each new or regressed issue you are not looking at (${rate}); clicking one opens the issue.` };
}
