/**
 * Sentry's own frames inside an rrweb recording: custom events (type 5) whose `data.tag` is
 * `breadcrumb` or `performanceSpan`, each with its `payload`.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/replay-recording/
 */
import { isRecord, isTimestamp, RRWEB_CUSTOM, toMilliseconds } from './rrweb-normalize';
import type { RrwebEvent } from './types';

export interface CustomFrame {
  /** The rrweb event's time, epoch ms. */
  timestamp: number;
  payload: Record<string, unknown>;
}

/** Every well-formed custom frame with the given tag, in recording order; malformed ones are skipped. */
export function customFrames(events: readonly RrwebEvent[], tag: 'breadcrumb' | 'performanceSpan'): CustomFrame[] {
  const frames: CustomFrame[] = [];
  for (const event of events) {
    if (event === null || typeof event !== 'object' || event.type !== RRWEB_CUSTOM || !isTimestamp(event.timestamp)) continue;
    const data = isRecord(event.data) ? event.data : null;
    if (data?.tag !== tag || !isRecord(data.payload)) continue;
    frames.push({ timestamp: toMilliseconds(event.timestamp), payload: data.payload });
  }
  return frames;
}

/** A non-empty string, else undefined. */
export function nonEmptyText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A finite number, else null. */
export function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** How a logged value or captured body reads as text: strings as they are, anything else as indented JSON. */
export function asText(value: unknown, maxChars: number): string {
  let out: string;
  if (typeof value === 'string') out = value;
  else if (value === undefined) out = 'undefined';
  else {
    try {
      out = JSON.stringify(value, null, 2) ?? String(value);
    } catch {
      out = String(value);
    }
  }
  return out.length > maxChars ? `${out.slice(0, maxChars - 1)}…` : out;
}
