import type { PastEnvelope } from '../ingest/spotlight-stream';
import type { DB } from './db';
import { envelopeBody } from './event-payload';
import { storedBodyIsEnvelope, storedContentType } from './stored-request';

/**
 * The newest accepted requests that were envelopes as sent (after `afterId`, at most `limit`,
 * oldest first): what Spotlight's sidecar replays from its buffer to a client that connects.
 */
export function recentEnvelopes(db: DB, limit = 100): (afterId: number) => PastEnvelope[] {
  const rows = db.prepare(`SELECT id, route, headers FROM envelopes WHERE outcome = 'accepted' AND id > ? ORDER BY id DESC LIMIT ?`);
  return (afterId) => {
    const found = (rows.all(afterId, limit) as { id: number; route: string; headers: string }[]).reverse();
    return found.flatMap((r) => {
      if (!storedBodyIsEnvelope(r.route, storedContentType(r.headers))) return [];
      try {
        const body = envelopeBody(db, r.id);
        return body ? [{ id: r.id, body }] : [];
      } catch {
        return []; // a body that cannot be read is left out, as a corrupt one is everywhere
      }
    });
  };
}

