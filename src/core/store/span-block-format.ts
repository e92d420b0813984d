/**
 * The `spans` blob of a `span_blocks` row migrated from the per-span rows of an older store
 * (migration 007): the block's spans as a JSON array of tuples, codec 'raw'. Blocks written since
 * hold no spans: those are read again from the stored request (api/span-blocks-read.ts).
 * @see https://develop.sentry.dev/sdk/telemetry/spans/span-protocol/
 */
import { decodePayload } from './codec';

/**
 * One span as stored: `[span_id, parent_span_id, op, name, status, start_ms, end_ms, data]`,
 * `data` being the span's data/attributes as the JSON text the pipeline kept. Migration 007
 * writes the tuples with `json_array`.
 */
export type StoredSpan = [string | null, string | null, string | null, string | null, string | null, number | null, number | null, string | null];

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
