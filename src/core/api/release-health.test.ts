import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../store/db';
import { releaseHealth, sessionHours } from './release-health';

const HOUR = 3600_000;
const NOW = Date.UTC(2026, 10, 24, 12, 30);

function store() {
  const { db } = openDatabase(mkdtempSync(join(tmpdir(), 'lookout-release-health-')));
  let envelope = 0;
  /** A session update as the SDKs send it, stored as `prepareSession` stores it. */
  const update = (s: { sid: string; status?: string; errors?: number; did?: string; init?: boolean; release?: string; environment?: string; at?: number; started?: string | number }) => {
    const payload = { sid: s.sid, did: s.did, init: s.init, status: s.status ?? 'ok', errors: s.errors ?? 0, started: s.started ?? new Date(NOW).toISOString(),
      attrs: { release: s.release ?? 'app@1.0.0', environment: s.environment ?? 'production' } };
    db.prepare(`INSERT INTO sessions (project_id, envelope_id, kind, sid, status, release, environment, errors, received, payload)
      VALUES (1, ?, 'session', ?, ?, ?, ?, ?, ?, ?)`).run(++envelope, s.sid, payload.status, payload.attrs.release, payload.attrs.environment,
      payload.errors, s.at ?? NOW, JSON.stringify(payload));
  };
  const aggregates = (buckets: unknown[], release = 'app@1.0.0', at = NOW) => {
    db.prepare(`INSERT INTO sessions (project_id, envelope_id, kind, release, environment, received, payload)
      VALUES (1, ?, 'sessions', ?, 'production', ?, ?)`).run(++envelope, release, at, JSON.stringify({ aggregates: buckets, attrs: { release } }));
  };
  return { db, update, aggregates };
}

