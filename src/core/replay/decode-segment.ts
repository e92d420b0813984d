/**
 * Decodes the body of one replay recording segment into rrweb events.
 * The body is plain JSON (first byte `[`), zlib (0x78, fflate/pako in the browser SDK) or gzip
 * (1f 8b); Relay caps a decompressed replay at 100 MiB, and so do we.
 * @see https://develop.sentry.dev/sdk/telemetry/replays/#replay-recording-item
 */
import { promisify } from 'node:util';
import { gunzip, gunzipSync, inflate, inflateSync, type InputType, type ZlibOptions } from 'node:zlib';
import { isTimestamp, toMilliseconds } from './rrweb-normalize';
import type { DecodedSegment, RrwebEvent } from './types';

export const DEFAULT_MAX_SEGMENT_BYTES = 100 * 1024 * 1024;

type Decompress = (input: InputType, options: ZlibOptions) => Promise<Buffer>;
const inflateAsync: Decompress = promisify(inflate);
const gunzipAsync: Decompress = promisify(gunzip);

/**
 * Never throws: every failure (unknown encoding, truncated or corrupt stream, over the size cap,
 * bad JSON, not an array) comes back as `{ ok: false, error }` so the segment can be kept and
 * marked instead of lost.
 */
export async function decodeSegmentBody(body: Buffer, maxBytes = DEFAULT_MAX_SEGMENT_BYTES): Promise<DecodedSegment> {
  let json: Buffer;
  try {
    const encoding = sniff(body, maxBytes);
    json = encoding === 'plain' ? body : await (encoding === 'zlib' ? inflateAsync : gunzipAsync)(body, { maxOutputLength: maxBytes });
  } catch (error) {
    return { ok: false, error: describeFailure(error, maxBytes) };
  }
  return decodeSegmentJson(json);
}

/**
 * The body's JSON bytes, inflated on the calling thread (a migration's `after` step runs
 * synchronously); throws as `decodeSegmentBody` would fail. `decodeSegmentJson` then reads them.
 */
export function inflateSegmentSync(body: Buffer, maxBytes = DEFAULT_MAX_SEGMENT_BYTES): Buffer {
  const encoding = sniff(body, maxBytes);
  return encoding === 'plain' ? body : (encoding === 'zlib' ? inflateSync : gunzipSync)(body, { maxOutputLength: maxBytes });
}

/** A segment's JSON bytes as rrweb events; never throws. */
export function decodeSegmentJson(json: Buffer): DecodedSegment {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch (error) {
    return { ok: false, error: `segment is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!Array.isArray(parsed)) return { ok: false, error: 'segment JSON is not an array of rrweb events' };
  return summarize(parsed);
}

/** The body's encoding by its first bytes; throws for an empty, unknown or over-cap plain body. */
function sniff(body: Buffer, maxBytes: number): 'plain' | 'zlib' | 'gzip' {
  const first = firstSignificantByte(body);
  if (first === undefined) throw new SegmentError('segment body is empty');
  if (body[first] === 0x5b /* [ */) {
    if (body.length > maxBytes) throw new SegmentError(`plain segment is ${body.length} bytes, over the ${maxBytes}-byte cap`);
    return 'plain';
  }
  if (body[0] === 0x78) return 'zlib';
  if (body[0] === 0x1f && body[1] === 0x8b) return 'gzip';
  throw new SegmentError(`unknown segment encoding (first byte 0x${(body[0] ?? 0).toString(16).padStart(2, '0')})`);
}

/** Index of the first non-whitespace byte, so ` [..]` still counts as plain JSON. */
function firstSignificantByte(body: Buffer): number | undefined {
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return i;
  }
  return undefined;
}

function summarize(entries: unknown[]): DecodedSegment {
  const events: RrwebEvent[] = [];
  let startMs: number | null = null;
  let endMs: number | null = null;
  for (const entry of entries) {
    if (!isRrwebEvent(entry)) continue;
    events.push(entry);
    const ms = toMilliseconds(entry.timestamp);
    if (startMs === null || ms < startMs) startMs = ms;
    if (endMs === null || ms > endMs) endMs = ms;
  }
  return { ok: true, events, count: events.length, startMs, endMs, dropped: entries.length - events.length };
}

function isRrwebEvent(value: unknown): value is RrwebEvent {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.type === 'number' && Number.isInteger(candidate.type) && isTimestamp(candidate.timestamp);
}

class SegmentError extends Error {}

function describeFailure(error: unknown, maxBytes: number): string {
  if (error instanceof SegmentError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_BUFFER_TOO_LARGE') return `segment decompresses to more than ${maxBytes} bytes (cap)`;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'Z_BUF_ERROR') return `segment is truncated: ${message}`;
  return `segment could not be decompressed: ${message}`;
}
