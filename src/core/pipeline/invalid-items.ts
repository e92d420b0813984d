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

/** A container's `item_count` header (logs, spans), 1 when it has none, as Relay reads it. */
function itemCount(item: EnvelopeItem): number {
  const count = Number(item.headers.item_count);
  return Number.isInteger(count) && count > 0 ? count : 1;
}

/**
 * Relay's data categories of a dropped item, with the quantity each counts (`Item::quantities`).
 * Sessions count none: Relay drops an unreadable session silently ("sessions never log outcomes").
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/envelope/item.rs (quantities)
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/services/processor/session.rs
 */
function categories(item: EnvelopeItem): [string, number][] {
  switch (String(item.headers.type)) {
    case 'event': return [['error', 1]];
    case 'transaction': return [['transaction', 1]];
    case 'feedback': return [['feedback', 1]];
    case 'profile': return [['profile', 1]];
    case 'profile_chunk': return [['profile_chunk', 1]];
    case 'attachment': return [['attachment', Math.max(1, item.payload.length)], ['attachment_item', 1]];
    case 'log': return [['log_item', itemCount(item)], ['log_byte', Math.max(1, item.payload.length)]];
    case 'span': return [['span', itemCount(item)]];
    case 'check_in': return [['monitor', 1]];
    case 'replay_event': return [['replay', 1]];
    default: return []; // a legacy user_report, a session or a client report has no outcome of its own
  }
}

/**
 * The reason Relay gives when an item of `type` cannot be read as JSON: its own for a replay event
 * (`invalid_replay`) and a profile (`profiling_invalid_json`), else `invalid_json` (events, logs,
 * spans and check-ins alike).
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/services/outcome.rs (DiscardReason::name)
 * @see https://github.com/getsentry/relay/blob/master/relay-profiling/src/outcomes.rs
 */
export function unreadableReason(type: string): string {
  if (type === 'replay_event') return 'invalid_replay';
  if (type === 'profile' || type === 'profile_chunk') return 'profiling_invalid_json';
  return 'invalid_json';
}

/** Item types whose unreadable payload Relay drops (with the outcome of {@link unreadableReason}, if any). */
export const DROPPED_WHEN_UNREADABLE: ReadonlySet<string> = new Set([
  'log', 'span', 'check_in', 'replay_event', 'session', 'sessions', 'profile', 'profile_chunk',
]);

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
