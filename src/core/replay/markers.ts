/**
 * Timeline markers for the replay player, taken from Sentry's custom rrweb events
 * (type 5, `data.tag` = `breadcrumb` or `performanceSpan`) plus the times of linked errors.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/replay-recording/
 */
import { isRecord, isTimestamp, RRWEB_CUSTOM, toMilliseconds } from './rrweb-normalize';
import { isRageCount, slowClickFrustration } from './frustration';
import type { ReplayMarker, RrwebEvent } from './types';

type Kind = ReplayMarker['kind'];

/** Bookkeeping breadcrumbs the SDK records about itself: not user-visible actions. */
const IGNORED_CATEGORIES = new Set(['replay.mutations', 'replay.hydrate-error', 'sentry.transaction', 'sentry.event', 'ui.focus', 'ui.blur']);
const CATEGORY_KINDS: Record<string, Kind> = {
  'ui.click': 'click',
  'ui.tap': 'click',
  'ui.slowClickDetected': 'click',
  'ui.multiClick': 'click',
  'ui.input': 'input',
  'ui.keyDown': 'input',
  navigation: 'navigation',
  console: 'console',
  fetch: 'network',
  xhr: 'network',
  http: 'network',
};
/** Sentry's replay breadcrumb title for a feedback submission. */
export const FEEDBACK_LABEL = 'User Feedback';
const NETWORK_OPS = new Set(['resource.fetch', 'resource.xhr', 'resource.http']);
const MAX_LABEL = 200;
/** The SDK can report one navigation both as a breadcrumb and as a span. */
const DUPLICATE_WINDOW_MS = 1000;

/**
 * Markers sorted by time. `events` should be normalised (ms); stray seconds are converted anyway.
 * `errorTimestamps` are the linked error events' times in epoch ms.
 */
export function extractMarkers(events: RrwebEvent[], errorTimestamps: number[]): ReplayMarker[] {
  const markers: ReplayMarker[] = [];
  for (const time of errorTimestamps) {
    if (isTimestamp(time)) markers.push({ timestamp: toMilliseconds(time), kind: 'error', label: 'Error' });
  }
  for (const event of events) {
    if (event === null || typeof event !== 'object' || event.type !== RRWEB_CUSTOM || !isTimestamp(event.timestamp)) continue;
    const data = isRecord(event.data) ? event.data : null;
    const payload = data && isRecord(data.payload) ? data.payload : null;
    if (!payload) continue;
    const marker = data?.tag === 'breadcrumb' ? fromBreadcrumb(payload) : data?.tag === 'performanceSpan' ? fromSpan(payload) : null;
    if (marker) markers.push({ timestamp: toMilliseconds(event.timestamp), ...marker });
  }
  markers.sort((a, b) => a.timestamp - b.timestamp);
  return dedupe(markers);
}

/** A slow click is dead or rage by Sentry's rule (`frustration.ts`); otherwise it was merely slow. */
const SLOW_CLICK_NAMES = { dead: 'Dead click', rage: 'Rage click' } as const;

function fromBreadcrumb(payload: Record<string, unknown>): Omit<ReplayMarker, 'timestamp'> | null {
  const category = text(payload.category);
  if (!category || IGNORED_CATEGORIES.has(category)) return null;
  const kind = CATEGORY_KINDS[category] ?? 'other';
  const data = isRecord(payload.data) ? payload.data : {};
  const message = text(payload.message);
  switch (category) {
    case 'navigation':
      return { kind, label: clip(text(data.to) ?? message ?? 'Navigation') };
    case 'console': {
      const level = text(payload.level);
      const prefix = level && level !== 'log' && level !== 'info' ? `[${level}] ` : '';
      return { kind, label: clip(prefix + (message ?? 'console')) };
    }
    case 'ui.slowClickDetected': {
      const frustration = slowClickFrustration(data);
      const name = frustration ? SLOW_CLICK_NAMES[frustration] : 'Slow click';
      return { kind, label: clip(`${name}: ${message ?? ''}`), ...(frustration ? { frustration } : {}) };
    }
    case 'ui.multiClick':
      return { kind, label: clip(`${isRageCount(data) ? 'Rage click' : 'Multi-click'}: ${message ?? ''}`) };
    case 'sentry.feedback': {
      // The SDK records only the feedback's event id; its message is the stored feedback's (see the replay API).
      const feedbackEventId = text(data.feedbackId);
      return { kind: 'feedback', label: FEEDBACK_LABEL, ...(feedbackEventId ? { feedbackEventId } : {}) };
    }
    default:
      return { kind, label: clip(withNodeText(message ?? category, data.node)) };
  }
}

