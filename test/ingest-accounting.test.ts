/**
 * Every item accounted for as Relay accounts for it, through a real server on a SQLite file: an
 * unreadable log, span, check-in, replay event, session or profile is dropped with Relay's outcome
 * while the envelope's other items are stored; an envelope with two event items is refused its event
 * (`duplicate_item`); an event sent again is not stored again, nor its attachment, nor its bytes
 * (`duplicate`); tags Relay would drop are dropped and said in the event's errors (real @sentry/node).
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/services/outcome.rs (DiscardReason)
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/services/processor/event.rs (is_duplicate)
 */
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, ItemSummary, Page } from '../src/shared/api-types';
import type { OutcomeStats } from '../src/shared/api-stats';
import type { DB } from '../src/core/store/db';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;
let db: DB;
beforeAll(async () => { lookout = await startTestLookout({ onDatabase: (d) => { db = d; } }); });
afterAll(async () => { await lookout.stopAndClean(); });

const newId = () => crypto.randomUUID().replace(/-/g, '');
const stats = (project: number) => lookout.api<OutcomeStats>(`stats?hours=24&project=${project}`);
/** `[category, reason, quantity]` of every non-accepted outcome, sorted. */
const dropped = (s: OutcomeStats) => s.outcomes.filter((o) => o.outcome !== 'accepted').map((o) => [o.category, o.reason, o.quantity]).sort();
const accepted = (s: OutcomeStats, category: string) => s.outcomes.find((o) => o.outcome === 'accepted' && o.category === category)?.quantity ?? 0;
const itemsOf = async (project: number) => (await lookout.api<Page<ItemSummary>>('items?limit=500')).items.filter((i) => i.projectId === project);

/** An envelope of `[headers, payload]` items, each payload's length in its header. */
function envelope(header: Record<string, unknown>, items: [Record<string, unknown>, string | Buffer][]): Buffer {
  const parts: Buffer[] = [Buffer.from(JSON.stringify(header))];
  for (const [h, payload] of items) {
    const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    parts.push(Buffer.from(JSON.stringify({ ...h, length: bytes.length })), bytes);
  }
  return Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from('\n'), p])));
}

describe('unreadable items other than events are dropped with the outcome Relay gives them', () => {
  it('a log (6 logs), span, check-in, replay event, session and profile that are not JSON: each counted, the event stored', async () => {
    const id = newId();
    const badLogs = '{"items":[{bad json';
    const body = envelope({ event_id: id }, [
      [{ type: 'event' }, JSON.stringify({ event_id: id, message: 'the good event' })],
      [{ type: 'log', item_count: 6, content_type: 'application/vnd.sentry.items.log+json' }, badLogs],
      [{ type: 'span', item_count: 2, content_type: 'application/vnd.sentry.items.span.v2+json' }, '{"items":['],
      [{ type: 'check_in' }, '{"check_in_id":'],
      [{ type: 'replay_event' }, '{"replay_id":'],
      [{ type: 'session' }, '{"sid":'],
      [{ type: 'profile' }, 'not a profile'],
    ]);
    const res = await post(`${lookout.url}/api/11/envelope/`, body);
    expect(res.status).toBe(200);
    expect((await lookout.api<EventDetail>(`events/${id}`)).title).toBe('the good event');
    const s = await stats(11);
    expect(dropped(s)).toEqual([
      ['log_byte', 'invalid_json', badLogs.length], ['log_item', 'invalid_json', 6], ['monitor', 'invalid_json', 1],
      ['profile', 'profiling_invalid_json', 1], ['replay', 'invalid_replay', 1], ['span', 'invalid_json', 2],
    ]);
    // As Relay counts them: nothing of these accepted (a session is dropped without an outcome, as Relay drops it).
    expect(['error', 'log_item', 'span', 'monitor', 'profile', 'session'].map((c) => accepted(s, c))).toEqual([1, 0, 0, 0, 0, 0]);
    const titles = (await itemsOf(11)).map((i) => `${i.kind} ${i.title.replace(/:.*/, '')}`).sort();
    expect(titles).toEqual(['check_in dropped (invalid_json)', 'event the good event', 'log dropped (invalid_json)',
      'profile dropped (profiling_invalid_json)', 'replay_event dropped (invalid_replay)', 'session dropped (invalid_json)',
      'span dropped (invalid_json)'].map((t) => (t.startsWith('event') ? t : `other ${t}`)).sort());
    expect(db.prepare("SELECT COUNT(*) FROM other_items WHERE project_id = 11 AND item_type = 'profile' AND item_index IS NOT NULL").pluck().get()).toBe(0);
  });
});

