import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_IN_ENVIRONMENT, REGRESSED_IDS } from '../src/core/api/release-counts';
import { healthSql, hourFrom, type Params, recentSql, singleHoursSql } from '../src/core/api/release-health';
import { listReleases, releaseDetail } from '../src/core/api/release-queries';
import { openDatabase } from '../src/core/store/db';

/** Session updates in the store: a scan of their payloads, or a sort of them, would show in the time and the plan. */
const SESSIONS = 80_000;
const RELEASES = 10;
const HOUR = 3600_000;
const now = Date.now();
const STATUSES = ['exited', 'exited', 'exited', 'crashed', 'abnormal', 'unhandled', 'exited', 'exited', 'exited', 'exited'];

/** Session n: its release, final status and updates (1–4), so the expected figures are computed, not written down. */
const session = (n: number) => ({
  release: `shop@1.${n % RELEASES}.0`, status: STATUSES[n % STATUSES.length]!, errors: n % 7 === 0 ? 1 : 0,
  // Half an hour off the hour, so no session sits on the 24-hour bound the read computes a few ms later.
  updates: 1 + (n % 4), did: `user-${n % 5000}`, at: now - (n % 72) * HOUR - HOUR / 2,
});
const all = Array.from({ length: SESSIONS }, (_, i) => ({ n: i, ...session(i) }));
const ROWS = all.reduce((sum, s) => sum + s.updates, 0);

describe(`release health over ${ROWS.toLocaleString('en')} session updates`, () => {
  const { db } = openDatabase(mkdtempSync(join(tmpdir(), 'lookout-release-scale-')));
  const timings: string[] = [];

  beforeAll(() => {
    const insert = db.prepare(`INSERT INTO sessions (project_id, envelope_id, kind, sid, status, release, environment, errors, received, payload)
      VALUES (1, ?, 'session', ?, ?, ?, 'production', ?, ?, ?)`);
    db.transaction(() => {
      let envelope = 0;
      for (const s of all) {
        for (let u = 0; u < s.updates; u++) {
          const last = u === s.updates - 1;
          const status = last ? s.status : 'ok';
          const errors = last ? s.errors : 0;
          insert.run(++envelope, `sid-${s.n}`, status, s.release, errors, s.at + u, JSON.stringify({
            sid: `sid-${s.n}`, did: s.did, init: u === 0, status, errors, started: new Date(s.at).toISOString(),
            timestamp: new Date(s.at + u).toISOString(), attrs: { release: s.release, environment: 'production' } }));
        }
      }
    })();
  }, 120_000);

  afterAll(() => {
    console.log(`release health over ${ROWS} session updates (${SESSIONS} sessions, ${RELEASES} releases):\n  ${timings.join('\n  ')}`);
    db.close();
  });

  const timed = <T>(label: string, run: () => T): T => {
    const started = performance.now();
    const out = run();
    timings.push(`${label}: ${(performance.now() - started).toFixed(1)} ms`);
    return out;
  };

  it('lists every release with its figures, each session once', () => {
    expect(ROWS).toBeGreaterThanOrEqual(200_000);
    const list = timed('list, all releases', () => listReleases(db, {}));
    expect(list.releases).toHaveLength(RELEASES);
    for (const r of list.releases) {
      const own = all.filter((s) => s.release === r.version);
      expect(r.sessions).toBe(own.length);
      expect(r.bySession.crashed).toBe(own.filter((s) => s.status === 'crashed').length);
      expect(r.bySession.errored).toBe(own.filter((s) => s.status === 'exited' && s.errors > 0).length);
      // Adoption's sessions: those started in the whole hours from 24 hours ago (Sentry's hourly metrics).
      expect(r.sessions24h).toBe(own.filter((s) => s.at - (s.at % HOUR) >= hourFrom(now - 24 * HOUR)).length);
    }
  });

  it('opens a release by seeking its rows, within a bound a scan of the payloads would break', () => {
    const version = 'shop@1.3.0';
    const detail = timed('one release page', () => releaseDetail(db, 1, version));
    expect(detail?.release.sessions).toBe(all.filter((s) => s.release === version).length);
    // The chart is dense, an hour a bar from the release's first session's hour to its last's.
    const starts = all.filter((s) => s.release === version).map((s) => s.at - (s.at % HOUR));
    expect(detail?.hours.length).toBe((Math.max(...starts) - Math.min(...starts)) / HOUR + 1);
    expect(detail?.hours.reduce((n, h) => n + h.crashed, 0)).toBe(detail?.release.bySession.crashed);
    timed('list, searched', () => listReleases(db, { query: '1.3' }));
    const times = timings.map((t) => Number(/: ([\d.]+) ms/.exec(t)?.[1]));
    for (const ms of times) expect(ms).toBeLessThan(3000);
  });

  it('reads the counters kept as sessions arrive (migration 037), never `sessions`', () => {
    const plan = (sql: string, params: Record<string, unknown>) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const since = now - 24 * HOUR;
    const every: Params = { project: null, release: null, environment: null, level: '', since, from: hourFrom(since) };
    const bound = (sql: string) => Object.fromEntries(Object.entries(every).filter(([k]) => sql.includes(`@${k}`)));
    expect(plan(healthSql(every), bound(healthSql(every)))).not.toMatch(/sessions /);
    const steps = plan(recentSql(every), bound(recentSql(every)));
    // Adoption by start hour: each release's hours of the last day sought from its health row.
    expect(steps).toMatch(/SEARCH h USING PRIMARY KEY \(project_id=\? AND release=\? AND environment=\? AND hour>\?\)/);
    expect(steps).not.toMatch(/sessions /);
  });

  it('charts by start hour, counts events per environment and regressions per release, each by an index seek', () => {
    const plan = (sql: string, params: Record<string, unknown>) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    // The chart reads the release's hours (migration 037), no session update.
    expect(plan(singleHoursSql, { project: 1, release: 'shop@1.3.0', level: '' }))
      .toMatch(/SEARCH release_start_hours USING PRIMARY KEY \(project_id=\? AND release=\? AND environment=\?\)/);
    expect(plan(EVENTS_IN_ENVIRONMENT, { project: 1, release: 'shop@1.3.0', environment: 'production' }))
      .toMatch(/SEARCH events USING COVERING INDEX events_release_environment \(project_id=\? AND release=\? AND environment=\?/);
    const regressed = plan(REGRESSED_IDS, { project: 1, release: 'shop@1.3.0' });
    expect(regressed).toMatch(/SEARCH a USING COVERING INDEX issue_activity_regressed/);
    expect(regressed).toMatch(/SEARCH issues USING (COVERING )?INDEX issues_regressed_release/);
    const detail = timed('one release page, by start hour', () => releaseDetail(db, 1, 'shop@1.3.0'));
    expect(detail?.hours.reduce((n, h) => n + h.healthy + h.errored + h.unhandled + h.abnormal + h.crashed, 0)).toBe(detail?.release.sessions);
  });
});
