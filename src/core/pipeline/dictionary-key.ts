import type { EnvelopePlan, PreparedEvent } from './types';

/**
 * Which stored body this envelope's body most resembles: the same error (its primary grouping
 * hash), the same transaction, else envelopes of the same item types. Bodies with one key share a
 * compression dictionary, so a repeated error costs ~100 bytes instead of ~2 KB.
 */
export function dictionaryKey(plan: Pick<EnvelopePlan, 'items'>): string {
  const event = plan.items.find((i): i is PreparedEvent => i.type === 'event');
  const hash = event?.grouping?.hashes[0];
  if (hash) return `hash:${hash}`;
  if (event?.kind === 'transaction') return `transaction:${event.title.title.slice(0, 200)}`;
  return `items:${plan.items.map((i) => i.kind).join(',').slice(0, 200)}`;
}
