import type { ProfileProblem } from '../../shared/api-profile';
import { storedEnvelopeReader } from '../api/stored-envelope';
import type { DB } from '../store/db';

/** A stored profile item: where its bytes are in the request that brought it. */
export interface StoredProfileItem { seq: number; envelopeId: number; itemIndex: number }

/** One item's bytes as sent, labelled for the problems that name it. */
export interface StoredPayload { data: Buffer; label: string }

/**
 * Reads stored profile items' bytes as sent, from their raw requests (decompressed, against
 * their body dictionary if they have one). A request that no longer decodes is a problem naming
 * the item, never a throw, so the other items are still shown.
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/
 */
export function readStoredProfileItems(db: DB, items: readonly StoredProfileItem[]): { payloads: StoredPayload[]; problems: ProfileProblem[] } {
  const read = storedEnvelopeReader(db);
  const payloads: StoredPayload[] = [];
  const problems: ProfileProblem[] = [];
  for (const item of items) {
    try {
      const bytes = read(item.envelopeId).envelope?.items[item.itemIndex]?.payload;
      if (bytes) payloads.push({ data: bytes, label: `item ${item.seq}` });
      else problems.push({ code: 'unreadable_item', message: `item ${item.seq}: its stored request no longer holds it` });
    } catch (err) {
      problems.push({ code: 'unreadable_item', message: `item ${item.seq}: its stored request cannot be read: ${(err as Error).message}` });
    }
  }
  return { payloads, problems };
}
