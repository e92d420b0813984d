/**
 * Facts the player reads from the recorded rrweb events themselves: which page was open at each
 * moment (the player's address bar), and how much of the replay's start has no page to show.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/replay-recording/
 */
import type { ReplayRrwebEvent } from '../../../shared/api-types';

/** rrweb event types the player reads here. */
const FULL_SNAPSHOT = 2;
const META = 4;
const CUSTOM = 5;

/** The page the recording shows from `timestamp` (epoch ms) on. */
export interface PageAt {
  timestamp: number;
  url: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmpty = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The URL one event says the page went to, or null: rrweb meta (`href`), a navigation span or breadcrumb. */
function urlOf(event: ReplayRrwebEvent): string | null {
  const data = isRecord(event.data) ? event.data : null;
  if (!data) return null;
  if (event.type === META) return nonEmpty(data.href);
  if (event.type !== CUSTOM || !isRecord(data.payload)) return null;
  const payload = data.payload;
  // Page loads, reloads and history pushes arrive as `navigation.*` spans whose description is the URL.
  if (data.tag === 'performanceSpan') return typeof payload.op === 'string' && payload.op.startsWith('navigation.') ? nonEmpty(payload.description) : null;
  if (data.tag === 'breadcrumb' && payload.category === 'navigation' && isRecord(payload.data)) return nonEmpty(payload.data.to);
  return null;
}

/**
 * Every page change in time order, as Sentry's player address bar follows them. A `navigation`
 * breadcrumb's `to` may be a path only: it is resolved against the page before it.
 */
export function pageTimeline(events: readonly ReplayRrwebEvent[]): PageAt[] {
  const pages: PageAt[] = [];
  for (const event of events) {
    const raw = urlOf(event);
    if (raw === null) continue;
    const previous = pages[pages.length - 1];
    const url = absolute(raw, previous?.url);
    if (previous?.url === url) continue;
    pages.push({ timestamp: event.timestamp, url });
  }
  // Navigation spans are timed by their start; keep the list sorted however they arrived.
  return pages.sort((a, b) => a.timestamp - b.timestamp);
}

function absolute(url: string, base: string | undefined): string {
  if (!base || /^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

/** The page open at `epochMs`: the last change at or before it, else the first page (the replay starts on it). */
export function pageAt(pages: readonly PageAt[], epochMs: number): string | null {
  let found: string | null = pages[0]?.url ?? null;
  for (const page of pages) {
    if (page.timestamp > epochMs) break;
    found = page.url;
  }
  return found;
}

/** Below this the gap before the first snapshot is the SDK's own start-up, not missing recording. */
const UNRECORDED_MIN_MS = 1000;

/**
 * How long the replay runs before its first full page snapshot (ms from its first event), or 0. An
 * on-error (`buffer`) replay keeps only the last minute or so before the error, from its latest
 * snapshot, yet older performance entries (web vitals) come with it: before the snapshot there is
 * no page to show, and rrweb would show the later page from 0:00.
 */
export function unrecordedLeadMs(events: readonly ReplayRrwebEvent[]): number {
  const first = events[0];
  const snapshot = events.find((e) => e.type === FULL_SNAPSHOT);
  if (!first || !snapshot) return 0;
  const lead = snapshot.timestamp - first.timestamp;
  return lead >= UNRECORDED_MIN_MS ? lead : 0;
}
