/**
 * The captured details of the replay's failed requests (status 400 and up), for the report's recorded steps:
 * the request and response headers and bodies the browser SDK recorded for URLs in `networkDetailAllowUrls`
 * (`replay/network-entries.ts` reads them). Headers are scrubbed as the event's request headers are (by key:
 * `Authorization`, `Cookie`, tokens…), bodies as text, and cut to a size a report can hold.
 * @see https://docs.sentry.io/platforms/javascript/session-replay/configuration/#network-details
 * @see https://github.com/getsentry/sentry-javascript/blob/develop/packages/replay-internal/src/coreHandlers/util/networkUtils.ts
 */
import type { ReplayNetworkEntry, ReplayNetworkPart } from '../../shared/api-replay';
import { extractNetworkEntries } from '../replay';
import type { ReplayMarker } from '../replay/types';
import { clip } from './format';
import { scrubTextWith, scrubValueWith, type ScrubContext } from './scrub';

/** One side (request or response) of a failed request, scrubbed. */
export interface NetworkPartView {
  headers: [name: string, value: string][];
  /** The body as text, cut to {@link MAX_BODY_CHARS}; null when the SDK captured none. */
  body: string | null;
  /** The SDK's warnings (`TEXT_TRUNCATED`, `URL_SKIPPED`, `BODY_PARSE_ERROR`…). */
  warnings: string[];
}

export interface NetworkDetailView { request: NetworkPartView | null; response: NetworkPartView | null }

export const MAX_BODY_CHARS = 2000;
const MAX_HEADERS = 30;
/** A request's breadcrumb and its span are recorded apart; they are paired within this window. */
const PAIR_WINDOW_MS = 60_000;

const isFailed = (e: ReplayNetworkEntry): boolean => e.statusCode !== null && e.statusCode >= 400;
const hasDetails = (p: ReplayNetworkPart | null): p is ReplayNetworkPart =>
  p !== null && (Object.keys(p.headers).length > 0 || p.body !== null || p.warnings.length > 0);

function partView(part: ReplayNetworkPart, ctx: ScrubContext | null, path: string): NetworkPartView {
  const headers = Object.fromEntries(Object.entries(part.headers).slice(0, MAX_HEADERS));
  const shown = ctx ? scrubValueWith(headers, ctx, `${path}.headers`) : headers;
  const body = part.body === null ? null : clip(ctx ? scrubTextWith(part.body, ctx, `${path}.body`) : part.body, MAX_BODY_CHARS);
  return { headers: Object.entries(shown).map(([k, v]) => [clip(k, 200), clip(String(v), 1000)]), body, warnings: part.warnings.slice(0, 5) };
}

/**
 * The details of each failed request among `markers`, by marker index: the network step is paired with the
 * recorded request of the same URL and status nearest in time.
 */
export function failedRequestDetails(events: { type: number; timestamp: number; data?: unknown }[], markers: readonly ReplayMarker[],
  ctx: ScrubContext | null): Map<number, NetworkDetailView> {
  const out = new Map<number, NetworkDetailView>();
  const failed = extractNetworkEntries(events).filter((e) => isFailed(e) && (hasDetails(e.request) || hasDetails(e.response)));
  if (failed.length === 0) return out;
  const used = new Set<ReplayNetworkEntry>();
  markers.forEach((m, i) => {
    if (m.kind !== 'network') return;
    let best: ReplayNetworkEntry | null = null;
    for (const e of failed) {
      if (used.has(e) || !m.label.endsWith(`${e.url} → ${e.statusCode}`)) continue;
      const gap = Math.abs(e.timestamp - m.timestamp);
      if (gap <= PAIR_WINDOW_MS && (best === null || gap < Math.abs(best.timestamp - m.timestamp))) best = e;
    }
    if (!best) return;
    used.add(best);
    const path = `replay.steps[${i}].network`;
    out.set(i, {
      request: hasDetails(best.request) ? partView(best.request, ctx, `${path}.request`) : null,
      response: hasDetails(best.response) ? partView(best.response, ctx, `${path}.response`) : null,
    });
  });
  return out;
}

/** "Request headers", "Response body": the label of each captured part, with its text, in order. */
export function networkDetailLines(d: NetworkDetailView): { label: string; text: string; block: boolean }[] {
  const lines: { label: string; text: string; block: boolean }[] = [];
  for (const [side, part] of [['Request', d.request], ['Response', d.response]] as const) {
    if (!part) continue;
    if (part.headers.length > 0) lines.push({ label: `${side} headers`, text: part.headers.map(([k, v]) => `${k}: ${v}`).join('\n'), block: true });
    if (part.body !== null) lines.push({ label: `${side} body`, text: part.body, block: true });
    if (part.warnings.length > 0) lines.push({ label: `${side} warnings`, text: part.warnings.join(', '), block: false });
  }
  return lines;
}
