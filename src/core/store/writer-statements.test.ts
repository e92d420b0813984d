import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnvelope } from '../ingest/envelope';
import { prepareEnvelope } from '../pipeline/prepare-envelope';
import type { EnvelopePlan, PreparedEvent } from '../pipeline/types';
import { openDatabase, type DB } from './db';
import { MAX_ROWS_PER_STATEMENT } from './multi-row-insert';
import { planWriter } from './plan-writer';
import { GroupWriter } from './writer';

const SPOTLIGHT = path.resolve(__dirname, '../../../../shared/corpus/protocol/spotlight');
/** Real SDK error envelopes (Angular, PHP, WordPress, browser JS), each its own issue. */
const ERRORS = ['envelope_angular.txt', 'envelope_php_error.txt', 'envelope_php_wordpress.txt', 'envelope_javascript.txt'];
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

let sent = 0;
/** A corpus error sent again with a new event id, through the real pipeline. */
async function sendAgain(file: string, vary: (ev: PreparedEvent) => void = () => undefined): Promise<EnvelopePlan> {
  const id = (++sent).toString(16).padStart(32, '0');
  const body = Buffer.from(readFileSync(path.join(SPOTLIGHT, file), 'utf8').replace(/"event_id":"[0-9a-f]{32}"/g, `"event_id":"${id}"`));
  const request = { received: Date.now(), route: 'envelope', method: 'POST', projectId: 1, client: null, sentryKey: null, headers: {}, body };
  const plan = await prepareEnvelope(parseEnvelope(body), request, 1, null);
  const ev = plan.items[0];
  if (ev?.type !== 'event') throw new Error(`${file} holds no event`);
  vary(ev);
  return plan;
}

/** Counts each statement's executions by its SQL, for the statements prepared from now on. */
function countStatements(db: DB): Map<string, number> {
  const counts = new Map<string, number>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const stmt = prepare(sql) as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ['run', 'get', 'all', 'iterate']) {
      const original = stmt[method]!.bind(stmt);
      stmt[method] = (...args: unknown[]) => { counts.set(sql, (counts.get(sql) ?? 0) + 1); return original(...args); };
    }
    return stmt;
  }) as unknown as DB['prepare'];
  return counts;
}

function store(opts: { deferred: boolean; counted?: boolean }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-statements-'));
  dirs.push(dir);
  const { db } = openDatabase(dir);
  const counts = opts.counted ? countStatements(db) : new Map<string, number>();
  const write = planWriter(db, { deferred: opts.deferred });
  const writer = new GroupWriter(db, 256, { pending: write });
  /** Writes the plans in one transaction, as ingest groups the requests that arrive during a commit. */
  const commit = (plans: EnvelopePlan[]) => Promise.all(plans.map((p) => writer.submit(() => write(p), { leavesPending: true })));
  return { db, counts, commit, close: () => { writer.close(); db.close(); } };
}

const ran = (counts: Map<string, number>, start: string) =>
  [...counts].filter(([sql]) => sql.trimStart().startsWith(start)).reduce((n, [, times]) => n + times, 0);

describe('statements per stored error on the writer', () => {
  it('write tags, hours and users in multi-row statements, a known dictionary without a query, and outcomes once per commit', async () => {
    const s = store({ deferred: true, counted: true });
    await s.commit(await Promise.all(ERRORS.map((f) => sendAgain(f)))); // issues and body dictionaries made
    s.counts.clear();
    const plans = await Promise.all(Array.from({ length: 30 }, (_, i) => sendAgain(ERRORS[i % ERRORS.length]!)));
    const results = await s.commit(plans);
    expect(new Set(results.map((r) => r.issues[0]?.issueId)).size).toBe(ERRORS.length);

    // The tag rows of the commit's issues, each (issue, key, value) once: in pieces of at most 32 rows.
    const tagRows = new Set(plans.flatMap((p, i) => (p.items[0] as PreparedEvent).tags.map(([k, v]) => `${results[i]!.issues[0]!.issueId}\n${k}\n${v}`)));
    expect(tagRows.size).toBeGreaterThan(MAX_ROWS_PER_STATEMENT);
    expect(ran(s.counts, 'INSERT INTO issue_tags')).toBe(Math.ceil(tagRows.size / MAX_ROWS_PER_STATEMENT));
    expect(ran(s.counts, 'INSERT INTO issue_hourly')).toBe(1);
    expect(ran(s.counts, 'INSERT OR IGNORE INTO issue_users')).toBeLessThanOrEqual(1);
    expect(ran(s.counts, 'SELECT id, crc FROM body_dictionaries')).toBe(0);
    expect(ran(s.counts, 'INSERT INTO outcome_counts')).toBe(1);
    const perEvent = [...s.counts.values()].reduce((a, b) => a + b, 0) / plans.length;
    expect(perEvent).toBeLessThan(7); // 22 before: envelope, dedupe, issue bump, event and item stay one each
    expect(s.db.prepare("SELECT SUM(quantity) FROM outcome_counts WHERE outcome = 'accepted' AND category = 'error'").pluck().get()).toBe(34);
    s.close();
  });

  it('count tags as one statement per tag did: over 32 tags, pairs repeated within an event and across events, several issues', async () => {
    // 40 tags of their own, one pair twice in each event, values shared across events and issues.
    const vary = (n: number) => (ev: PreparedEvent) => {
      for (let t = 0; t < 40; t++) ev.tags.push([`extra.${t}`, `v${(t * n) % 5}`]);
      ev.tags.push(['twice', 'same'], ['twice', 'same']);
      ev.userKey = `id:user-${n % 4}`;
      ev.timestamp = Date.UTC(2026, 10, 20, n % 2, 30);
    };
    const plans = await Promise.all(Array.from({ length: 15 }, (_, n) => sendAgain(ERRORS[n % 3]!, vary(n))));
    const deferred = store({ deferred: true });
    const results = await deferred.commit(plans);
    const oneByOne = store({ deferred: false });
    for (const p of plans) await oneByOne.commit([structuredClone(p)]);

    // What each tag row must hold: every (key, value) an event of the issue carried, as often as it carried it.
    const expected = new Map<string, number>();
    plans.forEach((p, i) => {
      for (const [k, v] of (p.items[0] as PreparedEvent).tags) {
        const row = `${results[i]!.issues[0]!.issueId}|${k}|${v}`;
        expected.set(row, (expected.get(row) ?? 0) + 1);
      }
    });
    const tagRows = (db: DB) => new Map((db.prepare('SELECT issue_id, key, value, count FROM issue_tags').all() as
      { issue_id: number; key: string; value: string; count: number }[]).map((r) => [`${r.issue_id}|${r.key}|${r.value}`, r.count]));
    expect(expected.get(`${results[0]!.issues[0]!.issueId}|twice|same`)).toBe(10);
    expect(tagRows(deferred.db)).toEqual(expected);
    expect(tagRows(oneByOne.db)).toEqual(expected);
    // Each issue's 5 events (n = i, i+3, … i+12) came from 4 users (one twice), 3 in one hour and 2 in the next.
    for (const db of [deferred.db, oneByOne.db]) {
      expect(db.prepare('SELECT users FROM issues ORDER BY id').pluck().all()).toEqual([4, 4, 4]);
      expect(db.prepare('SELECT COUNT(*) FROM issue_users').pluck().get()).toBe(12);
      expect(db.prepare('SELECT count FROM issue_hourly ORDER BY issue_id, hour').pluck().all()).toEqual([3, 2, 2, 3, 3, 2]);
    }
    deferred.close();
    oneByOne.close();
  });
});
