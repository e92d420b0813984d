import { afterEach, describe, expect, it } from 'vitest';
import type { DB } from '../../src/core/store/db';
import { pruneBatch } from '../../src/core/store/retention';
import { DEFAULT_SETTINGS } from '../../src/core/api/settings';
import type { LookoutOptions } from '../../src/core/app';
import type { EventDetail, IssueDetail, IssueSummary, Page, Settings } from '../../src/shared/api-types';
import { post, startTestLookout, type TestLookout } from '../helpers/lookout';
import { errorEvent, eventEnvelope, newEventId } from './support';

const running: TestLookout[] = [];
afterEach(async () => { await Promise.all(running.splice(0).map((l) => l.stopAndClean())); });

async function start(opts: Partial<LookoutOptions>): Promise<{ lookout: TestLookout; db: DB }> {
  let db: DB | null = null;
  const lookout = await startTestLookout({ ...opts, onDatabase: (d) => { db = d; } });
  running.push(lookout);
  return { lookout, db: db! };
}

/** Sends `n` events spread over `issues` issues, one request at a time (arrival order = send order). */
async function sendEvents(lookout: TestLookout, n: number, issues: number, kindOffset = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = newEventId();
    const res = await post(`${lookout.url}/api/1/envelope/`, eventEnvelope(id, errorEvent(id, kindOffset + (i % issues))));
    expect(res.status).toBe(200);
    ids.push(id);
  }
  return ids;
}

const storedIds = (db: DB) => new Set(db.prepare("SELECT event_id FROM events WHERE kind = 'event'").pluck().all() as string[]);
/** The error-event count retention reads (kept by triggers, migration 009). */
const keptCount = (db: DB) => db.prepare("SELECT n FROM store_counts WHERE name = 'error_events'").pluck().get() as number;
const issueCounts = (db: DB) => db.prepare('SELECT id, count, latest_event_id FROM issues ORDER BY id').all() as
  { id: number; count: number; latest_event_id: string }[];

