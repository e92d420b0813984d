import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IssueDetail, MergedGroup } from '../../shared/api-types';
import { startLookout, type LookoutApp } from '../app';
import { openDatabase, type DB } from './db';
import { deleteAllData } from './delete-all';
import { deleteIssues } from './issue-delete';
import { mergedGroups } from './issue-unmerge';
import { mergeInJobs, unmergeInJobs, type SubmitWrite } from './merge-jobs';
import { fillStore } from './test-filled-store';

// A merge or unmerge cut short after k of its writer jobs (the process "dies": later jobs never
// run), the store closed, then Lookout started on it: the start-up finishes what was begun.
const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/protocol/spotlight');
const ANGULAR = readFileSync(path.join(CORPUS, 'envelope_angular.txt'), 'utf8');
const REACT = readFileSync(path.join(CORPUS, 'envelope_javascript.txt'), 'utf8');
const dirs: string[] = [];
const apps: LookoutApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A store holding `counts[i]` copies of each real SDK error (one issue each), the first of each also sent again. */
async function filledStore(counts: [number, number]): Promise<{ dir: string; resent: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-resume-'));
  dirs.push(dir);
  const ids = await fillStore(dir, [ANGULAR, REACT], counts, [0]);
  return { dir, resent: ids.map((list) => list[0]!) };
}

/** Writer jobs on a store opened alone, of which only the first `jobs` ever commit: a process killed between two. */
function dyingAfter(db: DB, jobs: number): SubmitWrite {
  let ran = 0;
  return <T>(run: () => T) => (ran++ < jobs ? Promise.resolve(db.transaction(run)()) : new Promise<T>(() => undefined));
}

async function interrupted(dir: string, jobs: number, op: (db: DB, submit: SubmitWrite) => Promise<unknown>): Promise<void> {
  const { db } = openDatabase(dir);
  void op(db, dyingAfter(db, jobs));
  await new Promise((r) => setTimeout(r, 50));
  expect(db.prepare('SELECT COUNT(*) FROM pending_issue_ops').pluck().get()).toBe(1);
  db.close();
}

/** Starts Lookout on the store and waits until nothing is left to finish. */
async function started(dir: string): Promise<{ app: LookoutApp; db: DB; log: string[] }> {
  const log: string[] = [];
  let db: DB | null = null;
  const app = await startLookout({ dataDir: dir, port: 0, host: '127.0.0.1', log: (l) => log.push(l), onDatabase: (d) => { db = d; } });
  apps.push(app);
  const store = db as unknown as DB;
  await expect.poll(() => store.prepare('SELECT COUNT(*) FROM pending_issue_ops').pluck().get(), { timeout: 20_000, interval: 20 }).toBe(0);
  // The last line is logged once the last job is on disk.
  await expect.poll(() => log.some((l) => /^Lookout: (merged|unmerged) |nothing left to finish/.test(l)), { timeout: 5000, interval: 10 }).toBe(true);
  return { app, db: store, log };
}

const api = async <T>(app: LookoutApp, p: string): Promise<T> => (await fetch(`${app.url}/_lookout/api/${p}`)).json() as Promise<T>;

/** Count, stored events and hourly sum of each issue: one figure each, or a message naming the issue that disagrees. */
function tallies(db: DB) {
  return db.prepare(`SELECT id, count, (SELECT COUNT(*) FROM events e WHERE e.issue_id = i.id) AS events,
    (SELECT SUM(count) FROM issue_hourly h WHERE h.issue_id = i.id) AS hourly FROM issues i ORDER BY id`).all() as
    { id: number; count: number; events: number; hourly: number }[];
}
const activity = (db: DB, kind: string) => db.prepare('SELECT issue_id, data FROM issue_activity WHERE kind = ? ORDER BY id').all(kind);
const itemIssues = (db: DB, eventId: string) => db.prepare('SELECT DISTINCT issue_id FROM items WHERE event_id = ?').pluck().all(eventId);

