import type { ClientOutcome } from '../../shared/api-stats';
import type { EnvelopePlan, PreparedItem, PreparedRow } from '../pipeline/types';
import { acceptedQuantities } from './outcome-counts';

/** A stored event a resent copy names: its row and issue. */
export interface StoredEvent { id: number; issue_id: number | null }

/**
 * Sentry's reason for an event whose id is already stored for the project: it keeps the first and
 * drops the copy, with its attachments, under the `invalid` outcome (`DiscardReason::Duplicate`).
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/services/outcome.rs (DiscardReason::Duplicate)
 */
export const DUPLICATE_REASON = 'duplicate';

/** Whether `item` is a resent copy (of an event in `stored`) or one of its attachments. */
export function isResent(item: PreparedItem, stored: ReadonlyMap<string, StoredEvent>): boolean {
  if (stored.size === 0) return false;
  if (item.type === 'event') return stored.has(item.eventId);
  return item.table === 'attachments' && item.rows.length > 0 && item.rows.every((r) => stored.has(String(r.event_id)));
}

/**
 * The items as Stats counts them: a resent copy and its attachments under `invalid` / `duplicate` in
 * the categories they would have been accepted in, not as accepted.
 */
export function countedItems(plan: EnvelopePlan, stored: ReadonlyMap<string, StoredEvent>): readonly PreparedItem[] {
  if (stored.size === 0) return plan.items;
  const received = plan.request.received;
  return plan.items.map((item): PreparedItem => {
    if (!isResent(item, stored)) return item;
    const outcomes: ClientOutcome[] = acceptedQuantities(item)
      .map(([category, quantity]) => ({ outcome: 'invalid', reason: DUPLICATE_REASON, category, quantity }));
    const counted: PreparedRow = { type: 'rows', itemIndex: item.itemIndex, kind: 'other', title: '', level: null, timestamp: received,
      eventId: item.eventId, table: 'other_items', rows: [], outcomes: { timestamp: received, outcomes } };
    return counted;
  });
}

/**
 * Whether nothing of the envelope is stored but resent copies: its body, the same bytes its first
 * copy's request holds, need not be kept again (the request is still recorded, with its size).
 */
export function onlyResent(plan: EnvelopePlan, stored: ReadonlyMap<string, StoredEvent>): boolean {
  return stored.size > 0 && plan.items.length > 0 && plan.items.every((i) => isResent(i, stored))
    && !plan.replay && !(plan.segments?.length) && plan.spans.every((b) => stored.has(String(b.transaction_event_id)));
}

/** A resent copy's title in the Stream: what it is, and that it was not stored again. */
export const resentTitle = (title: string): string => `duplicate, not stored again: ${title}`;
