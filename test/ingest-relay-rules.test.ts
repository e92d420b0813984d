/**
 * Ingest as Relay does it, through a real server on a SQLite file: an old event's time is moved to
 * the receive time (`max_secs_in_past`, the corpus' Android event and a real @sentry/node event), an
 * event item that is not JSON drops only itself and what Relay processes with it (200, the rest
 * stored, counted `invalid` in Stats), and a project that sent only logs is named from their release.
 * @see https://github.com/getsentry/relay/blob/master/relay-event-normalization/src/event.rs (normalize_timestamps)
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/services/processor.rs (ProcessingGroup)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnvelopeRecord, EventDetail, IssueDetail, ItemSummary, Page, Project } from '../src/shared/api-types';
import type { OutcomeStats } from '../src/shared/api-stats';
import { SPOTLIGHT_CORPUS } from '../src/core/grouping/test-support/corpus';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;
beforeAll(async () => { lookout = await startTestLookout(); });
afterAll(async () => { await lookout.stopAndClean(); });

const DAY_S = 86_400;
const dsnOf = (projectId: number) => lookout.dsn.replace(/\/1$/, `/${projectId}`);
const event = (id: string) => lookout.api<EventDetail>(`events/${id}`);
const errorTypes = (detail: EventDetail) => ((detail.payload.errors ?? []) as { type: string }[]).map((e) => e.type);
const itemsOf = async (envelopeId: number) => (await lookout.api<Page<ItemSummary>>('items?limit=500')).items.filter((i) => i.envelopeId === envelopeId);
const stats = (project: number) => lookout.api<OutcomeStats>(`stats?hours=24&project=${project}`);
const quantity = (s: OutcomeStats, outcome: string, category: string) =>
  s.outcomes.filter((o) => o.outcome === outcome && o.category === category).reduce((n, o) => n + o.quantity, 0);

/** A real @sentry/node client whose beforeSend dates the event as an app with a wrong clock would. */
async function sendDated(projectId: number, message: string, secondsAgo: number): Promise<string> {
  const client = new Sentry.NodeClient({
    dsn: dsnOf(projectId), transport: Sentry.makeNodeTransport, stackParser: Sentry.defaultStackParser, integrations: [], sendClientReports: false,
    beforeSend: (e) => ({ ...e, timestamp: Date.now() / 1000 - secondsAgo }),
  });
  client.init();
  const scope = new Sentry.Scope();
  scope.setClient(client);
  const id = scope.captureException(new Error(message));
  expect(await client.flush(10_000)).toBe(true);
  return id;
}

describe('an event older than 30 days is moved to the receive time, as Relay moves it', () => {
  it("the corpus' Android event of 2024-01-26: stored now, its issue first seen now, the original time recorded", async () => {
    const body = readFileSync(join(SPOTLIGHT_CORPUS, 'application_x_sentry_envelope-1706290053204.txt'));
    const before = Date.now();
    const res = await post(`${lookout.url}/api/2/envelope/`, body);
    expect(res.status).toBe(200);
    const detail = await event('f9b386bac7054161b4a22b0684fccdd5');
    expect(detail.timestamp).toBeGreaterThanOrEqual(before);
    expect(detail.timestamp).toBeLessThanOrEqual(Date.now());
    expect(detail.payload.errors).toEqual([expect.objectContaining({ type: 'past_timestamp', name: 'timestamp', value: '2024-01-26T17:27:31.414Z' })]);
    const issue = await lookout.api<IssueDetail>(`issues/${detail.issueId}`);
    expect(issue.firstSeen).toBeGreaterThanOrEqual(before);
    // The breadcrumbs moved with it: still before the error, not 2024.
    const crumbs = (detail.payload.breadcrumbs as { values: { timestamp: number }[] }).values;
    expect(Math.min(...crumbs.map((c) => c.timestamp))).toBeGreaterThan(before / 1000 - 60);
    expect(Math.max(...crumbs.map((c) => c.timestamp))).toBeLessThanOrEqual(detail.timestamp / 1000);
  });

  it('a real @sentry/node event dated 40 days ago is stored now (past_timestamp); one dated 10 days ago is kept as sent', async () => {
    const before = Date.now();
    const old = await event(await sendDated(3, 'clock 40 days behind', 40 * DAY_S));
    expect(old.timestamp).toBeGreaterThanOrEqual(before);
    expect(errorTypes(old)).toEqual(['past_timestamp']);
    const recent = await event(await sendDated(3, 'clock 10 days behind', 10 * DAY_S));
    expect(recent.timestamp).toBeLessThan(before - 9 * DAY_S * 1000);
    expect(errorTypes(recent)).toEqual([]);
  });
});