describe('crash-free arithmetic', () => {
  it('counts each session once, by its final state: several updates per sid, errors making an exited session errored', () => {
    const { db, update } = store();
    update({ sid: 'a', init: true, did: 'u1' });
    update({ sid: 'a', status: 'exited', did: 'u1' });                   // healthy
    update({ sid: 'b', init: true, did: 'u1' });
    update({ sid: 'b', errors: 1, did: 'u1' });
    update({ sid: 'b', status: 'exited', errors: 1, did: 'u1' });        // errored (exited with an error)
    update({ sid: 'c', init: true, did: 'u2' });
    update({ sid: 'c', status: 'crashed', errors: 1, did: 'u2' });       // crashed
    update({ sid: 'd', init: true, status: 'abnormal', did: 'u3' });      // abnormal: not a crash
    update({ sid: 'e', init: true, status: 'unhandled', errors: 1 });     // the browser's unhandled error: not a crash, no user
    const h = releaseHealth(db, 1, 'app@1.0.0', undefined, NOW);
    expect(h.sessions).toBe(5);
    expect(h.bySession).toEqual({ healthy: 1, errored: 1, unhandled: 1, abnormal: 1, crashed: 1 });
    expect(h.crashFreeSessions).toBe(80);
    // u1 (healthy and errored), u2 (crashed), u3 (abnormal): one of three users crashed.
    expect(h).toMatchObject({ users: 3, crashedUsers: 1, crashFreeUsers: 66.67 });
  });

  it('adds aggregates by their counts, a bucket\'s user crashed when any of its sessions did', () => {
    const { db, update, aggregates } = store();
    update({ sid: 'a', status: 'exited', did: 'u1' });
    aggregates([{ started: new Date(NOW).toISOString(), exited: 6, errored: 2, crashed: 1, did: 'u1' },
      { started: new Date(NOW - 2 * HOUR).toISOString(), exited: 1, abnormal: 1, did: 'u2' }, 'not a bucket']);
    const h = releaseHealth(db, 1, 'app@1.0.0', undefined, NOW);
    expect(h.sessions).toBe(12);
    expect(h.bySession).toEqual({ healthy: 8, errored: 2, unhandled: 0, abnormal: 1, crashed: 1 });
    expect(h.crashFreeSessions).toBe(91.67);
    expect(h).toMatchObject({ users: 2, crashedUsers: 1, crashFreeUsers: 50 });
    // The chart: buckets in the hour they started, dense between.
    const hours = sessionHours(db, 1, 'app@1.0.0', undefined, 168);
    expect(hours.map((x) => x.hour)).toEqual([0, 1, 2].map((i) => NOW - (NOW % HOUR) - (2 - i) * HOUR));
    expect(hours.map((x) => x.healthy + x.errored + x.abnormal + x.crashed)).toEqual([2, 0, 10]);
  });

  it('measures adoption as the release\'s share of the project\'s sessions of the last 24 hours, per environment', () => {
    const { db, update } = store();
    for (const sid of ['a', 'b', 'c']) update({ sid, release: 'app@2.0.0' });
    update({ sid: 'd', release: 'app@1.0.0' });
    update({ sid: 'old', release: 'app@1.0.0', at: NOW - 30 * HOUR, started: new Date(NOW - 30 * HOUR).toISOString() });
    update({ sid: 'staging', release: 'app@1.0.0', environment: 'staging' });
    expect(releaseHealth(db, 1, 'app@2.0.0', undefined, NOW)).toMatchObject({ sessions: 3, sessions24h: 3, adoption: 60 });
    expect(releaseHealth(db, 1, 'app@1.0.0', undefined, NOW)).toMatchObject({ sessions: 3, sessions24h: 2, adoption: 40 });
    expect(releaseHealth(db, 1, 'app@1.0.0', 'production', NOW)).toMatchObject({ sessions: 2, sessions24h: 1, adoption: 25 });
    expect(releaseHealth(db, 1, 'app@3.0.0', undefined, NOW)).toMatchObject({ sessions: 0, crashFreeSessions: null, adoption: null });
  });

  it('counts adoption by when sessions started, not when they arrived (an old release\'s late uploads are not adoption)', () => {
    const { db, update, aggregates } = store();
    // Sessions of 1.0.0 started 3 days ago reach Lookout now (a replayed store, an offline device), with 1.9.0's of today.
    for (const sid of ['a', 'b', 'c']) update({ sid, release: 'app@1.0.0', started: new Date(NOW - 72 * HOUR).toISOString() });
    aggregates([{ started: new Date(NOW - 72 * HOUR).toISOString(), exited: 5 }], 'app@1.0.0');
    update({ sid: 'd', release: 'app@1.9.0' });
    update({ sid: 'e', release: 'app@1.9.0', started: Math.floor((NOW - 2 * HOUR) / 1000) });
    aggregates([{ started: new Date(NOW - HOUR).toISOString(), exited: 2 }], 'app@1.9.0');
    expect(releaseHealth(db, 1, 'app@1.0.0', undefined, NOW)).toMatchObject({ sessions: 8, sessions24h: 0, adoption: 0 });
    expect(releaseHealth(db, 1, 'app@1.9.0', undefined, NOW)).toMatchObject({ sessions: 4, sessions24h: 4, adoption: 100 });
  });

  it('charts a single session in the hour it started, not the hour its updates arrived', () => {
    const { db, update } = store();
    const hourOf = (ms: number) => ms - (ms % HOUR);
    // A process session (@sentry/node) reaches the server when the process ends: started 3 hours earlier.
    const started = NOW - 3 * HOUR;
    update({ sid: 'long', init: true, started: new Date(started).toISOString(), at: NOW - HOUR });
    update({ sid: 'long', status: 'crashed', started: new Date(started).toISOString(), at: NOW });
    // Relay's other form of a timestamp: epoch seconds; and an offset instead of `Z`.
    update({ sid: 'secs', status: 'exited', started: (NOW - 2 * HOUR) / 1000, at: NOW });
    update({ sid: 'offset', status: 'exited', started: '2026-11-24T12:10:00+02:00', at: NOW });
    // Unreadable: the hour its first update arrived.
    update({ sid: 'odd', status: 'exited', started: 'yesterday', at: NOW });
    const hours = sessionHours(db, 1, 'app@1.0.0', undefined, 168);
    expect(hours.map((h) => [h.hour, h.healthy, h.crashed])).toEqual([
      [hourOf(started), 0, 1], [hourOf(NOW - 2 * HOUR), 2, 0], [hourOf(NOW - HOUR), 0, 0], [hourOf(NOW), 1, 0],
    ]);
  });
});
