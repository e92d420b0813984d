/**
 * Dead and rage clicks, as Sentry's replay ingest classifies the SDK's `ui.slowClickDetected`
 * breadcrumbs: dead when nothing happened before the SDK's timeout (`endReason: timeout`, at
 * least 7 s after the click) on a link, button or input; rage when such a click was clicked five
 * times or more. A rage click counts as dead too (`is_dead` is set for both). The replay page's
 * markers and the counts stored on each replay at ingest both come from here.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/replays/usecases/ingest/event_parser.py
 */
import { isRecord, RRWEB_CUSTOM } from './rrweb-normalize';
import type { RrwebEvent } from './types';

export type ClickFrustration = 'dead' | 'rage';

/** What a replay's recording holds: dead clicks (rage clicks included) and rage clicks. */
export interface FrustrationCounts { deadClicks: number; rageClicks: number }

/** The elements a user expects to react; a slow click elsewhere is not dead. */
const REACTIVE_TAGS = new Set(['a', 'button', 'input']);
/** Sentry ignores slow clicks the SDK timed out sooner than its default `slowClickTimeout`. */
const MIN_TIMEOUT_MS = 7000;
/** Sentry's replay UI and ingest: five clicks or more (a double click is no rage). */
export const RAGE_CLICK_COUNT = 5;

/** The SDK's breadcrumb for a click nothing answered in time (its `ClickDetector`). */
export const SLOW_CLICK_CATEGORY = 'ui.slowClickDetected';

/** A number field the SDK writes camelCased (older ones lower-cased it, which Sentry also reads). */
function numberField(data: Record<string, unknown>, name: string): number {
  const value = data[name] ?? data[name.toLowerCase()];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Whether a click breadcrumb's `clickCount` makes it a rage click (five or more). */
export function isRageCount(data: Record<string, unknown>): boolean {
  return numberField(data, 'clickCount') >= RAGE_CLICK_COUNT;
}

/** How a `ui.slowClickDetected` breadcrumb's `data` counts: dead, rage, or neither (merely slow). */
export function slowClickFrustration(data: Record<string, unknown>): ClickFrustration | null {
  const node = isRecord(data.node) ? data.node : {};
  const tag = typeof node.tagName === 'string' ? node.tagName.toLowerCase() : '';
  const dead = data.endReason === 'timeout' && REACTIVE_TAGS.has(tag) && numberField(data, 'timeAfterClickMs') >= MIN_TIMEOUT_MS;
  if (!dead) return null;
  return isRageCount(data) ? 'rage' : 'dead';
}

/**
 * Counts the dead and rage clicks among rrweb events (one segment's, raw or normalised): only
 * custom events are looked into, so a 50 KB segment of DOM mutations costs a loop over its types.
 */
export function countFrustration(events: readonly RrwebEvent[]): FrustrationCounts {
  const counts: FrustrationCounts = { deadClicks: 0, rageClicks: 0 };
  for (const event of events) {
    if (event.type !== RRWEB_CUSTOM || !isRecord(event.data) || event.data.tag !== 'breadcrumb') continue;
    const payload = event.data.payload;
    if (!isRecord(payload) || payload.category !== SLOW_CLICK_CATEGORY) continue;
    const frustration = slowClickFrustration(isRecord(payload.data) ? payload.data : {});
    if (frustration) counts.deadClicks++;
    if (frustration === 'rage') counts.rageClicks++;
  }
  return counts;
}
