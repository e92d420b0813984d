import { randomUUID } from 'node:crypto';
import { parseEnvelope } from './envelope';

/** Item types Spotlight passes on as bytes (`{ data }`), not as parsed JSON. */
const RAW_TYPES = new Set(['attachment', 'replay_video', 'statsd']);
const TEXT_TYPES = new Set(['text/plain', 'text/css', 'text/csv', 'text/html', 'text/javascript', 'text/json', 'text/x-json',
  'application/json', 'application/ld+json']);

/**
 * An envelope as Spotlight's sidecar sends it on `GET /stream`: `[header, [[itemHeader,
 * payload], …]]`, JSON payloads parsed (with their item `type`), raw items as `{ data }` in text
 * or base64. Its overlay and `spotlight tail` read exactly this. Null when the body is no envelope.
 * @see https://spotlightjs.com/architecture/
 */
export function spotlightEnvelopeJson(body: Buffer, envelopeId: string = randomUUID()): string | null {
  let envelope;
  try { envelope = parseEnvelope(body); } catch { return null; }
  const items = envelope.items.map((item) => {
    const header = { ...item.headers };
    if (RAW_TYPES.has(header.type)) {
      const contentType = typeof header.content_type === 'string' ? header.content_type : header.type === 'statsd' ? 'text/plain' : '';
      return [header, { data: item.payload.toString(TEXT_TYPES.has(contentType) ? 'utf8' : 'base64') }];
    }
    try {
      const parsed: unknown = JSON.parse(item.payload.toString('utf8'));
      return [header, typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { ...parsed, type: header.type } : parsed];
    } catch {
      return [header, item.payload.toString('utf8')];
    }
  });
  return JSON.stringify([{ ...envelope.headers, __spotlight_envelope_id: envelopeId }, items]);
}
