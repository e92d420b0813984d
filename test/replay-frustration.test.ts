import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplayDetail, ReplayRecording, ReplaySummary } from '../src/shared/api-types';
import { fixtureBytes, fixtureJson } from '../src/core/replay/test-fixtures';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';
import { storeBefore039 } from './helpers/store-before-039';

/**
 * Dead and rage clicks counted at ingest (migration 039): the real @sentry/browser replay of
 * test/fixtures/replay/make-dead-clicks.mjs (a button clicked five times that never reacted, a
 * link that never reacted, a button slow to react) sent to a real server and stored in SQLite.
 */
const DEAD_CLICKS = (fixtureJson('browser-dead-clicks.json') as { envelopes: string[] }).envelopes.map((b64) => Buffer.from(b64, 'base64'));
const DEAD_ID = String((JSON.parse(DEAD_CLICKS[0]!.subarray(0, DEAD_CLICKS[0]!.indexOf(0x0a)).toString()) as { event_id: string }).event_id);
/** Another real replay, without a slow click. */
const PLAIN = fixtureBytes('browser-replay-envelope.bin');
const PLAIN_ID = String((JSON.parse(PLAIN.subarray(0, PLAIN.indexOf(0x0a)).toString()) as { event_id: string }).event_id);

const dataDir = mkdtempSync(join(tmpdir(), 'lookout-frustration-'));
let lookout: TestLookout;
const send = async (envelope: Buffer) => {
  const res = await post(`${lookout.url}/api/1/envelope/?sentry_key=lookout`, envelope, { 'content-type': 'application/x-sentry-envelope' });
  expect(res.status).toBe(200);
};
const listed = async (query = '') => lookout.api<ReplaySummary[]>(`replays${query}`);
/** The replay page's figures from its decoded recording: what the counts must equal. */
async function decodedCounts(replayId: string): Promise<{ deadClicks: number; rageClicks: number }> {
  const { markers } = await lookout.api<ReplayRecording>(`replays/${replayId}/recording`);
  return { deadClicks: markers.filter((m) => m.frustration !== undefined).length, rageClicks: markers.filter((m) => m.frustration === 'rage').length };
}

beforeAll(async () => {
  lookout = await startTestLookout({ dataDir });
  await send(PLAIN);
  for (const envelope of DEAD_CLICKS) await send(envelope);
});
afterAll(async () => {
  await lookout.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('dead and rage clicks per replay', () => {
  it('counts them as the segments arrive, the same figures as the decoded recording', async () => {
    const replays = await listed();
    expect(replays.find((r) => r.replayId === DEAD_ID)).toMatchObject({ segmentCount: 4, deadClicks: 2, rageClicks: 1 });
    expect(replays.find((r) => r.replayId === PLAIN_ID)).toMatchObject({ deadClicks: 0, rageClicks: 0 });
    expect(await decodedCounts(DEAD_ID)).toEqual({ deadClicks: 2, rageClicks: 1 });
    expect(await lookout.api<ReplayDetail>(`replays/${DEAD_ID}`)).toMatchObject({ deadClicks: 2, rageClicks: 1 });
  });

  it('counts a segment sent again once, as playback plays it once', async () => {
    await send(DEAD_CLICKS[1]!);
    expect((await listed()).find((r) => r.replayId === DEAD_ID)).toMatchObject({ segmentCount: 5, deadClicks: 2, rageClicks: 1 });
    expect(await decodedCounts(DEAD_ID)).toEqual({ deadClicks: 2, rageClicks: 1 });
  });

  it("sorts by either count with Sentry's sort names, and refuses an unknown one", async () => {
    // The plain replay started earlier (its fixture was recorded first) but has no dead click.
    expect((await listed('?sort=-count_dead_clicks')).map((r) => r.replayId)).toEqual([DEAD_ID, PLAIN_ID]);
    expect((await listed('?sort=count_rage_clicks')).map((r) => r.replayId)).toEqual([PLAIN_ID, DEAD_ID]);
    expect((await listed('?sort=-started_at')).map((r) => r.replayId)).toEqual([DEAD_ID, PLAIN_ID]);
    const res = await fetch(`${lookout.url}/_lookout/api/replays?sort=count_screens`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('-count_dead_clicks');
  });

  it('migration 039 counts the replays stored before it from their stored segments', async () => {
    await lookout.close();
    // A store as Lookout wrote it before 039, holding what this one stored: replays without counts, segments read back from their requests.
    const before = storeBefore039(join(dataDir, 'before'), join(dataDir, 'lookout.db'));
    expect(before.prepare('SELECT COUNT(*) FROM replay_segments WHERE item_index IS NOT NULL AND length(data) = 0').pluck().get()).toBe(6);
    before.close();
    lookout = await startTestLookout({ dataDir: join(dataDir, 'before') });
    const replays = await listed();
    expect(replays.find((r) => r.replayId === DEAD_ID)).toMatchObject({ deadClicks: 2, rageClicks: 1 });
    expect(replays.find((r) => r.replayId === PLAIN_ID)).toMatchObject({ deadClicks: 0, rageClicks: 0 });
    expect(await decodedCounts(DEAD_ID)).toEqual({ deadClicks: 2, rageClicks: 1 });
  });
});
