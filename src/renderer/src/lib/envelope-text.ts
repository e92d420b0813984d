/**
 * Splits raw envelope bytes into printable parts for the "raw envelope" view: header lines as
 * text, JSON/text payloads as text, anything binary as a size note. Tolerates malformed input
 * (a `length` running past the end just ends the walk).
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/
 */

export type EnvelopePart =
  | { kind: 'text'; text: string }
  | { kind: 'binary'; size: number; contentType: string | null };

const NEWLINE = 0x0a;
const MAX_ITEMS = 10_000;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

function indexOfNewline(bytes: Uint8Array, from: number): number {
  const i = bytes.indexOf(NEWLINE, from);
  return i < 0 ? bytes.length : i;
}

function headerInfo(line: string): { length: number | null; contentType: string | null; type: string | null } {
  try {
    const h: unknown = JSON.parse(line);
    if (typeof h !== 'object' || h === null) return { length: null, contentType: null, type: null };
    const r = h as Record<string, unknown>;
    const length = typeof r.length === 'number' && Number.isInteger(r.length) && r.length >= 0 ? r.length : null;
    return {
      length,
      contentType: typeof r.content_type === 'string' ? r.content_type : null,
      type: typeof r.type === 'string' ? r.type : null,
    };
  } catch {
    return { length: null, contentType: null, type: null };
  }
}

/** Decodes as text when it is valid UTF-8 without NUL bytes; otherwise null (binary). */
function asText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try { return utf8.decode(bytes); } catch { return null; }
}

function payloadPart(bytes: Uint8Array, contentType: string | null, type: string | null): EnvelopePart {
  const declaredBinary = type === 'replay_recording' || type === 'replay_video'
    || (contentType !== null && !/json|text|xml|javascript/i.test(contentType));
  const text = declaredBinary ? null : asText(bytes);
  return text === null ? { kind: 'binary', size: bytes.length, contentType } : { kind: 'text', text };
}

export function splitEnvelope(bytes: Uint8Array): EnvelopePart[] {
  const parts: EnvelopePart[] = [];
  let pos = indexOfNewline(bytes, 0);
  parts.push({ kind: 'text', text: lenient.decode(bytes.subarray(0, pos)) });
  pos += 1;
  for (let items = 0; pos < bytes.length && items < MAX_ITEMS; items++) {
    const headerEnd = indexOfNewline(bytes, pos);
    const line = lenient.decode(bytes.subarray(pos, headerEnd));
    parts.push({ kind: 'text', text: line });
    pos = headerEnd + 1;
    if (line.trim() === '') continue;
    const info = headerInfo(line);
    const end = info.length !== null ? Math.min(bytes.length, pos + info.length) : indexOfNewline(bytes, pos);
    parts.push(payloadPart(bytes.subarray(pos, end), info.contentType, info.type));
    pos = end;
    if (bytes[pos] === NEWLINE) pos += 1;
  }
  if (pos < bytes.length) parts.push({ kind: 'binary', size: bytes.length - pos, contentType: null });
  return parts;
}