describe('an envelope with two event items is refused its event, as Relay refuses a DuplicateItem', () => {
  it('both events and their attachment dropped (duplicate_item), the log beside them stored', async () => {
    const [a, b] = [newId(), newId()];
    const body = envelope({ event_id: a }, [
      [{ type: 'event' }, JSON.stringify({ event_id: a, message: 'TWO-A' })],
      [{ type: 'event' }, JSON.stringify({ event_id: b, message: 'TWO-B' })],
      [{ type: 'attachment', filename: 'a.txt' }, 'hello'],
      [{ type: 'log', item_count: 1, content_type: 'application/vnd.sentry.items.log+json' },
        JSON.stringify({ items: [{ timestamp: Date.now() / 1000, level: 'info', body: 'beside two events', attributes: {} }] })],
    ]);
    expect((await post(`${lookout.url}/api/12/envelope/`, body)).status).toBe(200);
    for (const id of [a, b]) expect((await fetch(`${lookout.url}/_lookout/api/events/${id}`)).status).toBe(404);
    const s = await stats(12);
    expect(dropped(s)).toEqual([['attachment', 'duplicate_item', 5], ['attachment_item', 'duplicate_item', 1], ['error', 'duplicate_item', 2]]);
    expect(accepted(s, 'log_item')).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM issues WHERE project_id = 12').pluck().get()).toBe(0);
  });
});

describe('an event sent again is not stored again, as Sentry keeps the first of an event id', () => {
  it('three sends of one event with a 2 MB attachment: one event, one attachment, one body; two counted duplicate', async () => {
    const id = newId();
    const attachment = Buffer.alloc(2 * 1024 * 1024, 'A');
    const body = envelope({ event_id: id }, [
      [{ type: 'event' }, JSON.stringify({ event_id: id, message: 'sent three times' })],
      [{ type: 'attachment', filename: 'big.bin' }, attachment],
    ]);
    for (let i = 0; i < 3; i++) expect((await post(`${lookout.url}/api/13/envelope/`, body)).status).toBe(200);
    const detail = await lookout.api<EventDetail>(`events/${id}`);
    expect(detail.duplicates).toBe(2);
    expect(detail.attachments.map((x) => x.filename)).toEqual(['big.bin']);
    expect(db.prepare('SELECT COUNT(*) FROM events WHERE project_id = 13').pluck().get()).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM attachments WHERE project_id = 13').pluck().get()).toBe(1);
    const s = await stats(13);
    expect([accepted(s, 'error'), accepted(s, 'attachment'), accepted(s, 'attachment_item')]).toEqual([1, attachment.length, 1]);
    expect(dropped(s)).toEqual([['attachment', 'duplicate', 2 * attachment.length], ['attachment_item', 'duplicate', 2], ['error', 'duplicate', 2]]);
    // Each request is recorded with its size; only the first keeps its bytes.
    const kept = db.prepare('SELECT size, length(body) AS stored FROM envelopes WHERE project_id = 13 ORDER BY id').all() as { size: number; stored: number }[];
    expect(kept.map((k) => k.size)).toEqual([body.length, body.length, body.length]);
    expect(kept.map((k) => k.stored > 0)).toEqual([true, false, false]);
    const rows = (await itemsOf(13)).filter((i) => i.title.startsWith('duplicate, not stored again'));
    expect(rows).toHaveLength(4);
  });
});

describe('tags Relay drops are dropped and said in the event errors (real @sentry/node)', () => {
  it('a NUL, a 201-character key, HTML and a newline value go; a key with a space becomes a dash', async () => {
    const client = new Sentry.NodeClient({
      dsn: lookout.dsn.replace(/\/1$/, '/14'), transport: Sentry.makeNodeTransport, stackParser: Sentry.defaultStackParser,
      integrations: [], sendClientReports: false,
    });
    client.init();
    const scope = new Sentry.Scope();
    scope.setClient(client);
    scope.setTags({ 'nul\u0000key': 'v', ['k'.repeat(201)]: 'long key', '<b>x</b>': 'html', 'two words': 'spaced', ok: 'kept',
      multi: 'line\nbreak', long: 'v'.repeat(201) });
    const id = scope.captureException(new Error('tagged oddly'));
    expect(await client.flush(10_000)).toBe(true);
    const detail = await lookout.api<EventDetail>(`events/${id}`);
    const tags = Object.fromEntries(detail.payload.tags as [string, string][]);
    expect(tags).toMatchObject({ 'two-words': 'spaced', ok: 'kept' });
    for (const gone of ['nul\u0000key', 'k'.repeat(201), '<b>x</b>', 'multi', 'long']) expect(tags).not.toHaveProperty([gone]);
    const errors = (detail.payload.errors ?? []) as { type: string; name: string; reason?: string }[];
    expect(errors.map((e) => e.type).sort()).toEqual(['invalid_data', 'invalid_data', 'invalid_data', 'value_too_long', 'value_too_long']);
    expect(errors.every((e) => /^tags\.\d+\.[01]$/.test(e.name))).toBe(true);
    await client.close(10_000);
  });
});
