import { describe, expect, it } from 'vitest';
import { notificationStatus, type NotificationFacts } from './notification-status';

const base: NotificationFacts = { desktop: false, access: 'granted', wanted: true, origin: 'http://127.0.0.1:8969', limit: 3, windowSeconds: 10 };

describe('notificationStatus', () => {
  it('is on only when wanted and granted, and says the rate', () => {
    const on = notificationStatus(base);
    expect(on).toMatchObject({ on: true, canToggle: true });
    expect(on.text).toContain('at most 3 every 10 s');
    expect(notificationStatus({ ...base, wanted: false })).toMatchObject({ on: false, canToggle: true });
    expect(notificationStatus({ ...base, access: 'default' }).text).toContain('allow notifications when it asks');
  });

  it('says how to allow a blocked permission, and why an insecure page cannot ask', () => {
    const denied = notificationStatus({ ...base, access: 'denied' });
    expect(denied).toMatchObject({ on: false, canToggle: false });
    expect(denied.text).toContain('http://127.0.0.1:8969');
    expect(denied.text).toContain('site settings');
    expect(notificationStatus({ ...base, access: 'insecure', origin: 'http://192.168.1.4:8969' }).text).toContain('https or localhost');
    expect(notificationStatus({ ...base, access: 'unsupported' }).canToggle).toBe(false);
  });

  it('leaves the desktop app to its main process (no toggle, no second notification)', () => {
    expect(notificationStatus({ ...base, desktop: true, wanted: false })).toMatchObject({ on: true, canToggle: false });
  });
});
