import { segmentBytesReader, type SegmentSource } from '../api/segment-bytes';
import { countFrustration, decodeSegmentJson, inflateSegmentSync, splitRecordingPayload, SLOW_CLICK_CATEGORY, type FrustrationCounts } from '../replay';
import type { DB } from './db';

interface SegmentKey { id: number; replay_id: string; segment_id: number | null }

/**
 * Fills migration 039's dead and rage clicks for the replays stored before it, as ingest now
 * counts them: each decodable recording segment once (the first copy of a segment sent twice, as
 * playback keeps), its JSON searched for the SDK's slow-click breadcrumb before it is parsed, so a
 * segment without one (nearly all) costs reading its request, its inflate and a byte search:
 * 1,000 replays of 5 segments (one of 50 KB) took 1.1 s on a loaded 2-core machine
 * (test/replay-frustration-scale.test.ts). Video segments are left
 * out: the mobile SDKs record no slow clicks. A segment whose bytes can no longer be read counts
 * nothing rather than stopping the store from opening. Runs once, inside the migration's transaction.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/replays/usecases/ingest/event_parser.py
 */
export function backfillReplayFrustration(db: DB): void {
  // Keys only, in the order stored: the segments' requests are then read one at a time, in the
  // order the file holds them, never all of them at once.
  const segments = db.prepare(`SELECT id, replay_id, segment_id FROM replay_segments WHERE kind = 'recording' AND event_count IS NOT NULL
    ORDER BY id`).all() as SegmentKey[];
  const source = db.prepare('SELECT envelope_id, item_index, data FROM replay_segments WHERE id = ?');
  const update = db.prepare('UPDATE replays SET dead_clicks = ?, rage_clicks = ? WHERE replay_id = ?');
  const bytesOf = segmentBytesReader(db);
  const needle = Buffer.from(SLOW_CLICK_CATEGORY);
  const counted = new Set<string>();
  const totals = new Map<string, FrustrationCounts>();
  for (const segment of segments) {
    if (segment.segment_id !== null) {
      // The first stored copy of a segment sent twice is the one playback plays.
      const key = `${segment.replay_id}\u0000${segment.segment_id}`;
      if (counted.has(key)) continue;
      counted.add(key);
    }
    let json: Buffer;
    try {
      json = inflateSegmentSync(splitRecordingPayload(bytesOf(source.get(segment.id) as SegmentSource)).body);
    } catch {
      continue;
    }
    if (json.indexOf(needle) < 0) continue;
    const decoded = decodeSegmentJson(json);
    if (!decoded.ok) continue;
    const counts = countFrustration(decoded.events);
    if (counts.deadClicks === 0) continue;
    const total = totals.get(segment.replay_id) ?? { deadClicks: 0, rageClicks: 0 };
    totals.set(segment.replay_id, { deadClicks: total.deadClicks + counts.deadClicks, rageClicks: total.rageClicks + counts.rageClicks });
  }
  for (const [replayId, total] of totals) update.run(total.deadClicks, total.rageClicks, replayId);
}
