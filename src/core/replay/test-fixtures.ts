/**
 * Test-only helpers: load the replay fixtures and build recording payloads the way the SDK does
 * (`{"segment_id":N}\n` + plain, zlib or gzip body).
 * @see https://develop.sentry.dev/sdk/telemetry/replays/#replay-recording-item
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync, gzipSync } from 'node:zlib';
import type { RrwebEvent } from './types';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/replay/', import.meta.url));

export function fixtureBytes(name: string): Buffer {
  return readFileSync(FIXTURES + name);
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureBytes(name).toString('utf8'));
}

/** rrweb-event-5.json from getsentry/relay: two performanceSpans (seconds) and a breadcrumb. */
export function relayRrwebEvents(): RrwebEvent[] {
  return fixtureJson('relay-rrweb-event-5.json') as RrwebEvent[];
}

export type BodyEncoding = 'plain' | 'zlib' | 'gzip';

export function encodeBody(json: unknown, encoding: BodyEncoding): Buffer {
  const plain = Buffer.from(JSON.stringify(json), 'utf8');
  if (encoding === 'zlib') return deflateSync(plain);
  if (encoding === 'gzip') return gzipSync(plain);
  return plain;
}

export function recordingPayload(segmentId: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${JSON.stringify({ segment_id: segmentId })}\n`), body]);
}

export interface EnvelopeItem {
  header: Record<string, unknown>;
  payload: Buffer;
}

/** Just enough envelope parsing to read the fixture (items with or without `length`). */
export function envelopeItems(envelope: Buffer): { header: Record<string, unknown>; items: EnvelopeItem[] } {
  let pos = envelope.indexOf(0x0a);
  const header = JSON.parse(envelope.subarray(0, pos).toString('utf8')) as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  pos += 1;
  while (pos < envelope.length) {
    const headerEnd = envelope.indexOf(0x0a, pos);
    const itemHeader = JSON.parse(envelope.subarray(pos, headerEnd).toString('utf8')) as Record<string, unknown>;
    const start = headerEnd + 1;
    const end = typeof itemHeader.length === 'number' ? start + itemHeader.length : nextNewline(envelope, start);
    items.push({ header: itemHeader, payload: envelope.subarray(start, end) });
    pos = end + 1;
  }
  return { header, items };
}

function nextNewline(buffer: Buffer, from: number): number {
  const at = buffer.indexOf(0x0a, from);
  return at < 0 ? buffer.length : at;
}

/** The real @sentry/browser 11 replay envelope recorded by make-recording.mjs. */
export function browserReplayItems(): { eventId: string; replayEvent: unknown; recording: Buffer } {
  const { header, items } = envelopeItems(fixtureBytes('browser-replay-envelope.bin'));
  const event = items.find((item) => item.header.type === 'replay_event');
  const recording = items.find((item) => item.header.type === 'replay_recording');
  if (!event || !recording) throw new Error('fixture lacks replay items');
  return { eventId: String(header.event_id), replayEvent: JSON.parse(event.payload.toString('utf8')), recording: recording.payload };
}
