import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueActions } from '../src/core/api/issue-actions';
import { issueQueries } from '../src/core/api/issue-queries';
import { parseIssueSearch } from '../src/core/api/issue-search';
import { addSearchConditions } from '../src/core/api/issue-search-sql';
import { freeTextCondition } from '../src/core/api/issue-search-text';
import { issueSearchSuggestions } from '../src/core/api/issue-search-suggest';
import { openDatabase } from '../src/core/store/db';

/** Issues in the store: enough that a scan of issues, their tags or their users would show in the time and the plan. */
const ISSUES = 100_000;
const MINUTE = 60_000;
const now = Date.now();

/** What each generated issue is, so the expected answers are computed, not written down. */
const issue = (n: number) => ({
  unresolved: n % 10 !== 0, count: (n % 1000) + 1, firstSeen: now - n * MINUTE, lastSeen: now - n * MINUTE + (n % 100) * 1000,
  browser: n % 5 === 0, user: n % 7 === 0, email: n % 14 === 0, rare: n % 20_000 === 7,
});
const all = Array.from({ length: ISSUES }, (_, i) => ({ n: i + 1, ...issue(i + 1) }));
const expected = (match: (i: (typeof all)[number]) => boolean) => all.filter((i) => i.unresolved && match(i)).length;

