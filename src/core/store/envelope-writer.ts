import type { DeflatedBody, PackedBody, RequestRecord } from '../pipeline/types';
import { bodyEncoder, type DictionaryHint } from './body-dictionary-encode';
import type { DB } from './db';
import { positionalInsert } from './insert-rows';
import { idFloor } from './rowid-floor';

export interface Outcome {
  outcome: 'accepted' | 'rejected';
  status: number;
  reason: string | null;
  itemCount: number;
  projectId: number | null;
}

/** Rejected requests are kept so a user can see what their SDK sent, but only this many. */
export const MAX_REJECTED_KEPT = 1000;

/**
 * Stores the raw request (compressed) with its route, headers, client and outcome. An accepted
 * request with a `dictKey` (requests of one shape share it) is stored against that key's body
 * dictionary when that is smaller; see body-dictionary-encode.ts.
 */
export function recordEnvelope(db: DB, opts: { onDictionary?: (hint: DictionaryHint) => void } = {}) {
  const insert = positionalInsert(db, 'envelopes', ['id', 'received', 'route', 'method', 'project_id', 'client', 'sentry_key', 'outcome',
    'status', 'reason', 'size', 'item_count', 'headers', 'body', 'body_codec', 'body_dict', 'remote_addr'] as const);
  const pruneRejected = db.prepare(`DELETE FROM envelopes WHERE outcome = 'rejected' AND id <= (
    SELECT id FROM envelopes WHERE outcome = 'rejected' ORDER BY id DESC LIMIT 1 OFFSET ${MAX_REJECTED_KEPT})`);
  const encode = bodyEncoder(db, opts);
  const idAbove = idFloor(db, 'envelopes');
  return (req: RequestRecord, outcome: Outcome, dictKey: string | null = null, deflated: DeflatedBody | null = null,
    packed: PackedBody | null = null): number => {
    const projectId = outcome.projectId ?? req.projectId;
    // Rejected requests are pruned without looking at dictionaries, so they never use one.
    const stored = encode(req.body, projectId, outcome.outcome === 'accepted' ? dictKey : null, req.received, deflated, packed);
    const id = Number(insert.run({
      id: idAbove.next(), received: req.received, route: req.route, method: req.method, project_id: projectId,
      client: req.client, sentry_key: req.sentryKey, outcome: outcome.outcome, status: outcome.status, reason: outcome.reason,
      size: req.size ?? req.body.length, item_count: outcome.itemCount, headers: JSON.stringify(req.headers), body: stored.data,
      body_codec: stored.codec, body_dict: stored.dictId, remote_addr: req.remoteAddr ?? null,
    }).lastInsertRowid);
    if (outcome.outcome === 'rejected' && id % 100 === 0) pruneRejected.run();
    return id;
  };
}
