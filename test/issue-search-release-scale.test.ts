import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueQueries } from '../src/core/api/issue-queries';
import { issueSearchWhere } from '../src/core/api/issue-search-where';
import { openDatabase } from '../src/core/store/db';

/** Issues in the store, and the releases of each of its 3 projects: a long-lived store with a deploy a few times a day. */
const ISSUES = 100_000;
const RELEASES = 300;
const PROJECTS = 3;
const MINUTE = 60_000;
const now = Date.now();

/** Project p's release r (`p1-app@1.r.0`); project 3 names its builds (`build-r`), so its latest is by date. */
const releaseName = (p: number, r: number) => (p === 3 ? `build-${r}` : `p${p}-app@1.${r}.0`);
/** What each generated issue is, so the expected answers are computed, not written down. */
const issue = (n: number) => ({ n, project: (n % PROJECTS) + 1, release: n % RELEASES, unresolved: n % 10 !== 0 });
const all = Array.from({ length: ISSUES }, (_, i) => issue(i + 1));
const expected = (match: (i: (typeof all)[number]) => boolean) => all.filter((i) => i.unresolved && match(i)).length;

describe("issue search's firstRelease: and release:latest at scale", () => {
  const { db } = openDatabase(mkdtempSync(join(tmpdir(), 'lookout-release-search-scale-')));
  const queries = issueQueries(db);
  const timings: string[] = [];

  beforeAll(() => {
    db.transaction(() => {
      const addProject = db.prepare('INSERT INTO projects (id, name, first_seen, last_seen) VALUES (?, ?, 0, 0)');
      for (let p = 1; p <= PROJECTS; p++) addProject.run(p, `p${p}`);
      const addIssue = db.prepare(`INSERT INTO issues (id, project_id, title, level, type, status, first_seen, last_seen, count, users, first_release)
        VALUES (?, ?, ?, 'error', 'error', ?, ?, ?, 1, 0, ?)`);
      const addTag = db.prepare('INSERT INTO issue_tags (issue_id, key, value, count) VALUES (?, ?, ?, 1)');
      for (const i of all) {
        const name = releaseName(i.project, i.release);
        addIssue.run(i.n, i.project, `Error ${i.n}`, i.unresolved ? 'unresolved' : 'resolved', now - i.n * MINUTE, now - i.n * MINUTE, name);
        addTag.run(i.n, 'release', name);
        addTag.run(i.n, 'environment', 'production');
      }
      // Releases came in order r = 0, 1, …: project 1's newest by date is not its highest version (1.99.0 came after 1.299.0).
      const addRelease = db.prepare('INSERT INTO release_environments (project_id, release, environment, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)');
      for (let p = 1; p <= PROJECTS; p++) {
        for (let r = 0; r < RELEASES; r++) {
          const added = p === 1 && r === 99 ? now : now - (RELEASES - r) * 60 * MINUTE;
          addRelease.run(p, releaseName(p, r), 'production', added, added);
        }
      }
    })();
  }, 120_000);

  afterAll(() => {
    console.log(`release search over ${ISSUES} issues, ${RELEASES * PROJECTS} releases (list + total, first page):\n  ${timings.join('\n  ')}`);
    db.close();
  });

  const list = (query: string, project?: number) => {
    const started = performance.now();
    const page = queries.list({ query, status: 'unresolved', limit: 50, ...(project ? { project } : {}) });
    const ms = performance.now() - started;
    timings.push(`${query}${project ? ` (project ${project})` : ''}: ${ms.toFixed(1)} ms, ${page.total} issues`);
    return { ...page, ms };
  };

  /** The plans of the page and the total, built by the list's own WHERE. */
  const plans = (query: string) => {
    const { where, counted, args } = issueSearchWhere(db, { query, status: 'unresolved' }, () => true, now);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    return {
      page: plan(`SELECT i.* FROM issues i WHERE ${where.join(' AND ')} ORDER BY i.last_seen DESC, i.id DESC LIMIT 51`),
      total: plan(`SELECT COUNT(*) FROM issues i WHERE ${counted.join(' AND ')}`),
    };
  };

  it('answers firstRelease: through issues_first_release, with the right totals', () => {
    const one = list('firstRelease:p2-app@1.7.0');
    expect(one.total).toBe(expected((i) => i.project === 2 && i.release === 7));
    expect(one.items.every((r) => r.firstRelease === 'p2-app@1.7.0')).toBe(true);
    expect(list('firstRelease:[p1-app@1.5.0,build-5]').total).toBe(expected((i) => i.release === 5 && i.project !== 2));
    expect(list('!firstRelease:p2-app@1.7.0').total).toBe(expected((i) => !(i.project === 2 && i.release === 7)));
    const { page, total } = plans('firstRelease:p2-app@1.7.0');
    expect(total).toMatch(/USING COVERING INDEX issues_first_release \(first_release=\?\)/);
    // A page reads the matching ids once from the index, then walks its sort order checking each against them.
    expect(page).toMatch(/LIST SUBQUERY \d+ \| SEARCH issues USING COVERING INDEX issues_first_release \(first_release=\?\)/);
    // A release no issue has: a page of nothing, found without reading each issue's row.
    expect(list('firstRelease:p2-app@9.9.9').total).toBe(0);
    for (const query of ['firstRelease:p2-app@1.7.0', '!firstRelease:p2-app@1.7.0', 'firstRelease:p2-app@9.9.9']) expect(list(query).ms).toBeLessThan(1500);
  });

  it('reads latest per project (semver: 1.299.0 though 1.99.0 came last; builds: the newest added) from a few rows', () => {
    const latest = list('firstRelease:latest');
    expect(latest.notes).toEqual(['"latest" is build-299, p1-app@1.299.0, p2-app@1.299.0: the newest release of each project searched.']);
    expect(latest.total).toBe(expected((i) => i.release === RELEASES - 1));
    // Project 1's 1.99.0 came last and has issues; its latest is 1.299.0, which has none.
    const project1 = list('release:latest', 1);
    expect(project1.notes).toEqual(['"latest" is p1-app@1.299.0: the newest release of each project searched.']);
    expect(project1.total).toBe(0);
    expect(list('release:p1-app@1.99.0', 1).total).toBeGreaterThan(0);
    expect(list('release:latest', 3).total).toBe(expected((i) => i.project === 3 && i.release === RELEASES - 1));
    expect(plans('firstRelease:latest').total).toMatch(/USING COVERING INDEX issues_first_release \(first_release=\?\)/);
    // The release tag is read through issue_tags_filter (key, value), never by a walk of the tags.
    expect(plans('release:latest').total).toMatch(/USING COVERING INDEX issue_tags_filter \(key=\? AND value=\?\)/);
    for (const query of ['firstRelease:latest', 'release:latest']) expect(list(query).ms).toBeLessThan(1500);
  });
});
