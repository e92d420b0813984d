/**
 * Scrubbing of byte payloads that go into a bundle: raw envelopes (JSON items re-serialized,
 * text attachments scrubbed as text, binary kept), attachments and rrweb recording segments
 * (decompressed, scrubbed, compressed again the same way).
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/
 * @see https://develop.sentry.dev/sdk/telemetry/replays/
 */
import { isUtf8 } from 'node:buffer';
import { deflateSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import { parseEnvelope, serializeEnvelope, type EnvelopeItem } from '../ingest/envelope';
import { recordingContext, scrubTextWith, scrubValueWith, type ScrubContext } from './scrub';
import type { ScrubHit } from './report-input';

/** Relay's limit for one decompressed replay item. */
const MAX_RECORDING_BYTES = 100 * 1024 * 1024;
const REPLAY_ITEM_TYPES = new Set(['replay_recording', 'replay_video']);

/** An envelope as it goes into a bundle, or why it was left out. */
export type ExportedEnvelope = { data: Buffer } | { omitted: string };

/**
 * Copy of a raw envelope for export: scrubbed when `ctx` is given, replay items dropped unless
 * `includeReplay`. An envelope that cannot be parsed is left out whenever it would need changes:
 * its secrets (or recording) could not be found.
 */
export function exportEnvelope(raw: Buffer, ctx: ScrubContext | null, includeReplay: boolean, path: string): ExportedEnvelope {
  if (ctx === null && includeReplay) return { data: Buffer.from(raw) };
  let env;
  try {
    env = parseEnvelope(raw);
  } catch (err) {
    return { omitted: `cannot be parsed (${(err as Error).message}), so it could not be ${ctx ? 'scrubbed' : 'stripped of replay data'}` };
  }
  const items: EnvelopeItem[] = [];
  env.items.forEach((item, i) => {
    if (!includeReplay && REPLAY_ITEM_TYPES.has(item.headers.type)) return;
    if (ctx === null) { items.push(item); return; }
    const itemPath = `${path}.items[${i}]`;
    const payload = scrubItemPayload(item, ctx, itemPath);
    if (payload) items.push({ headers: scrubValueWith(item.headers, ctx, `${itemPath}.headers`), payload });
  });
  if (items.length === 0 && env.items.length > 0) return { omitted: 'nothing was left in it once replay data (not included, or not scrubbable) was removed' };
  const headers = ctx ? scrubValueWith(env.headers, ctx, `${path}.headers`) : env.headers;
  return { data: serializeEnvelope({ headers, items }) };
}

function scrubItemPayload(item: EnvelopeItem, ctx: ScrubContext, path: string): Buffer | null {
  const type = item.headers.type;
  if (type === 'replay_recording') return scrubRecording(item.payload, ctx, path);
  // Mobile replay videos (msgpack + mp4) cannot be searched for secrets: never exported scrubbed.
  if (type === 'replay_video') return null;
  if (type === 'attachment') return scrubAttachmentData(item.payload, item.headers.content_type, ctx, path);
  return scrubJsonOrText(item.payload, ctx, path) ?? Buffer.from(item.payload);
}

/**
 * Text-like attachments (logs, JSON, view hierarchies) are scrubbed; images and other binary
 * data pass unchanged because they cannot be searched.
 */
export function scrubAttachmentData(data: Buffer, contentType: unknown, ctx: ScrubContext, path: string): Buffer {
  const type = typeof contentType === 'string' ? contentType.toLowerCase() : '';
  if (/^(image|video|audio|font)\//.test(type)) return Buffer.from(data);
  return scrubJsonOrText(data, ctx, path) ?? Buffer.from(data);
}

/**
 * JSON payloads are scrubbed as values, UTF-8 text as text; null for binary data. A payload in which
 * nothing was filtered comes back as the same bytes (re-serializing JSON would change its spacing),
 * so an untouched attachment round-trips byte for byte.
 */
function scrubJsonOrText(data: Buffer, ctx: ScrubContext, path: string): Buffer | null {
  if (data.includes(0) || !isUtf8(data)) return null;
  const text = data.toString('utf8');
  const hits: ScrubHit[] = [];
  const local: ScrubContext = { ...ctx, hits };
  let out: string | null = null;
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') {
    try {
      out = JSON.stringify(scrubValueWith(JSON.parse(text) as unknown, local, path));
    } catch {
      // Not JSON after all (or JSON lines): read as text below.
    }
  }
  out ??= scrubTextWith(text, local, path);
  if (hits.length === 0) return Buffer.from(data);
  ctx.hits?.push(...hits);
  return Buffer.from(out);
}

type Codec = 'plain' | 'zlib' | 'gzip';

/**
 * Scrubs one recording segment: an optional `{"segment_id":N}` header line, then a zlib, gzip
 * or plain JSON body of rrweb events. Null when the body cannot be decoded.
 */
export function scrubRecording(data: Buffer, ctx: ScrubContext, path: string): Buffer | null {
  const nl = data[0] === 0x7b ? data.indexOf(0x0a) : -1;
  const header = nl === -1 ? null : data.subarray(0, nl + 1);
  const body = nl === -1 ? data : data.subarray(nl + 1);
  const codec: Codec | null = body[0] === 0x5b ? 'plain' : body[0] === 0x78 ? 'zlib'
    : body[0] === 0x1f && body[1] === 0x8b ? 'gzip' : null;
  if (codec === null) return null;
  try {
    const opts = { maxOutputLength: MAX_RECORDING_BYTES };
    const json = codec === 'plain' ? body : codec === 'zlib' ? inflateSync(body, opts) : gunzipSync(body, opts);
    const events = JSON.parse(json.toString('utf8')) as unknown;
    const out = Buffer.from(JSON.stringify(scrubValueWith(events, recordingContext(ctx), path)));
    const encoded = codec === 'plain' ? out : codec === 'zlib' ? deflateSync(out) : gzipSync(out);
    return header ? Buffer.concat([header, encoded]) : encoded;
  } catch {
    return null;
  }
}
