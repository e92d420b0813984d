import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueHistoryQueries, USERS_COUNTED_MAX } from '../src/core/api/issue-history';
import { issueQueries } from '../src/core/api/issue-queries';
import { openDatabase } from '../src/core/store/db';
import { DAY_MS, HOUR_MS } from '../src/shared/api-issue-history';
import { medianTimer } from './helpers/timed';

/** 1,000,000 events: 20,000 issues of 40 events over 30 days, and one issue of 200,000 in an error loop. */
const ISSUES = 20_000;
const HOURS_PER_ISSUE = 40;
const LOOP_EVENTS = 200_000;
const now = Date.now();
const nowHour = Math.floor(now / HOUR_MS);

describe('issue history at 1,000,000 events', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-history-scale-'));
  const { db } = openDatabase(dir);
  const timings: string[] = [];
  const loopIssue = ISSUES + 1;

  beforeAll(() => {
    db.transaction(() => {
      const addIssue = db.prepare(`INSERT INTO issues (id, project_id, title, level, type, status, first_seen, last_seen, count, users)
        VALUES (?, 1, ?, 'error', 'error', 'unresolved', ?, ?, ?, 0)`);
      const addHour = db.prepare('INSERT INTO issue_hourly (issue_id, hour, count) VALUES (?, ?, ?)');
      for (let id = 1; id <= ISSUES; id++) {
        // Spread over the last 30 days, a different hour pattern per issue.
        const hours = Array.from({ length: HOURS_PER_ISSUE }, (_, k) => nowHour - ((id * 7 + k * 17) % 720));
        const unique = [...new Set(hours)];
        for (const h of unique) addHour.run(id, h, HOURS_PER_ISSUE / unique.length);
        addIssue.run(id, `Error ${id}`, Math.min(...unique) * HOUR_MS, Math.max(...unique) * HOUR_MS, HOURS_PER_ISSUE);
      }
      // The loop: every hour of 30 days, and its events stored (with 500 users) for the users count.
      addIssue.run(loopIssue, 'Loop', now - 30 * DAY_MS, now, LOOP_EVENTS);
      for (let h = 0; h < 720; h++) addHour.run(loopIssue, nowHour - h, Math.round(LOOP_EVENTS / 720));
      const addEvent = db.prepare(`INSERT INTO events (project_id, event_id, kind, envelope_id, item_index, issue_id, timestamp, received, title, user_key)
        VALUES (1, ?, 'event', 1, 0, ?, ?, ?, 'Loop', ?)`);
      for (let n = 0; n < LOOP_EVENTS; n++) {
        const ts = now - Math.floor((n / LOOP_EVENTS) * 30 * DAY_MS);
        addEvent.run(n.toString(16).padStart(32, '0'), loopIssue, ts, ts, `id:u${n % 500}`);
      }
    })();
  }, 180_000);

  afterAll(() => {
    console.log(`issue history, ${ISSUES + 1} issues, ~1,000,000 events:\n  ${timings.join('\n  ')}`);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const timed = medianTimer(timings);
  const list = issueQueries(db);

  it("reads the list's 14-day trend for a page of 200 issues only", () => {
    const plain = timed('list, 200 rows, 24h trend', () => list.list({ status: 'all', limit: 200 }));
    const daily = timed('list, 200 rows, 14d trend', () => list.list({ status: 'all', limit: 200, trend: '14d' }));
    expect(daily.value.items).toHaveLength(200);
    expect(daily.value.items.every((i) => i.dailyTrend?.counts.length === 14)).toBe(true);
    // The loop issue, last seen now, leads the list with its 14 days of 24 hours each.
    expect(daily.value.items[0]?.dailyTrend?.counts.slice(0, 13)).toEqual(new Array(13).fill(24 * Math.round(LOOP_EVENTS / 720)));
    expect(daily.ms - plain.ms).toBeLessThan(50);
  });

  it("charts an issue's 30 days and its whole life, counting users only under the cap", () => {
    const queries = issueHistoryQueries(db);
    const month = timed('history 30d, loop issue (200,000 events, users not counted)', () => queries.history(loopIssue, '30d'));
    expect(month.value?.usersCounted).toBe(LOOP_EVENTS <= USERS_COUNTED_MAX);
    expect(month.ms).toBeLessThan(50);
    // The last 24 hours hold ~6,700 events, under the cap: their users are counted from the events.
    const day = timed('history 24h, loop issue (users counted)', () => queries.history(loopIssue, '24h'));
    expect(day.value?.usersCounted).toBe(true);
    expect(Math.max(...day.value!.buckets.map((b) => b.users ?? 0))).toBeGreaterThan(0);
    expect(day.ms).toBeLessThan(300);
    const all = timed('history all, small issue', () => queries.history(7, 'all'));
    expect(all.value?.buckets.reduce((n, b) => n + b.count, 0)).toBe(HOURS_PER_ISSUE);
  });
});