describe('a merge or unmerge cut short finishes at the next start', () => {
  it('finishes a merge cut after its first move, then an unmerge cut after two chunks, the invariants holding each time', async () => {
    const { dir, resent } = await filledStore([2300, 2100]);
    let issues = (() => { const { db } = openDatabase(dir); const t = tallies(db); db.close(); return t; })();
    const [parent, child] = [issues.find((i) => i.count === 2300)!.id, issues.find((i) => i.count === 2100)!.id];
    // The plan's job and one of three moves (1,000 events, the resent one among them) commit.
    await interrupted(dir, 2, (db, submit) => mergeInJobs(db, submit, [parent, child]));
    {
      const { db } = openDatabase(dir);
      expect(tallies(db).map((t) => t.events)).toEqual([3300, 1100]);
      // The resent event moved before the cut: only the remembered plan says its copy's request must follow.
      expect(db.prepare('SELECT issue_id FROM events WHERE event_id = ?').pluck().get(resent[1])).toBe(parent);
      db.close();
    }
    const first = await started(dir);
    issues = tallies(first.db);
    expect(issues).toEqual([{ id: parent, count: 4400, events: 4400, hourly: 4400 }]);
    expect((await api<IssueDetail>(first.app, `issues/${child}`)).id).toBe(parent);
    expect(activity(first.db, 'merged')).toEqual([{ issue_id: parent, data: JSON.stringify({ issues: [child], events: 2100 }) }]);
    expect(itemIssues(first.db, resent[1]!)).toEqual([parent]);
    expect(first.db.prepare('SELECT COUNT(*) FROM items WHERE issue_id = ?').pluck().get(child)).toBe(0);
    expect(first.log.join('\n')).toMatch(new RegExp(`finishing the merge of issues ${child} into ${parent} .*\\(1100 events left to move\\)`));
    const [group] = mergedGroups(first.db, parent);
    await first.app.close();

    // The unmerge's first job and two chunks of 500 commit; 1,100 events are left in the parent.
    await interrupted(dir, 3, (db, submit) => unmergeInJobs(db, submit, parent, group!.hashes));
    const second = await started(dir);
    issues = tallies(second.db);
    const created = issues.find((i) => i.id !== parent)!.id;
    expect(issues).toEqual([{ id: parent, count: 2300, events: 2300, hourly: 2300 },
      { id: created, count: 2100, events: 2100, hourly: 2100 }]);
    expect(activity(second.db, 'unmerged')).toEqual([{ issue_id: parent, data: JSON.stringify({ issue: created, events: 2100 }) }]);
    expect(activity(second.db, 'unmerged_from')).toEqual([{ issue_id: created, data: JSON.stringify({ issue: parent, events: 2100 }) }]);
    // The old merged issue's link opens the issue its events went to; the resent copy's request follows its event.
    expect((await api<IssueDetail>(second.app, `issues/${child}`)).id).toBe(created);
    expect(itemIssues(second.db, resent[1]!)).toEqual([created]);
    expect(await api<MergedGroup[]>(second.app, `issues/${parent}/merged`)).toEqual([]);
  }, 120_000);

  it('brings nothing back when the issues were deleted in between', async () => {
    const { dir } = await filledStore([1300, 1200]);
    const { db } = openDatabase(dir);
    const [parent, child] = tallies(db).sort((a, b) => b.count - a.count).map((t) => t.id) as [number, number];
    db.close();
    await interrupted(dir, 2, (d, submit) => mergeInJobs(d, submit, [parent, child]));
    {
      const { db: between } = openDatabase(dir);
      deleteIssues(between, [parent]);
      between.close();
    }
    const first = await started(dir);
    // The child keeps what it still holds, and is merged into nothing; no history, no redirect.
    expect(tallies(first.db)).toEqual([{ id: child, count: 1200, events: 200, hourly: 1200 }]);
    expect(activity(first.db, 'merged')).toEqual([]);
    expect(first.db.prepare('SELECT COUNT(*) FROM issue_redirects').pluck().get()).toBe(0);
    expect(first.log.join('\n')).toContain(`the merge into issue ${parent}`);
    await first.app.close();

    // An unmerge cut short, then all data deleted: nothing to move, no new issue.
    const { dir: other } = await filledStore([1300, 1200]);
    const { db: merging } = openDatabase(other);
    const ids = tallies(merging).sort((a, b) => b.count - a.count).map((t) => t.id);
    await mergeInJobs(merging, dyingAfter(merging, Infinity), ids);
    const hashes = mergedGroups(merging, ids[0]!)[0]!.hashes;
    merging.close();
    await interrupted(other, 2, (d, submit) => unmergeInJobs(d, submit, ids[0]!, hashes));
    {
      const { db: between } = openDatabase(other);
      deleteAllData(between);
      between.close();
    }
    const third = await started(other);
    expect(tallies(third.db)).toEqual([]);
    expect(activity(third.db, 'unmerged_from')).toEqual([]);
  }, 120_000);
});
