/**
 * How an import replays a bundle's envelopes through the ingest pipeline: each as a request of its own
 * (route `import bundle`, with the marks `imported-trace.ts` reads), and the envelope read as the
 * store endpoint reads it when the bundle holds a legacy event body.
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/
 */
import { parseEnvelope, type Envelope } from '../ingest/envelope';
import { requestToEnvelope } from '../ingest/request-envelope';
import type { RequestRecord } from '../pipeline/types';
import { IMPORT_ROUTE } from './imported-trace';

/** The request record an imported envelope is stored with. */
export function importRequest(body: Buffer, projectId: number, headers: Record<string, string> = {}): RequestRecord {
  return { received: Date.now(), route: IMPORT_ROUTE, method: 'IMPORT', projectId, client: 'lookout import', sentryKey: null, headers, body };
}

/**
 * A bundle's envelope. Bundles written before Lookout turned store-endpoint bodies into
 * envelopes on export hold the event JSON itself: it parses as an envelope header without
 * items, and is read as the store endpoint reads it.
 */
export function bundledEnvelope(raw: Buffer): Envelope {
  let envelope: Envelope | null = null;
  let failure: unknown = null;
  try { envelope = parseEnvelope(raw); } catch (err) { failure = err; }
  if (envelope && envelope.items.length > 0) return envelope;
  try {
    return requestToEnvelope('store', raw, 'application/json', Date.now());
  } catch {
    if (envelope) return envelope;
    throw failure;
  }
}
