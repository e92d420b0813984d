/**
 * The bytes of one `span_blocks` row: the spans of one (envelope, trace, transaction) as a JSON
 * array of tuples, compressed like other payloads. One row and one compressed blob per block
 * instead of a row (and two index entries) per span: a 50-span container was 35 % of the main
 * thread in inserts and stored its span JSON uncompressed beside the compressed envelope.
 * @see https://develop.sentry.dev/sdk/telemetry/spans/span-protocol/
 */
import { decodePayload, encodePayload } from './codec';

/**
 * One span as stored: `[span_id, parent_span_id, op, name, status, start_ms, end_ms, data]`,
 * `data` being the span's data/attributes as the JSON text the pipeline kept. Migration 007
 * writes the same tuples with `json_array`.
 */
export type StoredSpan = [string | null, string | null, string | null, string | null, string | null, number | null, number | null, string | null];

/** Compresses a block's spans (on the prepare worker: the writer only binds the bytes). */
export function encodeSpanBlock(spans: readonly StoredSpan[]): { data: Buffer; codec: string } {
  return encodePayload(Buffer.from(JSON.stringify(spans)));
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The spans of a stored block, in the order they arrived; bytes that do not decode yield none. */
export function decodeSpanBlock(data: unknown, codec: unknown): StoredSpan[] {
  let parsed: unknown;
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.isBuffer(data) ? data : null;
    parsed = JSON.parse(decodePayload(bytes, typeof codec === 'string' ? codec : 'raw').toString('utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const out: StoredSpan[] = [];
  for (const s of parsed) {
    if (!Array.isArray(s)) continue;
    out.push([text(s[0]), text(s[1]), text(s[2]), text(s[3]), text(s[4]), num(s[5]), num(s[6]), text(s[7])]);
  }
  return out;
}
