/**
 * Decides which issue changes become notifications and counts unread issues: shared by the desktop
 * app (src/main/notifications.ts, the tray) and the web UI (renderer store/issue-alerts.ts), so
 * both interrupt for the same changes at the same rate. Pure: no Electron, DOM or node.
 * A burst (a test run throwing in a loop) must not produce a wall of notifications: after `limit`
 * notifications within `windowMs` the rest are only counted and mentioned in the next one.
 */
import type { IssueSummary } from './api-types';
import { oneLineText } from './format-chars';

export type IssueChange = 'created' | 'updated' | 'regressed';

/** Only new and regressed issues are worth interrupting the user for. */
export function isNotable(change: IssueChange): boolean {
  return change === 'created' || change === 'regressed';
}

export class NotificationThrottle {
  private shown: number[] = [];
  private suppressed = 0;

  constructor(
    private readonly limit = 3,
    private readonly windowMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Null when this notification should be skipped, else how many were skipped before it. */
  admit(): { skippedBefore: number } | null {
    const time = this.now();
    this.shown = this.shown.filter((shownAt) => time - shownAt < this.windowMs);
    if (this.shown.length >= this.limit) {
      this.suppressed += 1;
      return null;
    }
    this.shown.push(time);
    const skippedBefore = this.suppressed;
    this.suppressed = 0;
    return { skippedBefore };
  }
}

/** Distinct issues that changed notably since the user last looked at the window. */
export class UnreadIssues {
  private readonly ids = new Set<number>();

  add(issue: Pick<IssueSummary, 'id'>): number {
    this.ids.add(issue.id);
    return this.ids.size;
  }

  clear(): void {
    this.ids.clear();
  }

  get count(): number {
    return this.ids.size;
  }
}

/**
 * Notification text from untrusted event data: one line, no control characters, bidi controls shown
 * as `<U+202E>` (an override would make the rest read backwards: `evil.exe` as `exe.live`), bounded.
 */
export function notificationText(value: string | null | undefined, max: number): string {
  const flat = oneLineText(value ?? '');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