describe("issue search's has:, timesSeen:, firstSeen:, lastSeen: at scale", () => {
  const { db } = openDatabase(mkdtempSync(join(tmpdir(), 'lookout-search-scale-')));
  const queries = issueQueries(db);
  const timings: string[] = [];

  beforeAll(() => {
    const insert = db.transaction(() => {
      const addIssue = db.prepare(`INSERT INTO issues (id, project_id, title, level, type, status, first_seen, last_seen, count, users)
        VALUES (?, 1, ?, 'error', 'error', ?, ?, ?, ?, ?)`);
      const addTag = db.prepare('INSERT INTO issue_tags (issue_id, key, value, count) VALUES (?, ?, ?, 1)');
      const addText = db.prepare('INSERT INTO issues_fts (rowid, text) VALUES (?, ?)');
      const addUser = db.prepare('INSERT INTO issue_users (issue_id, user_key) VALUES (?, ?)');
      const addField = db.prepare('INSERT OR IGNORE INTO user_fields (value, user_key) VALUES (?, ?)');
      for (const i of all) {
        addIssue.run(i.n, `Error ${i.n}`, i.unresolved ? 'unresolved' : 'resolved', i.firstSeen, i.lastSeen, i.count, i.user ? 1 : 0);
        // The search text the issue writer gives a new issue: its title and culprit.
        addText.run(i.n, `Error ${i.n} app.js in handler${i.n % 50}`);
        addTag.run(i.n, 'environment', ['production', 'staging', 'test'][i.n % 3]);
        addTag.run(i.n, 'level', 'error');
        if (i.browser) addTag.run(i.n, 'browser', `Chrome ${100 + ((i.n / 5) % 30)}`);
        if (i.rare) addTag.run(i.n, 'feature.flag', 'on');
        if (i.user) {
          addTag.run(i.n, 'user', `id:u${i.n}`);
          addUser.run(i.n, `id:u${i.n}`);
          addField.run(`id:u${i.n}`, `id:u${i.n}`);
          if (i.email) addField.run(`email:u${i.n}@shop.test`, `id:u${i.n}`);
        }
      }
    });
    // No ANALYZE: a store never runs it, so the planner works without statistics here too.
    insert();
  }, 120_000);

  afterAll(() => {
    console.log(`issue search over ${ISSUES} issues (list + total, first page):\n  ${timings.join('\n  ')}`);
    db.close();
  });

  const list = (query: string) => {
    const started = performance.now();
    const page = queries.list({ query, status: 'unresolved', limit: 50 });
    const ms = performance.now() - started;
    timings.push(`${query}: ${ms.toFixed(1)} ms, ${page.total} issues`);
    return { ...page, ms };
  };

  /** The plans of the page and the total, built as the list builds them. */
  const plans = (query: string) => {
    const where = ["i.status = 'unresolved'"];
    const counted = ["i.status = 'unresolved'"];
    const args: Record<string, unknown> = {};
    const search = parseIssueSearch(query, () => true, now);
    addSearchConditions(search, (page, total) => { where.push(page); counted.push(total); }, args);
    const text = freeTextCondition(search.text, args);
    if (text) { where.push(text); counted.push(text); }
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    return {
      page: plan(`SELECT i.* FROM issues i WHERE ${where.join(' AND ')} ORDER BY i.last_seen DESC, i.id DESC LIMIT 51`),
      total: plan(`SELECT COUNT(*) FROM issues i WHERE ${counted.join(' AND ')}`),
    };
  };

  it('answers has: and !has: on tags and user fields through indexes, with the right totals', () => {
    expect(list('has:browser').total).toBe(expected((i) => i.browser));
    expect(list('!has:user').total).toBe(expected((i) => !i.user));
    expect(list('has:user.email').total).toBe(expected((i) => i.email));
    const rare = list('has:feature.flag');
    expect(rare.total).toBe(expected((i) => i.rare));
    expect(rare.items.map((r) => r.id)).toEqual(all.filter((i) => i.rare && i.unresolved).map((i) => i.n));
    for (const query of ['has:browser', '!has:user', 'has:user.email']) {
      const { page, total } = plans(query);
      // Side tables are only ever searched by key, never scanned.
      expect(`${page} | ${total}`).not.toMatch(/SCAN (t|u|f|issue_tags|issue_users|user_fields)\b/);
    }
    expect(plans('has:browser').total).toMatch(/USING COVERING INDEX issue_tags_filter \(key=\?\)/);
    expect(plans('has:browser').page).toMatch(/SEARCH t EXISTS USING PRIMARY KEY \(issue_id=\? AND key=\?\)/);
    expect(plans('has:user.email').total).toMatch(/SEARCH f USING PRIMARY KEY \(value>\? AND value<\?\)/);
  });

  it('answers timesSeen:, firstSeen:, age: and lastSeen: from the issue columns and their indexes', () => {
    expect(list('timesSeen:>990').total).toBe(expected((i) => i.count > 990));
    expect(list('timesSeen:<=2').total).toBe(expected((i) => i.count <= 2));
    expect(list('!timesSeen:>2').total).toBe(expected((i) => i.count <= 2));
    // Issues are a minute apart and the search runs within a second of `now`: no issue sits on a bound.
    expect(list('firstSeen:-24h').total).toBe(expected((i) => i.firstSeen > now - 1440 * MINUTE));
    expect(list('age:+30d').total).toBe(expected((i) => i.firstSeen <= now - 30 * 1440 * MINUTE));
    const day = new Date(now - 10 * 1440 * MINUTE).toISOString().slice(0, 10);
    const dayStart = Date.parse(`${day}T00:00:00Z`);
    expect(list(`lastSeen:${day}`).total).toBe(expected((i) => i.lastSeen >= dayStart && i.lastSeen < dayStart + 1440 * MINUTE));
    expect(list(`lastSeen:>=${day} timesSeen:>500 has:browser`).total).toBe(expected((i) => i.lastSeen >= dayStart && i.count > 500 && i.browser));
    // A selective time bound is an index range, not a walk of every issue.
    expect(plans('firstSeen:-24h').total).toMatch(/USING (COVERING )?INDEX issues_first_seen \(first_seen>\?\)|USING INDEX issues_status_last/);
    expect(plans('timesSeen:>990').total).toMatch(/USING (COVERING )?INDEX (issues_count \(count>\?\)|issues_status_last)/);
  });

  it('answers each within a bound that a walk of the events would break', () => {
    for (const query of ['has:browser', '!has:user', 'has:user.email', 'has:feature.flag', 'timesSeen:>990', 'firstSeen:-24h', 'lastSeen:+30d']) {
      expect(list(query).ms).toBeLessThan(1500);
    }
  });

  it("answers free text as Sentry's one substring term through the trigram index, however common the words", () => {
    const matching = (text: string) => expected((i) => `error ${i.n} app.js in handler${i.n % 50}`.includes(text));
    // A phrase: its words together and in order, not each anywhere (`Error 1234` is not `handler12` + `34`).
    expect(list('Error 1234').total).toBe(matching('error 1234'));
    expect(list('"error 1234"').items.map((r) => r.title)).toContain('Error 1234');
    expect(list('handler49').total).toBe(matching('handler49'));
    // Common text, text shorter than a trigram (a scan of the text alone), and a wildcard.
    expect(list('error').total).toBe(matching('error'));
    expect(list('77').total).toBe(matching('77'));
    expect(list('rror 99*handler4').total).toBe(expected((i) => /error 99.*handler4/.test(`error ${i.n} app.js in handler${i.n % 50}`)));
    for (const query of ['Error 1234', 'handler49', 'error', '77', 'rror 99*handler4', 'Error 1234 has:browser timesSeen:>10']) {
      expect(list(query).ms).toBeLessThan(1500);
    }
    // A phrase of three characters or more is a query of the index, never a scan of its rows.
    expect(`${plans('Error 1234').page} | ${plans('Error 1234').total}`).toMatch(/SCAN issues_fts VIRTUAL TABLE INDEX 0:M/);
  });

  it('suggests tag keys and values by skipping through the index, a seek per suggestion', () => {
    const suggest = issueSearchSuggestions(db);
    const timed = <T>(what: string, run: () => T): T => {
      const started = performance.now();
      const answer = run();
      timings.push(`suggest ${what}: ${(performance.now() - started).toFixed(1)} ms`);
      return answer;
    };
    expect(timed('keys', () => suggest.keys())).toEqual({ keys: ['browser', 'environment', 'feature.flag', 'level', 'user'] });
    // Typed in lower case, found in the stored case; sorted, at most 20.
    const browsers = timed('browser:chrome 11', () => suggest.values('browser', 'chrome 11'));
    expect(browsers.values).toEqual(Array.from({ length: 10 }, (_, k) => `Chrome ${110 + k}`));
    expect(timed('environment:', () => suggest.values('environment', '')).values).toEqual(['production', 'staging', 'test']);
    expect(timed('user.email:u1400', () => suggest.values('user.email', 'u1400')).values).toEqual(['u1400@shop.test', 'u14000@shop.test']);
    const plan = (sql: string, ...args: string[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT key FROM issue_tags WHERE key > ? ORDER BY key LIMIT 1', 'a')).toMatch(/SEARCH issue_tags USING COVERING INDEX issue_tags_filter \(key>\?\)/);
    expect(plan('SELECT value FROM issue_tags WHERE key = ? AND value >= ? ORDER BY key, value LIMIT 1', 'a', 'b'))
      .toMatch(/SEARCH issue_tags USING COVERING INDEX issue_tags_filter \(key=\? AND value>\?\)/);
  });

  // Last: it resolves issues the other tests count.
  it('resolves every issue a search matches, thousands of them, in chunks', async () => {
    const started = performance.now();
    const ids = queries.matchingIds({ query: 'has:browser', status: 'unresolved' });
    expect(ids.length).toBe(expected((i) => i.browser));
    const changed = (await issueActions(db).setStatusOfAll(ids, { status: 'resolved' })).updated;
    const ms = performance.now() - started;
    timings.push(`resolve all of has:browser (${changed} issues): ${ms.toFixed(1)} ms`);
    expect(changed).toBe(ids.length);
    expect(list('has:browser').total).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });
});