describe('an event item that is not JSON drops only itself and what Relay processes with it', () => {
  const now = () => new Date().toISOString();
  const id = crypto.randomUUID().replace(/-/g, '');
  const sid = crypto.randomUUID();
  const envelope = () => [
    JSON.stringify({ event_id: id, sent_at: now() }),
    '{"type":"event"}', '{"message": "cut off by a proxy',
    '{"type":"attachment","filename":"notes.txt","length":5}', 'hello',
    '{"type":"session"}', JSON.stringify({ sid, init: true, status: 'ok', started: now(), timestamp: now(), attrs: { release: 'shop@1.0.0' } }),
    '{"type":"log","item_count":1,"content_type":"application/vnd.sentry.items.log+json"}',
    JSON.stringify({ items: [{ timestamp: Date.now() / 1000, level: 'info', body: 'checkout started', attributes: {} }] }),
  ].join('\n');

  it('answers 200 with the id, stores the session and the log, keeps the event and its attachment as sent, counted invalid', async () => {
    const res = await post(`${lookout.url}/api/4/envelope/`, envelope());
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id });
    const [stored] = (await lookout.api<Page<EnvelopeRecord>>('envelopes?outcome=accepted')).items.filter((e) => e.projectId === 4);
    expect(stored).toMatchObject({ status: 200, itemCount: 4 });
    const items = await itemsOf(stored!.id);
    expect(items.map((i) => [i.kind, i.title.replace(/:.*/, '')])).toEqual(expect.arrayContaining([
      ['other', 'event dropped (invalid_json)'], ['other', 'attachment dropped (invalid_json)'], ['session', 'session ok'], ['log', 'checkout started'],
    ]));
    expect(items).toHaveLength(4);
    expect((await fetch(`${lookout.url}/_lookout/api/events/${id}`)).status).toBe(404);
    const counted = await stats(4);
    expect(counted.outcomes.filter((o) => o.outcome === 'invalid').map((o) => [o.category, o.reason, o.quantity]).sort()).toEqual([
      ['attachment', 'invalid_json', 5], ['attachment_item', 'invalid_json', 1], ['error', 'invalid_json', 1],
    ]);
    expect([quantity(counted, 'accepted', 'session'), quantity(counted, 'accepted', 'log_item'), quantity(counted, 'accepted', 'error')]).toEqual([1, 1, 0]);
  });

  it('a body that is not an envelope at all is still refused (400)', async () => {
    const res = await post(`${lookout.url}/api/4/envelope/`, 'this is not an envelope');
    expect(res.status).toBe(400);
  });
});

describe('a project created by logs alone is named from their release', () => {
  // @sentry/node 11 sends logs without `enableLogs` (the option is gone; logs are on by default).
  it("real @sentry/node logs (Sentry.logger) with release logtest@1.0 name project 7 'logtest', platform node", async () => {
    Sentry.init({ dsn: dsnOf(7), release: 'logtest@1.0', defaultIntegrations: false, sendClientReports: false });
    Sentry.logger.info('cache warmed', { entries: 12 });
    expect(await Sentry.flush(10_000)).toBe(true);
    await Sentry.close(10_000);
    const project = (await lookout.api<Project[]>('projects')).find((p) => p.id === 7);
    expect(project).toMatchObject({ name: 'logtest', nameFrom: 'release', platform: 'node' });
  });
});
