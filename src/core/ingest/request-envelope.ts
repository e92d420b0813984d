import { randomUUID } from 'node:crypto';
import { parseEnvelope, type Envelope } from './envelope';
import { decodeStoreBody } from './legacy-store';
import { MinidumpError, readMinidumpUpload } from './minidump-upload';
import { nelReportsToLogs, NelReportError } from './nel-report';
import type { IngestRoute } from './routes';
import { securityReportToEvent, type SecurityRequest } from './security-report';

export class RequestError extends Error {
  constructor(message: string, readonly status = 400) { super(message); }
}

function eventEnvelope(event: unknown, extra: Envelope['items'] = []): Envelope {
  const record = (typeof event === 'object' && event !== null && !Array.isArray(event)) ? event as Record<string, unknown> : null;
  if (!record) throw new RequestError('the event must be a JSON object');
  const type = record.type === 'transaction' ? 'transaction' : 'event';
  const eventId = typeof record.event_id === 'string' ? record.event_id : randomUUID().replace(/-/g, '');
  record.event_id = eventId;
  return {
    headers: { event_id: eventId },
    items: [{ headers: { type }, payload: Buffer.from(JSON.stringify(record)) }, ...extra],
  };
}

function minidumpEnvelope(body: Buffer, contentType: string): Envelope {
  try {
    const upload = readMinidumpUpload(body, contentType);
    return eventEnvelope(upload.event, upload.items);
  } catch (err) {
    if (err instanceof MinidumpError) throw new RequestError(err.message);
    throw err;
  }
}

const ENVELOPE_CONTENT_TYPE = /application\/x-sentry-envelope/i;

/**
 * Whether a request's body is an envelope as sent (the envelope routes, and an envelope posted to
 * the legacy store route): then its items can be read back from the stored body, and nothing
 * needs a second copy.
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/
 */
export function bodyIsEnvelope(route: IngestRoute, contentType: string): boolean {
  return route === 'envelope' || route === 'stream' || route === 'tunnel' || (route === 'store' && ENVELOPE_CONTENT_TYPE.test(contentType));
}

/**
 * NEL reports as one log container, the item Relay turns them into (an empty batch: no item).
 * @see https://develop.sentry.dev/sdk/telemetry/logs/#log-envelope-item-payload
 */
function nelEnvelope(body: Buffer, received: number): Envelope {
  let logs;
  try { logs = nelReportsToLogs(body, received); } catch (err) {
    if (err instanceof NelReportError) throw new RequestError(err.message);
    throw err;
  }
  if (logs.length === 0) return { headers: {}, items: [] };
  return {
    headers: {},
    items: [{ headers: { type: 'log', item_count: logs.length, content_type: 'application/vnd.sentry.items.log+json' },
      payload: Buffer.from(JSON.stringify({ items: logs })) }],
  };
}

/**
 * Turns a request body into an envelope, whatever the route: envelopes as they are, legacy
 * store JSON, minidump uploads, CSP reports (with `security`: the release, environment and
 * browser the request names) and NEL reports as a synthesised envelope.
 * Throws EnvelopeError or RequestError (both 400) with a message for the sender.
 */
export function requestToEnvelope(route: IngestRoute, body: Buffer, contentType: string, received: number,
  security: SecurityRequest = {}): Envelope {
  if (body.length === 0) throw new RequestError('empty request body');
  switch (route) {
    case 'envelope': case 'stream': case 'tunnel':
      return parseEnvelope(body);
    case 'store':
      if (bodyIsEnvelope(route, contentType)) return parseEnvelope(body);
      try {
        return eventEnvelope(decodeStoreBody(body));
      } catch (err) {
        if (err instanceof RequestError) throw err;
        const reason = err instanceof RangeError ? 'JSON nested too deep' : (err as Error).message;
        throw new RequestError(`invalid store body: ${reason}`);
      }
    case 'minidump':
      return minidumpEnvelope(body, contentType);
    case 'security': {
      let report: unknown;
      try { report = JSON.parse(body.toString('utf8')); } catch { throw new RequestError('security report is not valid JSON'); }
      try { return eventEnvelope(securityReportToEvent(report, received, security)); } catch (err) {
        throw new RequestError((err as Error).message);
      }
    }
    case 'nel':
      return nelEnvelope(body, received);
  }
}