function fromSpan(payload: Record<string, unknown>): Omit<ReplayMarker, 'timestamp'> | null {
  const op = text(payload.op);
  if (!op) return null;
  if (op === 'web-vital') return fromWebVital(payload);
  const description = text(payload.description) ?? op;
  // History pushes also arrive as `navigation` breadcrumbs; page loads only as spans.
  if (op.startsWith('navigation.') && op !== 'navigation.push') return { kind: 'navigation', label: clip(description) };
  if (!NETWORK_OPS.has(op)) return null;
  const data = isRecord(payload.data) ? payload.data : {};
  const method = text(data.method) ?? '';
  const status = typeof data.statusCode === 'number' ? ` → ${data.statusCode}` : '';
  return { kind: 'network', label: clip(`${method ? `${method} ` : ''}${description}${status}`) };
}

/** The SDK names each vital by its long name; Sentry's replay breadcrumbs show the short one. */
const VITAL_NAMES: Record<string, string> = {
  'largest-contentful-paint': 'LCP', 'cumulative-layout-shift': 'CLS', 'first-input-delay': 'FID',
  'interaction-to-next-paint': 'INP', 'first-contentful-paint': 'FCP', 'time-to-first-byte': 'TTFB',
};

/**
 * A `web-vital` span (`description` the vital, `data.value` and `data.rating`, as the replay SDK records
 * LCP, CLS and INP): "LCP 416 ms · good". CLS is a score without a unit; the others are milliseconds.
 * @see https://github.com/getsentry/sentry-javascript/blob/develop/packages/replay-internal/src/util/createPerformanceEntries.ts
 */
function fromWebVital(payload: Record<string, unknown>): Omit<ReplayMarker, 'timestamp'> | null {
  const description = text(payload.description);
  const data = isRecord(payload.data) ? payload.data : {};
  if (!description || typeof data.value !== 'number' || !Number.isFinite(data.value)) return null;
  const name = VITAL_NAMES[description] ?? description;
  const value = name === 'CLS' ? String(Math.round(data.value * 1000) / 1000) : `${Math.round(data.value)} ms`;
  const rating = text(data.rating);
  return { kind: 'vital', label: clip(`${name} ${value}${rating ? ` · ${rating}` : ''}`) };
}

/** Click breadcrumbs name the element by selector; its visible text is what a person recognises. */
function withNodeText(label: string, node: unknown): string {
  const content = isRecord(node) ? text(node.textContent)?.trim() : undefined;
  return content ? `${label} "${content.slice(0, 60)}"` : label;
}

function dedupe(markers: ReplayMarker[]): ReplayMarker[] {
  const lastSeen = new Map<string, number>();
  return markers.filter((marker) => {
    const key = `${marker.kind}\u0000${marker.label}\u0000${marker.feedbackEventId ?? ''}`;
    const previous = lastSeen.get(key);
    lastSeen.set(key, marker.timestamp);
    // Dead and rage clicks are counted (and stored per replay at ingest): never merged, or the page and the list would part.
    return marker.kind === 'error' || marker.frustration !== undefined || previous === undefined || marker.timestamp - previous > DUPLICATE_WINDOW_MS;
  });
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function clip(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}
