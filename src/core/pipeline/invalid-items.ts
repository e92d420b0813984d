import type { ClientOutcome } from '../../shared/api-stats';
import type { EnvelopeItem } from '../ingest/envelope';
import { prepareOther } from './prepare-items';
import type { EnvelopePlan, PreparedItem, PreparedRow } from './types';

/**
 * The items Relay processes together with an envelope's event (its `ProcessingGroup` of items that
 * `requires_event`): when the event cannot be read they are dropped with it, under the same outcome.
 * Sessions, logs, spans, check-ins, client reports and replays are processed on their own and stay.
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/envelope/item.rs (requires_event)
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/services/processor.rs (ProcessingGroup::split_envelope)
 */
const DROPPED_WITH_EVENT = new Set(['event', 'transaction', 'feedback', 'attachment', 'user_report', 'profile']);

/** Relay's data categories of a dropped item, with the quantity each counts (`Item::quantities`). */
function categories(item: EnvelopeItem): [string, number][] {
  switch (String(item.headers.type)) {
    case 'event': return [['error', 1]];
    case 'transaction': return [['transaction', 1]];
    case 'feedback': return [['feedback', 1]];
    case 'profile': return [['profile', 1]];
    case 'attachment': return [['attachment', Math.max(1, item.payload.length)], ['attachment_item', 1]];
    default: return []; // a legacy user_report has no category of its own
  }
}

/**
 * An item Relay would drop as `invalid` (`reason`: `invalid_json`, `no_event_payload`): kept as
 * sent (its bytes stay in the stored request, a row says it came and why it was not processed) and
 * counted under that outcome in Stats, not as accepted.
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/services/outcome.rs (Outcome::Invalid)
 */
export function invalidItem(item: EnvelopeItem, index: number, received: number, reason: string, note: string): PreparedRow {
  const kept = prepareOther(item, index, received);
  const outcomes: ClientOutcome[] = categories(item).map(([category, quantity]) => ({ outcome: 'invalid', reason, category, quantity }));
  const first = kept.rows[0] ?? {};
  return {
    ...kept, kind: 'other', level: 'error', title: `${String(item.headers.type)} dropped (${reason}): ${note}`.slice(0, 300),
    // Only what every kept item has: a dropped profile is not one the profile views should find.
    rows: [{ item_type: first.item_type, headers: first.headers, size: first.size, received }],
    outcomes: { timestamp: received, outcomes },
  };
}

/**
 * After an event of the envelope was found invalid: the items Relay drops with it, already
 * prepared, become invalid too, and the spans of a transaction go (Relay keeps none of its group).
 */
export function dropEventGroup(plan: EnvelopePlan, items: readonly EnvelopeItem[], received: number, reason: string): void {
  const note = 'the event it came with was dropped';
  plan.items = plan.items.map((prepared: PreparedItem) => {
    const item = items[prepared.itemIndex];
    const type = String(item?.headers.type);
    if (!item || !DROPPED_WITH_EVENT.has(type) || (prepared.type === 'rows' && prepared.outcomes?.outcomes.some((o) => o.outcome === 'invalid'))) {
      return prepared;
    }
    return invalidItem(item, prepared.itemIndex, received, reason, note);
  });
  plan.spans = [];
}
