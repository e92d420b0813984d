import { describe, expect, it } from 'vitest';
import { NotificationThrottle, UnreadIssues, isNotable, notificationText } from './notification-policy';

describe('NotificationThrottle', () => {
  it('lets `limit` through per window, then counts the rest into the next one', () => {
    let now = 0;
    const throttle = new NotificationThrottle(3, 10_000, () => now);
    const burst = Array.from({ length: 10 }, () => throttle.admit());
    expect(burst.filter((r) => r !== null)).toHaveLength(3);
    now += 10_000;
    expect(throttle.admit()).toEqual({ skippedBefore: 7 });
    expect(throttle.admit()).toEqual({ skippedBefore: 0 });
  });

  it('slides the window: old notifications stop counting', () => {
    let now = 0;
    const throttle = new NotificationThrottle(2, 1000, () => now);
    throttle.admit();
    now = 600;
    throttle.admit();
    expect(throttle.admit()).toBeNull();
    now = 1000;
    expect(throttle.admit()).toEqual({ skippedBefore: 1 });
  });
});

describe('UnreadIssues', () => {
  it('counts distinct issues until cleared', () => {
    const unread = new UnreadIssues();
    expect([unread.add({ id: 1 }), unread.add({ id: 2 }), unread.add({ id: 1 })]).toEqual([1, 2, 2]);
    unread.clear();
    expect(unread.count).toBe(0);
  });
});

describe('isNotable / notificationText', () => {
  it('notifies new and regressed issues, not every new event', () => {
    expect(['created', 'regressed', 'updated'].map((c) => isNotable(c as 'created'))).toEqual([true, true, false]);
  });

  it('flattens untrusted text to one bounded line', () => {
    expect(notificationText('TypeError:\n\tboom\u0007  now', 100)).toBe('TypeError: boom now');
    const long = notificationText('x'.repeat(500), 50);
    expect(long).toHaveLength(50);
    expect(long.endsWith('…')).toBe(true);
    expect(notificationText(null, 10)).toBe('');
  });

  it('shows a bidi override as a marker, so the rest of the title reads in the order it was written', () => {
    // The reviewer's spoof: after U+202E, `exe.live` is drawn as `evil.exe`.
    expect(notificationText('Error: invoice\u202Eexe.live', 100)).toBe('Error: invoice<U+202E>exe.live');
    expect(notificationText('a\u2066b\u2069\u200bc\ufeff', 100)).toBe('a<U+2066>b<U+2069><U+200B>c<U+FEFF>');
  });
});
