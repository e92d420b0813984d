/**
 * The replay player's Network tab: the recording's `performanceSpan` frames for requests
 * (`resource.fetch`, `resource.xhr`), loaded resources (`resource.script`, `resource.img`…) and
 * page loads (`navigation.navigate`, `.reload`, `.back_forward`), with the headers and bodies the
 * SDK captured for URLs in `networkDetailAllowUrls`, kept exactly as sent (masked values too).
 * Sizes and methods follow Sentry's network table: a request's size is its response's, a
 * resource's is its transfer size, and a request without a method is a GET.
 * @see https://github.com/getsentry/sentry-javascript/blob/develop/packages/replay-internal/src/coreHandlers/util/networkUtils.ts
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/replays/detail/network/resourceSize.tsx
 */
import type { ReplayNetworkEntry, ReplayNetworkPart } from '../../shared/api-replay';
import { isRecord, isTimestamp, toMilliseconds } from './rrweb-normalize';
import { asText, customFrames, finiteOrNull, nonEmptyText } from './custom-frames';
import type { RrwebEvent } from './types';

const REQUEST_OPS = new Set(['resource.fetch', 'resource.xhr', 'resource.http']);
/** Page loads are requests; `navigation.push` (a history change) is not and stays in the breadcrumbs. */
const PAGE_LOAD_OPS = new Set(['navigation.navigate', 'navigation.reload', 'navigation.back_forward']);
/** The SDK caps a body at 150 kB; this bounds a hand-made recording. */
const MAX_BODY_CHARS = 300_000;
const MAX_HEADERS = 100;

/** Network entries sorted by start time. `events` should be normalised (ms); stray seconds are converted anyway. */
export function extractNetworkEntries(events: readonly RrwebEvent[]): ReplayNetworkEntry[] {
  const entries: ReplayNetworkEntry[] = [];
  for (const { timestamp, payload } of customFrames(events, 'performanceSpan')) {
    const op = nonEmptyText(payload.op);
    if (!op || !(op.startsWith('resource.') || PAGE_LOAD_OPS.has(op))) continue;
    const data = isRecord(payload.data) ? payload.data : {};
    const start = isTimestamp(payload.startTimestamp) ? toMilliseconds(payload.startTimestamp) : timestamp;
    const end = isTimestamp(payload.endTimestamp) ? toMilliseconds(payload.endTimestamp) : null;
    const isRequest = REQUEST_OPS.has(op);
    const response = isRequest ? networkPart(data.response) : null;
    entries.push({
      timestamp: start,
      durationMs: end !== null && end >= start ? end - start : null,
      op,
      type: op.slice(op.indexOf('.') + 1),
      method: (isRequest ? nonEmptyText(data.method) : undefined) ?? 'GET',
      url: nonEmptyText(payload.description) ?? '',
      statusCode: finiteOrNull(data.statusCode),
      size: isRequest ? (response?.size ?? finiteOrNull(data.responseBodySize)) : finiteOrNull(data.size),
      request: isRequest ? networkPart(data.request, finiteOrNull(data.requestBodySize)) : null,
      response,
    });
  }
  return entries.sort((a, b) => a.timestamp - b.timestamp);
}

/** `{size, headers, body, _meta: {warnings}}` as the SDK records it; null when it recorded nothing at all. */
function networkPart(value: unknown, fallbackSize: number | null = null): ReplayNetworkPart | null {
  if (!isRecord(value)) return fallbackSize === null ? null : { headers: {}, body: null, size: fallbackSize, warnings: [] };
  const headers: Record<string, string> = {};
  if (isRecord(value.headers)) {
    for (const [name, header] of Object.entries(value.headers).slice(0, MAX_HEADERS)) {
      if (typeof header === 'string') headers[name] = header;
    }
  }
  const meta = isRecord(value._meta) ? value._meta : {};
  const warnings = Array.isArray(meta.warnings) ? meta.warnings.filter((w): w is string => typeof w === 'string') : [];
  return {
    headers,
    body: value.body === undefined || value.body === null ? null : asText(value.body, MAX_BODY_CHARS),
    size: finiteOrNull(value.size) ?? fallbackSize,
    warnings,
  };
}
