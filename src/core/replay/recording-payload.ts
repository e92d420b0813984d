/**
 * Splits a `replay_recording` item payload into its `{"segment_id":N}` header line and body.
 * @see https://develop.sentry.dev/sdk/telemetry/replays/#replay-recording-item
 */

export interface RecordingPayload {
  segmentId: number | null;
  /** Why the header could not be read; absent when it was fine. */
  headerError?: string;
  /** The body as sent: plain JSON, zlib or gzip. */
  body: Buffer;
}

/** A real header is ~20 bytes; looking further would only find newlines inside a compressed body. */
const MAX_HEADER_BYTES = 1024;
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;

/**
 * Splits at the first `\n`. Never throws: when the header is missing or unreadable the result
 * carries `headerError`, and the body is everything that is not a header.
 */
export function splitRecordingPayload(payload: Buffer): RecordingPayload {
  const newline = payload.subarray(0, MAX_HEADER_BYTES).indexOf(NEWLINE);
  if (payload.length === 0) return { segmentId: null, headerError: 'empty recording payload', body: payload };
  if (payload[0] !== OPEN_BRACE || newline < 0) {
    // No header line at all: keep every byte as the body so nothing is lost.
    return { segmentId: null, headerError: 'recording payload has no {"segment_id":N} header line', body: payload };
  }
  const body = payload.subarray(newline + 1);
  const headerText = payload.subarray(0, newline).toString('utf8').trim();
  let header: unknown;
  try {
    header = JSON.parse(headerText);
  } catch {
    return { segmentId: null, headerError: `recording header is not JSON: ${clip(headerText)}`, body };
  }
  const segmentId = header !== null && typeof header === 'object' ? (header as Record<string, unknown>).segment_id : undefined;
  if (typeof segmentId !== 'number' || !Number.isSafeInteger(segmentId) || segmentId < 0) {
    return { segmentId: null, headerError: `recording header has no valid segment_id: ${clip(headerText)}`, body };
  }
  return { segmentId, body };
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
