import type { DB } from '../store/db';
import { serializeEnvelope } from '../ingest/envelope';
import { requestToEnvelope } from '../ingest/request-envelope';
import { storedSecurityRequest } from '../ingest/security-request';
import type { IngestRoute } from '../ingest/routes';
import { envelopeBody } from '../store/event-payload';
import { storedBodyIsEnvelope, storedContentType, storedRoute } from '../store/stored-request';

const SYNTHESISED_ROUTES: ReadonlySet<string> = new Set<IngestRoute>(['store', 'minidump', 'security']);

/**
 * The stored request of an event as an envelope, for a bundle: envelope bodies as they came; a
 * legacy store body, a CSP report or a minidump upload as the envelope the ingest made of it, with
 * the event id the event was stored under (the ingest draws one when the body has none).
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/
 */
export function bundleEnvelopeBody(db: DB, envelopeId: number, eventId: string): Buffer | null {
  const body = envelopeBody(db, envelopeId);
  if (!body) return null;
  const row = db.prepare('SELECT route, headers, received, remote_addr FROM envelopes WHERE id = ?').get(envelopeId) as
    { route: string; headers: string; received: number; remote_addr: string | null };
  const contentType = storedContentType(row.headers);
  const route = storedRoute(row.route);
  // Other routes (an imported bundle's) only ever stored envelopes.
  if (!SYNTHESISED_ROUTES.has(route) || storedBodyIsEnvelope(row.route, contentType)) return body;
  // A CSP report's release, environment, browser and address are the request's, not the body's.
  const envelope = requestToEnvelope(route as IngestRoute, body, contentType, row.received,
    route === 'security' ? storedSecurityRequest(row.route, row.headers, row.remote_addr) : {});
  envelope.headers.event_id = eventId;
  const item = envelope.items.find((i) => i.headers.type === 'event' || i.headers.type === 'transaction');
  if (item) item.payload = Buffer.from(JSON.stringify({ ...JSON.parse(item.payload.toString('utf8')) as object, event_id: eventId }));
  return serializeEnvelope(envelope);
}

