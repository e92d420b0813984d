/**
 * Watches what the page's SDK sends to Lookout (through Playwright routing) and can truncate
 * one replay segment in transit, the way a broken upload would arrive.
 */
import type { Page } from '@playwright/test';
import { parseEnvelope, serializeEnvelope } from '../../../src/core/ingest/envelope';
import { decodeSegmentBody, splitRecordingPayload } from '../../../src/core/replay';

export interface SeenSegment {
  segmentId: number | null;
  /** The decoded rrweb events as JSON text (for `includes` checks), '' when undecodable. */
  text: string;
  corrupted: boolean;
}

export interface ReplayTraffic {
  /** Segments Lookout has answered for, in arrival order. */
  segments: SeenSegment[];
  errorEventIds: string[];
  replayId: string | null;
  /** Truncates the first segment whose decoded events contain `needle`. */
  corruptSegmentContaining(needle: string): void;
}

export async function watchReplayTraffic(page: Page, lookoutOrigin: string): Promise<ReplayTraffic> {
  let needle: string | null = null;
  const traffic: ReplayTraffic = {
    segments: [], errorEventIds: [], replayId: null,
    corruptSegmentContaining: (text) => { needle = text; },
  };

  async function inspect(body: Buffer): Promise<{ body: Buffer; seen: SeenSegment[]; errors: string[] }> {
    const envelope = parseEnvelope(body);
    const seen: SeenSegment[] = [];
    const errors: string[] = [];
    let changed = false;
    for (const item of envelope.items) {
      if (item.headers.type === 'event') errors.push(String((JSON.parse(item.payload.toString('utf8')) as { event_id?: unknown }).event_id));
      if (item.headers.type !== 'replay_recording') continue;
      traffic.replayId = String(envelope.headers.event_id);
      const split = splitRecordingPayload(item.payload);
      const decoded = await decodeSegmentBody(split.body);
      const text = decoded.ok ? JSON.stringify(decoded.events) : '';
      const corrupt = needle !== null && text.includes(needle);
      if (corrupt) {
        needle = null;
        changed = true;
        const header = Buffer.from(`${JSON.stringify({ segment_id: split.segmentId })}\n`);
        item.payload = Buffer.concat([header, split.body.subarray(0, Math.floor(split.body.length / 2))]);
      }
      seen.push({ segmentId: split.segmentId, text, corrupted: corrupt });
    }
    return { body: changed ? serializeEnvelope(envelope) : body, seen, errors };
  }

  await page.route((url) => url.origin === lookoutOrigin && /^\/api\/\d+\/envelope\/?$/.test(url.pathname), async (route) => {
    const original = route.request().postDataBuffer();
    const inspected = original ? await inspect(original) : null;
    const response = await route.fetch({ postData: inspected?.body ?? original ?? undefined });
    // Counted only once Lookout has answered, so "seen" means "stored".
    if (inspected && response.ok()) {
      traffic.segments.push(...inspected.seen);
      traffic.errorEventIds.push(...inspected.errors);
    }
    await route.fulfill({ response });
  });
  return traffic;
}
