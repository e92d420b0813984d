/**
 * The web UI's alerts for new and regressed issues: the unseen count (sidebar, tab title) and, when
 * the user turned them on, browser notifications, decided by the policy the desktop app uses
 * (shared/notification-policy.ts: which changes, at most 3 per 10 s). The count lives in
 * localStorage so a reload keeps it and the tabs of one browser agree (`storage` events).
 * Fed by the app's one SSE subscription (live.ts → `announceIssueChange`).
 * @see https://developer.mozilla.org/en-US/docs/Web/API/Window/storage_event
 */
import { create } from 'zustand';
import type { IssueSummary } from '../../../shared/api-types';
import { isNotable, type IssueChange } from '../../../shared/notification-policy';
import { desktopBridge } from '../api/bridge';
import type { NotificationAccess } from '../lib/notification-status';
import { addUnseen, markSeen, parseUnseen } from '../lib/unseen-issues';
import { createBrowserNotifier, notificationAccess } from './browser-notifier';

export const UNSEEN_KEY = 'lookout.unseenIssues';
export const NOTIFY_KEY = 'lookout.browserNotifications';

export interface IssueAlertsState {
  unseen: number[];
  /** The Settings toggle, per browser. */
  notifyWanted: boolean;
  access: NotificationAccess;
}

function read(key: string): string | null {
  try { return window.localStorage.getItem(key); } catch { return null; }
}

function write(key: string, value: string): void {
  try { window.localStorage.setItem(key, value); } catch { /* storage blocked: this page keeps its own count */ }
}

export const useIssueAlerts = create<IssueAlertsState>(() => ({
  unseen: parseUnseen(read(UNSEEN_KEY)),
  notifyWanted: read(NOTIFY_KEY) === 'on',
  access: notificationAccess(),
}));

/** What this tab shows the user right now (set by use-issue-alerts.ts): changes there are seen as they come. */
let looking: 'all' | number | null = null;

/** Read, change and write in one step, from storage (another tab may have written since). */
function updateUnseen(change: (ids: number[]) => number[]): void {
  const stored = read(UNSEEN_KEY);
  const current = stored === null ? useIssueAlerts.getState().unseen : parseUnseen(stored);
  const next = change(current);
  const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((id, i) => id === b[i]);
  if (!same(next, current)) write(UNSEEN_KEY, JSON.stringify(next));
  if (!same(next, useIssueAlerts.getState().unseen)) useIssueAlerts.setState({ unseen: next });
}

/** The user looks at the Issues list or an issue (or at neither: null); what they see is no longer unseen. */
export function setLooking(target: 'all' | number | null): void {
  looking = target;
  if (target !== null) updateUnseen((ids) => markSeen(ids, target));
}

/** Another tab changed the count or the toggle: adopt it, then drop what this tab shows. */
export function onStorageChanged(key: string | null): void {
  if (key === UNSEEN_KEY || key === null) {
    useIssueAlerts.setState({ unseen: parseUnseen(read(UNSEEN_KEY)) });
    if (looking !== null) setLooking(looking);
  }
  if (key === NOTIFY_KEY || key === null) useIssueAlerts.setState({ notifyWanted: read(NOTIFY_KEY) === 'on', access: notificationAccess() });
}

const notifier = createBrowserNotifier();

/** An issue message from the stream: a new or regressed issue the user is not looking at is unseen, and notified. */
export function announceIssueChange(change: IssueChange, issue: IssueSummary): void {
  if (!isNotable(change) || looking === 'all' || looking === issue.id) return;
  updateUnseen((ids) => addUnseen(ids, issue.id));
  const { notifyWanted, access } = useIssueAlerts.getState();
  // In the desktop app the main process notifies (src/main/notifications.ts): the page must not as well.
  if (notifyWanted && access === 'granted' && desktopBridge() === null) notifier.notify(change, issue);
}

/** The Settings toggle: turning on asks the browser's permission (it must follow the click). */
export async function setNotificationsWanted(wanted: boolean): Promise<void> {
  write(NOTIFY_KEY, wanted ? 'on' : 'off');
  useIssueAlerts.setState({ notifyWanted: wanted });
  if (wanted && notificationAccess() === 'default') await Notification.requestPermission();
  useIssueAlerts.setState({ access: notificationAccess() });
}
