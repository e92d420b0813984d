import { useEffect } from 'react';
import { desktopBridge } from '../../api/bridge';
import { notificationStatus } from '../../lib/notification-status';
import { onStorageChanged, setNotificationsWanted, useIssueAlerts } from '../../store/issue-alerts';

/** The desktop app's rate (src/main/notifications.ts uses NotificationThrottle's defaults too). */
const LIMIT = 3;
const WINDOW_SECONDS = 10;

/**
 * Settings → Notifications: the browser toggle (per browser, off until turned on, which asks the
 * browser's permission) and a line saying what is on and why. In the desktop app the main process
 * notifies, so there is no toggle.
 */
export function NotificationsSetting() {
  const wanted = useIssueAlerts((s) => s.notifyWanted);
  const access = useIssueAlerts((s) => s.access);
  // The permission may have changed in the site settings since: read it again when Settings opens.
  useEffect(() => { onStorageChanged(null); }, []);
  const desktop = desktopBridge() !== null;
  const status = notificationStatus({
    desktop, access, wanted, origin: window.location.origin, limit: LIMIT, windowSeconds: WINDOW_SECONDS,
  });
  return (
    <section className="card">
      <h2>Notifications</h2>
      {!desktop && (
        <label className="field-static">
          <input type="checkbox" style={{ width: 15 }} checked={wanted && status.canToggle} disabled={!status.canToggle}
            data-testid="setting-browser-notifications" onChange={(e) => { void setNotificationsWanted(e.target.checked); }} />
          {' '}Browser notifications for new and regressed issues
        </label>
      )}
      <p className="muted" data-testid="notifications-status" data-on={status.on ? 'true' : 'false'}>{status.text}</p>
    </section>
  );
}