describe('retention', () => {
  it('has sensible defaults: a million events, 30 days, 2 GiB', () => {
    expect(DEFAULT_SETTINGS.retention).toEqual({ maxEvents: 1_000_000, maxAgeDays: 30, maxBytes: 2 * 1024 ** 3 });
  });

  it('prunes over the event limit in the background, oldest first, keeping each issue\'s latest event and totals', async () => {
    const { lookout, db } = await start({ retention: { maxEvents: 30 }, retentionIntervalMs: 50 });
    const [lonely] = await sendEvents(lookout, 1, 1, 7); // an issue whose only event is the oldest of all
    const ids = await sendEvents(lookout, 100, 3);
    const totals = issueCounts(db);
    await expect.poll(() => storedIds(db).size, { timeout: 10_000, interval: 50 }).toBeLessThanOrEqual(30);

    const kept = storedIds(db);
    expect(kept.has(lonely!)).toBe(true);
    expect([...kept].sort()).toEqual([lonely!, ...ids.slice(-29)].sort());
    expect(issueCounts(db)).toEqual(totals);
    expect(totals.reduce((n, i) => n + i.count, 0)).toBe(101);
    const issues = (await lookout.api<Page<IssueSummary>>('issues?status=all')).items;
    for (const issue of issues) {
      expect((await lookout.api<EventDetail>(`events/${issue.latestEventId}`)).issueId).toBe(issue.id);
      // The issue page says how many of its events are still stored (it tells the user the rest were pruned).
      const stored = db.prepare('SELECT COUNT(*) FROM events WHERE issue_id = ?').pluck().get(issue.id) as number;
      expect((await lookout.api<IssueDetail>(`issues/${issue.id}`)).storedEvents).toBe(stored);
    }
    expect(issues.some((i) => i.count > (db.prepare('SELECT COUNT(*) FROM events WHERE issue_id = ?').pluck().get(i.id) as number))).toBe(true);
    // The settings say which limit is in force: the flag's, over the stored one (which a save keeps).
    const shown = await lookout.api<Settings>('settings');
    expect(shown.retentionOverrides).toEqual({ maxEvents: 30 });
    const saved = await lookout.api<Settings>('settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(shown) });
    expect([saved.retention.maxEvents, saved.retentionOverrides]).toEqual([shown.retention.maxEvents, { maxEvents: 30 }]);
  });

  it('takes its limits from the settings when no flag overrides them', async () => {
    const { lookout, db } = await start({ retentionIntervalMs: 50 });
    await sendEvents(lookout, 40, 2);
    const res = await fetch(`${lookout.url}/_lookout/api/settings`, {
      method: 'PUT', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ retention: { ...DEFAULT_SETTINGS.retention, maxEvents: 10 } }),
    });
    expect(((await res.json()) as Settings).retention.maxEvents).toBe(10);
    await expect.poll(() => storedIds(db).size, { timeout: 10_000, interval: 50 }).toBe(10);
    expect(issueCounts(db).reduce((n, i) => n + i.count, 0)).toBe(40);
    // A 0 (or no number) would have the next pass delete everything: refused, with the field named.
    for (const bad of [{ maxAgeDays: 0 }, { maxBytes: -1 }, { maxEvents: '10' }]) {
      const refused = await fetch(`${lookout.url}/_lookout/api/settings`, {
        method: 'PUT', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ retention: { ...DEFAULT_SETTINGS.retention, maxEvents: 10, ...bad } }),
      });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain(`retention.${Object.keys(bad)[0]} must be a whole number`);
    }
    expect((await lookout.api<Settings>('settings')).retention).toEqual({ ...DEFAULT_SETTINGS.retention, maxEvents: 10 });
    expect(storedIds(db).size).toBe(10);
  });

  it('prunes by age and by total size, never an issue\'s latest event', async () => {
    const { lookout, db } = await start({});
    const ids = await sendEvents(lookout, 60, 4);
    const latest = new Set(issueCounts(db).map((i) => i.latest_event_id));
    const limits = { maxEvents: 1_000_000, maxAgeDays: 30, maxBytes: 2 * 1024 ** 3 };

    // Nothing is old yet; 31 days from now everything is, except what must stay.
    expect(pruneBatch(db, limits)).toBe(0);
    expect(storedIds(db).size).toBe(60);
    while (pruneBatch(db, limits, Date.now() + 31 * 86_400_000, 7) > 0) { /* batches of 7 */ }
    expect(storedIds(db)).toEqual(latest);

    const more = await sendEvents(lookout, 200, 4, 4);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const used = () => ((db.pragma('page_count', { simple: true }) as number) - (db.pragma('freelist_count', { simple: true }) as number)) * pageSize;
    const cap = used() - 4 * pageSize;
    while (used() > cap && pruneBatch(db, { ...limits, maxBytes: cap }, Date.now(), 5) > 0) { /* batches of 5 */ }
    expect(used()).toBeLessThanOrEqual(cap);
    const kept = storedIds(db);
    expect(kept.size).toBeLessThan(204);
    for (const id of issueCounts(db).map((i) => i.latest_event_id)) expect(kept.has(id)).toBe(true);
    // Oldest first: whatever survived of the second batch is its newest part.
    const survivors = more.filter((id) => kept.has(id));
    expect(survivors).toEqual(more.slice(more.length - survivors.length));
    expect(ids.filter((id) => kept.has(id) && !latest.has(id))).toEqual([]);
    expect(issueCounts(db).reduce((n, i) => n + i.count, 0)).toBe(260);
    expect(keptCount(db)).toBe(kept.size);
  });

  it('reads the event count and the expired envelopes without scanning the store', async () => {
    const { lookout, db } = await start({});
    await sendEvents(lookout, 20, 2);
    expect(keptCount(db)).toBe(20);
    db.prepare("UPDATE events SET kind = 'transaction' WHERE id = (SELECT MIN(id) FROM events)").run();
    expect(keptCount(db)).toBe(19);
    const plans = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ cutoff: 0, before: 5, limit: 1 }) as { detail: string }[])
      .map((r) => r.detail).join(' | ');
    // Half the envelopes expired (ids with gaps, as after earlier pruning): exactly those go, in batches.
    db.prepare('DELETE FROM envelopes WHERE id IN (3, 4)').run();
    const ids = db.prepare('SELECT id FROM envelopes ORDER BY id').pluck().all() as number[];
    const old = ids.slice(0, 9);
    db.prepare(`UPDATE envelopes SET received = received - ${40 * 86_400_000} WHERE id <= ?`).run(old.at(-1));
    const latest = new Set(db.prepare('SELECT ev.envelope_id FROM issues i JOIN events ev ON ev.event_id = i.latest_event_id').pluck().all());
    const limits = { maxEvents: 1_000_000, maxAgeDays: 30, maxBytes: 2 * 1024 ** 3 };
    while (pruneBatch(db, limits, Date.now(), 2) > 0) { /* batches of 2 */ }
    expect(db.prepare('SELECT id FROM envelopes ORDER BY id').pluck().all()).toEqual(ids.filter((id) => !old.includes(id) || latest.has(id)));
    // Expired envelopes are looked for only before the first fresh one (a rowid range), not in the whole table.
    expect(plans('SELECT e.id FROM envelopes e WHERE e.id < @before AND e.received < @cutoff ORDER BY e.id LIMIT @limit'))
      .toMatch(/SEARCH e USING INTEGER PRIMARY KEY \(rowid<\?\)/);
  });

  it('finds and deletes rows through indexes, so a batch stays fast on a big store', async () => {
    const { db } = await start({});
    const tables = ['items', 'events', 'span_blocks', 'attachments', 'replay_segments', 'logs', 'check_ins', 'sessions', 'client_reports', 'feedback', 'other_items'];
    for (const table of tables) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN DELETE FROM ${table} WHERE envelope_id IN (SELECT value FROM json_each(?))`)
        .all('[1]') as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan, table).toMatch(new RegExp(`SEARCH ${table} USING (COVERING )?INDEX`));
    }
  });
});

