/**
 * The spans of one envelope item as sent, the same for prepare (which keeps only a summary of
 * them, see span-blocks.ts) and for the trace API (which reads them again from the stored request).
 * @see https://develop.sentry.dev/sdk/telemetry/spans/span-protocol/
 */
import type { Envelope } from '../ingest/envelope';
import { normalizeEventId } from './normalize-event';
import { MAX_ITEM_SPANS, parseItemJson, readEventItem, transactionSpanSources } from './prepare-event';

/** A span item's spans: a v2 container's `items`, or the item itself as one v1 span. */
export function spanItemSources(json: unknown): unknown[] {
  const items = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as { items?: unknown }).items : undefined;
  return (Array.isArray(items) ? items : [json]).slice(0, MAX_ITEM_SPANS);
}

/**
 * The spans prepare took from item `index` of `envelope` (received at `received`): a span item's,
 * or a transaction's after the same normalisation and trimming, its root first; none for other
 * items. Throws ItemError when the item is not JSON (prepare then stored no spans of it).
 */
export function itemSpanSources(envelope: Envelope, index: number, received: number): unknown[] {
  const item = envelope.items[index];
  if (!item) return [];
  const type = String(item.headers.type);
  if (type === 'span') return spanItemSources(parseItemJson(item, index));
  if (type !== 'transaction') return [];
  return transactionSpanSources(readEventItem(item, index, normalizeEventId(envelope.headers.event_id), received, null,
    envelope.headers.sent_at).event);
}
