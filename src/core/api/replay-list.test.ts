/**
 * The replays list's sorts (duration, errors, activity) and search, over the real @sentry/browser
 * replay envelope sent as three replays, and errors sent by a real @sentry/node client that name them.
 */
import { NodeClient, Scope, defaultStackParser, makeNodeTransport } from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplaySummary } from '../../shared/api-types';
import { startTestLookout, post, type TestLookout } from '../../../test/helpers/lookout';
import { parseEnvelope, serializeEnvelope } from '../ingest/envelope';
import { fixtureBytes } from '../replay/test-fixtures';
import { replayActivity, replaySearchWhere } from './replay-list';

const BROWSER = parseEnvelope(fixtureBytes('browser-replay-envelope.bin'));

/** The fixture as replay `replayId` of `user` on `urls`; without its recording when `metadataOnly`. */
function replayEnvelope(replayId: string, user: Record<string, string>, urls: string[], metadataOnly = false): Buffer {
  const items = BROWSER.items.filter((i) => !metadataOnly || i.headers.type === 'replay_event').map((item) => {
    if (item.headers.type !== 'replay_event') return item;
    const event = JSON.parse(item.payload.toString('utf8')) as Record<string, unknown>;
    // The fixture names an error that was never sent: it would count nowhere, so it goes.
    const payload = { ...event, replay_id: replayId, event_id: replayId, user, urls, error_ids: [] };
    return { headers: item.headers, payload: Buffer.from(JSON.stringify(payload)) };
  });
  return serializeEnvelope({ headers: { ...BROWSER.headers, event_id: replayId }, items });
}

const ALICE = 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1';
const BOB = 'b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2';
const CAROL = 'c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3';

describe('replays list: sorts, activity and search', () => {
  let lookout: TestLookout;
  const ids = async (query: string) => (await lookout.api<ReplaySummary[]>(`replays?${query}`)).map((r) => r.replayId);

  /** Errors from a real Node SDK whose `replay` context names `replayId`, as the browser SDK's scope does. */
  async function sendErrors(replayId: string, n: number): Promise<void> {
    const client = new NodeClient({ dsn: lookout.dsn, transport: makeNodeTransport, stackParser: defaultStackParser, integrations: [], sendClientReports: false });
    client.init();
    for (let i = 0; i < n; i++) {
      const scope = new Scope();
      scope.setClient(client);
      scope.setContext('replay', { replay_id: replayId });
      scope.captureException(new Error(`checkout failed ${replayId.slice(0, 4)} #${i}`));
    }
    expect(await client.flush(10_000)).toBe(true);
  }

  beforeAll(async () => {
    lookout = await startTestLookout();
    const url = `${lookout.url}/api/1/envelope/?sentry_key=lookout`;
    const envelopes = [
      replayEnvelope(ALICE, { email: 'alice@example.com', id: '1' }, ['http://shop.test/checkout']),
      replayEnvelope(BOB, { username: 'bob', ip_address: '10.0.0.2' }, ['http://shop.test/cart', 'http://shop.test/cart/2', 'http://shop.test/pay']),
      replayEnvelope(CAROL, { id: 'carol-7' }, ['http://shop.test/'], true),
    ];
    for (const body of envelopes) expect((await post(url, body, { 'content-type': 'application/x-sentry-envelope' })).status).toBe(200);
    await sendErrors(ALICE, 2);
    await sendErrors(BOB, 1);
  });
  afterAll(() => lookout.stopAndClean());

  it('counts each replay\'s errors and scores its activity as Sentry does', async () => {
    const list = await lookout.api<ReplaySummary[]>('replays');
    const byId = new Map(list.map((r) => [r.replayId, r]));
    // (2 × 25 + 1 × 5) / 10 = 5; (1 × 25 + 3 × 5) / 10 = 4; (0 + 5) / 10 → at least 1.
    expect(byId.get(ALICE)).toMatchObject({ errorCount: 2, activity: 5 });
    expect(byId.get(BOB)).toMatchObject({ errorCount: 1, activity: 4 });
    expect(byId.get(CAROL)).toMatchObject({ errorCount: 0, activity: 1, segmentCount: 0 });
  });

  it('sorts by errors, activity and duration, both ways', async () => {
    expect(await ids('sort=-count_errors')).toEqual([ALICE, BOB, CAROL]);
    expect(await ids('sort=count_errors')).toEqual([CAROL, BOB, ALICE]);
    expect(await ids('sort=-activity')).toEqual([ALICE, BOB, CAROL]);
    // Without a recording segment a replay has nothing to play: the shortest.
    expect((await ids('sort=-duration')).at(-1)).toBe(CAROL);
    expect((await ids('sort=duration'))[0]).toBe(CAROL);
  });

  it('searches URLs and users, by a bare word or Sentry\'s keys', async () => {
    expect(await ids('query=alice')).toEqual([ALICE]);
    expect(await ids('query=user.email%3Aalice%40example')).toEqual([ALICE]);
    expect(await ids('query=url%3A%2Fcart')).toEqual([BOB]);
    expect(await ids('query=user.username%3Abob')).toEqual([BOB]);
    expect(await ids('query=carol-7')).toEqual([CAROL]);
    expect(await ids('query=shop.test%20alice&sort=-count_errors')).toEqual([ALICE]);
    expect(await ids('query=100%25')).toEqual([]);
  });

  it('refuses an unknown sort, naming the new ones', async () => {
    const res = await fetch(`${lookout.url}/_lookout/api/replays?sort=loudest`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/-activity/);
  });
});

describe('replay list helpers', () => {
  it('clamps the activity score to 1…10 with integer division', () => {
    expect(replayActivity(0, 0)).toBe(1);
    expect(replayActivity(0, 3)).toBe(1);
    expect(replayActivity(1, 0)).toBe(2);
    expect(replayActivity(9, 9)).toBe(10);
  });

  it('escapes LIKE wildcards in a search', () => {
    expect(replaySearchWhere('50%_off').params).toEqual(['%50\\%\\_off%', '%50\\%\\_off%']);
    expect(replaySearchWhere('url:').sql).toBe('');
  });
});
