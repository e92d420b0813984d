import type { SessionHour } from '../../../../shared/api-releases';

export const HOUR_MS = 3_600_000;
/** A release seen for under a day still gets a day's chart, as Sentry's release charts default to the last 24 hours. */
export const MIN_CHART_HOURS = 24;

const empty = (hour: number): SessionHour => ({ hour, healthy: 0, errored: 0, unhandled: 0, abnormal: 0, crashed: 0 });

/**
 * The hours the chart draws: the server's hours (dense, oldest first, up to the release's last
 * session) with empty hours before them so the window is at least `minHours` long. One bar alone
 * fills the chart and reads as nothing.
 */
export function sessionWindow(hours: readonly SessionHour[], minHours = MIN_CHART_HOURS): SessionHour[] {
  const first = hours[0];
  if (!first || hours.length >= minHours) return [...hours];
  const pad = minHours - hours.length;
  return [...Array.from({ length: pad }, (_, i) => empty(first.hour - (pad - i) * HOUR_MS)), ...hours];
}

/** An axis label: where it sits (a fraction of the chart's width) and the hour it marks. */
export interface AxisTick { at: number; hour: number; newDay: boolean }

/** Hours between labels that divide a day, so the labels fall on the same round hours every day. */
const TICK_STEPS = [6, 12, 24];
const MAX_TICKS = 8;

/** Labels on round local hours (every 6, 12 or 24 h: 00:00, 06:00…), at most about 8; midnight marks a new day. */
export function sessionAxisTicks(window: readonly SessionHour[]): AxisTick[] {
  const every = TICK_STEPS.find((step) => window.length / step <= MAX_TICKS) ?? 24;
  const ticks: AxisTick[] = [];
  window.forEach((h, i) => {
    const local = new Date(h.hour).getHours();
    if (local % every === 0) ticks.push({ at: i / window.length, hour: h.hour, newDay: local === 0 });
  });
  return ticks;
}
