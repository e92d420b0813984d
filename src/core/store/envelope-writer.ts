import type { RequestRecord } from '../pipeline/types';
import { encodePayload } from './codec';
import type { DB } from './db';

export interface Outcome {
  outcome: 'accepted' | 'rejected';
  status: number;
  reason: string | null;
  itemCount: number;
  projectId: number | null;
}

/** Rejected requests are kept so a user can see what their SDK sent, but only this many. */
export const MAX_REJECTED_KEPT = 1000;

/** Stores the raw request (compressed) with its route, headers, client and outcome. */
export function recordEnvelope(db: DB) {
  const insert = db.prepare(`INSERT INTO envelopes (received, route, method, project_id, client, sentry_key, outcome,
    status, reason, size, item_count, headers, body, body_codec) VALUES
    (@received, @route, @method, @projectId, @client, @sentryKey, @outcome, @status, @reason, @size, @itemCount, @headers, @body, @codec)`);
  const pruneRejected = db.prepare(`DELETE FROM envelopes WHERE outcome = 'rejected' AND id <= (
    SELECT id FROM envelopes WHERE outcome = 'rejected' ORDER BY id DESC LIMIT 1 OFFSET ${MAX_REJECTED_KEPT})`);
  return (req: RequestRecord, outcome: Outcome): number => {
    const packed = encodePayload(req.body);
    const id = Number(insert.run({
      received: req.received, route: req.route, method: req.method, projectId: outcome.projectId ?? req.projectId,
      client: req.client, sentryKey: req.sentryKey, outcome: outcome.outcome, status: outcome.status, reason: outcome.reason,
      size: req.body.length, itemCount: outcome.itemCount, headers: JSON.stringify(req.headers), body: packed.data, codec: packed.codec,
    }).lastInsertRowid);
    if (outcome.outcome === 'rejected' && id % 100 === 0) pruneRejected.run();
    return id;
  };
}
