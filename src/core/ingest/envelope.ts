/**
 * Sentry envelope parsing and writing, working on raw bytes so binary attachments survive.
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/
 */

const NEWLINE = 0x0a;

/** Headers of one envelope item. Unknown keys are kept as they came. */
export interface EnvelopeItemHeaders {
  type: string;
  length?: number;
  content_type?: string;
  filename?: string;
  attachment_type?: string;
  item_count?: number;
  [k: string]: unknown;
}

/** One item. `payload` is a view into the parsed body (no copy); copy it to keep it longer. */
export interface EnvelopeItem {
  headers: EnvelopeItemHeaders;
  payload: Buffer;
}

/** A parsed envelope: its header line and its items, unknown item types included. */
export interface Envelope {
  headers: Record<string, unknown>;
  items: EnvelopeItem[];
}

/** A malformed envelope. The message is shown to the sender, so it names the item and byte offset. */
export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

/**
 * Parses a Sentry envelope: a JSON header line, then items made of a JSON header line and a
 * payload that is either `length` bytes long or runs to the next `\n` (or the end).
 * Items are numbered from 1 in error messages; offsets are 0-based byte positions in `body`.
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/
 */
export function parseEnvelope(body: Buffer): Envelope {
  if (body.length === 0) throw new EnvelopeError('empty request body');
  const headerEnd = lineEnd(body, 0);
  const headers = parseJsonObject(body, 0, headerEnd, 'envelope header');
  const items: EnvelopeItem[] = [];
  let pos = headerEnd + 1;

  while (pos < body.length) {
    const itemNumber = items.length + 1;
    const itemHeaderEnd = lineEnd(body, pos);
    if (itemHeaderEnd === pos) {
      // A single empty line at the very end is an allowed trailing newline; anywhere else it is not.
      if (pos === body.length - 1) break;
      throw new EnvelopeError(`item ${itemNumber}: empty line at byte ${pos} where an item header was expected`);
    }
    const itemHeaders = parseItemHeaders(body, pos, itemHeaderEnd, itemNumber);
    const payloadStart = Math.min(itemHeaderEnd + 1, body.length);
    const payloadEnd = payloadEndFor(body, itemHeaders, payloadStart, itemNumber);
    items.push({ headers: itemHeaders, payload: body.subarray(payloadStart, payloadEnd) });
    pos = payloadEnd + 1;
  }
  return { headers, items };
}

/**
 * Writes an envelope, always giving each item a `length` equal to its payload size, so any
 * payload (even one holding newlines) round-trips through {@link parseEnvelope}.
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/
 */
export function serializeEnvelope(env: Envelope): Buffer {
  const parts: Buffer[] = [Buffer.from(JSON.stringify(env.headers) + '\n')];
  for (const item of env.items) {
    const headers = { ...item.headers, length: item.payload.length };
    parts.push(Buffer.from(JSON.stringify(headers) + '\n'), item.payload, Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

/** Index of the `\n` ending the line that starts at `start`, or `body.length` when there is none. */
function lineEnd(body: Buffer, start: number): number {
  const nl = body.indexOf(NEWLINE, start);
  return nl === -1 ? body.length : nl;
}

function payloadEndFor(body: Buffer, headers: EnvelopeItemHeaders, start: number, itemNumber: number): number {
  const length = headers.length;
  if (length === undefined) return lineEnd(body, start);
  const remaining = body.length - start;
  if (length > remaining) {
    throw new EnvelopeError(
      `item ${itemNumber} (type "${headers.type}", payload at byte ${start}) declares length ${length} but only ${remaining} bytes remain`,
    );
  }
  const end = start + length;
  if (end < body.length && body[end] !== NEWLINE) {
    throw new EnvelopeError(
      `item ${itemNumber} (type "${headers.type}"): expected a newline or the end of the body after its ${length}-byte payload, at byte ${end}`,
    );
  }
  return end;
}

function parseItemHeaders(body: Buffer, start: number, end: number, itemNumber: number): EnvelopeItemHeaders {
  const where = `item ${itemNumber} header`;
  const raw = parseJsonObject(body, start, end, where);
  if (typeof raw.type !== 'string') {
    throw new EnvelopeError(`${where} at byte ${start} has no string "type"`);
  }
  const length: unknown = raw.length;
  if (length === null) {
    delete raw.length;
  } else if (length !== undefined && !(Number.isSafeInteger(length) && (length as number) >= 0)) {
    throw new EnvelopeError(`${where} at byte ${start} has an invalid "length": ${JSON.stringify(length)}`);
  }
  return raw as EnvelopeItemHeaders;
}

function parseJsonObject(body: Buffer, start: number, end: number, where: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8', start, end));
  } catch (err) {
    throw new EnvelopeError(`${where} at byte ${start} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EnvelopeError(`${where} at byte ${start} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}
