import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/core/store/db';
import { listProjects, PROJECTS_SQL } from '../src/core/store/project-repo';
import { medianTimer } from './helpers/timed';

/**
 * The sidebar's `GET /projects` during an error loop: 500,000 events, most in one issue. Counting
 * the `events` rows took 0.7–1.2 s at this size (a review's measurement), with ingest waiting.
 */
const LOOP_EVENTS = 480_000;
const ISSUES = 20_000;
const EVENTS_PER_ISSUE = 1;
const PROJECTS = 3;
const now = Date.now();

describe(`projects with their counts at ${(LOOP_EVENTS + ISSUES).toLocaleString('en')} events`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-projects-scale-'));
  const { db } = openDatabase(dir);
  const timings: string[] = [];

  beforeAll(() => {
    db.transaction(() => {
      const addProject = db.prepare('INSERT INTO projects (id, name, first_seen, last_seen) VALUES (?, ?, ?, ?)');
      for (let p = 1; p <= PROJECTS; p++) addProject.run(p, `project-${p}`, now, now);
      const addIssue = db.prepare(`INSERT INTO issues (id, project_id, title, level, type, status, first_seen, last_seen, count, users)
        VALUES (?, ?, ?, 'error', 'error', 'unresolved', ?, ?, ?, 0)`);
      const addEvent = db.prepare(`INSERT INTO events (project_id, event_id, kind, envelope_id, item_index, issue_id, timestamp, received, title)
        VALUES (?, ?, 'event', 1, 0, ?, ?, ?, 'Error')`);
      let n = 0;
      const event = (project: number, issue: number) => { n++; addEvent.run(project, n.toString(16).padStart(32, '0'), issue, now - n, now - n); };
      // Project 1 loops; project 2 has many small issues; project 3 has none yet.
      addIssue.run(1, 1, 'Loop', now - 3600_000, now, LOOP_EVENTS);
      for (let i = 0; i < LOOP_EVENTS; i++) event(1, 1);
      for (let id = 2; id <= ISSUES + 1; id++) {
        addIssue.run(id, 2, `Error ${id}`, now, now, EVENTS_PER_ISSUE);
        for (let e = 0; e < EVENTS_PER_ISSUE; e++) event(2, id);
      }
    })();
  }, 180_000);

  afterAll(() => {
    console.log(`projects list, ${(LOOP_EVENTS + ISSUES).toLocaleString('en')} events, ${ISSUES + 1} issues:\n  ${timings.join('\n  ')}`);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const timed = medianTimer(timings);

  it('counts each project from its issues, never scanning the events', () => {
    const { value, ms } = timed('listProjects', () => listProjects(db, (id) => `dsn-${id}`));
    expect(value.map((p) => [p.id, p.issueCount, p.eventCount])).toEqual([
      [1, 1, LOOP_EVENTS], [2, ISSUES, ISSUES * EVENTS_PER_ISSUE], [3, 0, 0]]);
    // What the rows say, computed by the old way (a count of the stored events), for the figures only.
    const counted = timed('COUNT(*) over events (the old way)', () => db.prepare(
      "SELECT project_id, COUNT(*) AS n FROM events WHERE kind IN ('event', 'occurrence') GROUP BY project_id ORDER BY project_id").all());
    expect(counted.value).toEqual([{ project_id: 1, n: LOOP_EVENTS }, { project_id: 2, n: ISSUES * EVENTS_PER_ISSUE }]);
    expect(ms).toBeLessThan(counted.ms);
    expect(ms).toBeLessThan(100);
  });

  it('plans no read of the events table', () => {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${PROJECTS_SQL}`).all() as { detail: string }[]).map((r) => r.detail);
    // Each table read is the projects (p), the issues, or their per-project sums (c): never `events`.
    const tables = plan.map((d) => /^(?:SCAN|SEARCH) (\S+)/.exec(d)?.[1]).filter((t) => t !== undefined);
    expect(tables).toContain('issues');
    expect(tables.filter((t) => !['p', 'c', 'issues'].includes(t))).toEqual([]);
  });
});
