/**
 * Moves a recorded envelope to the present: every time in it (envelope `sent_at`, event and span
 * timestamps, breadcrumbs, replay events, and the rrweb events inside a replay recording, deflated or
 * not) shifts by the same amount. Recorded traffic then stays "now" to Lookout, which otherwise
 * corrects a `sent_at` over 55 minutes old (Relay's clock drift) in events but not in recordings, and
 * clamps timestamps over 30 days old.
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/
 */
import { deflateSync, inflateSync } from 'node:zlib';

/** Times within a day of `around` (epoch ms) are shifted: as epoch seconds, epoch ms, or ISO text. */
function shifter(around: number, shiftMs: number): (value: unknown) => unknown {
  const near = (ms: number): boolean => Math.abs(ms - around) < 86_400_000;
  const walk = (value: unknown): unknown => {
    if (typeof value === 'number') {
      if (near(value)) return value + shiftMs;
      if (near(value * 1000)) return value + shiftMs / 1000;
      return value;
    }
    if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value) && near(Date.parse(value))) {
      return new Date(Date.parse(value) + shiftMs).toISOString();
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk;
}

const json = (walk: (v: unknown) => unknown, bytes: Buffer): Buffer => Buffer.from(JSON.stringify(walk(JSON.parse(bytes.toString('utf8')))));

function redateRecording(walk: (v: unknown) => unknown, payload: Buffer): Buffer {
  const newline = payload.indexOf(0x0a);
  const head = payload.subarray(0, newline + 1);
  const body = payload.subarray(newline + 1);
  let deflated = true;
  let text: Buffer;
  try { text = inflateSync(body); } catch { text = body; deflated = false; }
  const moved = json(walk, text);
  return Buffer.concat([head, deflated ? deflateSync(moved) : moved]);
}

/** The envelope with every time moved by `shiftMs`; `around` is when it was recorded (epoch ms). */
export function redateEnvelope(envelope: Buffer, around: number, shiftMs: number): Buffer {
  const walk = shifter(around, shiftMs);
  const parts: Buffer[] = [];
  let at = envelope.indexOf(0x0a);
  parts.push(json(walk, envelope.subarray(0, at)));
  at += 1;
  while (at < envelope.length) {
    const headerEnd = envelope.indexOf(0x0a, at);
    const header = JSON.parse(envelope.subarray(at, headerEnd).toString('utf8')) as { type?: string; length?: number };
    const start = headerEnd + 1;
    const end = typeof header.length === 'number' ? start + header.length : (() => { const n = envelope.indexOf(0x0a, start); return n < 0 ? envelope.length : n; })();
    const payload = envelope.subarray(start, end);
    const moved = header.type === 'replay_recording' ? redateRecording(walk, payload)
      : header.type === 'attachment' ? payload : json(walk, payload);
    parts.push(Buffer.from(JSON.stringify({ ...header, length: moved.length })), moved);
    at = end + 1;
  }
  return Buffer.concat(parts.flatMap((p) => [p, Buffer.from('\n')]));
}
