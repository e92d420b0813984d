import type { DB } from '../../src/core/store/db';

const HOUR = 3600_000;

/** A `sessions` row as `prepareSession` stores it (`kind` 'session' for one update, 'sessions' for aggregates). */
export interface SessionRow {
  kind: 'session' | 'sessions';
  sid: string | null;
  status: string | null;
  release: string | null;
  environment: string | null;
  errors: number | null;
  received: number;
  payload: string;
}

/** mulberry32: a seeded generator, so a failing mix is the same mix on the next run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface MixOptions { updates: number; releases: number; users: number; now: number; seed?: number }

/**
 * Session updates as SDKs send them, over 72 hours before `now`: 1–5 updates per `sid` ending
 * ok, exited, errored (by status or by `errors`), unhandled, abnormal or crashed; users set
 * after the first update or changed; `started` as ISO, epoch seconds, an offset or unreadable;
 * several environments (and none); updates without `sid`; a few sids in two environments or two
 * releases; `sessions` aggregates (about one row in 50) with buckets with and without users. A
 * One session in 20 ends within an hour of the 24-hour bound, on either side.
 */
export function sessionMix(o: MixOptions): SessionRow[] {
  const random = seeded(o.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const environments = ['production', 'production', 'staging', 'development', null] as const;
  const finals = ['exited', 'exited', 'exited', 'ok', 'errored', 'crashed', 'abnormal', 'unhandled', 'exited', 'exited'];
  const releaseOf = (n: number) => (n === 0 ? '' : `shop@2.${n}.0`);
  const rows: SessionRow[] = [];
  const since = o.now - 24 * HOUR;
  let n = 0;
  while (rows.length < o.updates) {
    n++;
    if (random() < 0.02) {
      rows.push(aggregates(random, pick, o, releaseOf(1 + Math.floor(random() * (o.releases - 1))), pick(environments)));
      continue;
    }
    const release = releaseOf(Math.floor(random() * o.releases));
    const environment = pick(environments);
    const sid = random() < 0.01 ? null : `sid-${n}`;
    const updates = sid === null ? 1 : 1 + Math.floor(random() * 5);
    // One session in 20 ends around the 24-hour bound, the rest anywhere in 72 hours.
    const end = random() < 0.05 ? since - HOUR + Math.floor(random() * 2 * HOUR) : o.now - Math.floor(random() * 72 * HOUR);
    const startedAt = end - updates * 60_000;
    const startedForms = [new Date(startedAt).toISOString(), startedAt / 1000, new Date(startedAt).toISOString().replace('Z', '+02:00'), 'soon'];
    const started = random() < 0.9 ? startedForms[0] : pick(startedForms);
    const user = random() < 0.85 ? `user-${Math.floor(random() * o.users)}` : undefined;
    const userFrom = random() < 0.2 ? 1 : 0;
    const final = pick(finals);
    const errors = final === 'errored' || (final === 'exited' && random() < 0.2) ? 1 + Math.floor(random() * 3) : 0;
    for (let u = 0; u < updates; u++) {
      const last = u === updates - 1;
      const status = last ? final : 'ok';
      // Some sessions move: a later update in another environment or release, or for another user.
      const moved = last && updates > 1 && random() < 0.01;
      const env = moved && random() < 0.5 ? pick(environments) : environment;
      const rel = moved && env === environment ? releaseOf(Math.floor(random() * o.releases)) : release;
      const did = u < userFrom ? undefined : moved && random() < 0.5 ? `user-${Math.floor(random() * o.users)}` : user;
      const payload = { sid, did, init: u === 0, status, errors: last ? errors : 0, started, timestamp: new Date(startedAt + u * 60_000).toISOString(),
        attrs: { release: rel, environment: env ?? undefined } };
      rows.push({ kind: 'session', sid, status, release: rel, environment: env, errors: payload.errors, received: startedAt + (u + 1) * 60_000,
        payload: JSON.stringify(payload) });
    }
  }
  return rows.slice(0, o.updates).sort((a, b) => a.received - b.received);
}

function aggregates(random: () => number, pick: <T>(list: readonly T[]) => T, o: MixOptions, release: string, environment: string | null): SessionRow {
  const received = o.now - Math.floor(random() * 72 * HOUR);
  const count = () => (random() < 0.5 ? 0 : Math.floor(random() * 4));
  const buckets = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => {
    const minute = received - (received % 60_000) - i * 60_000;
    const bucket: Record<string, unknown> = { exited: count(), errored: count(), crashed: random() < 0.2 ? 1 : 0, abnormal: count() };
    if (random() < 0.9) bucket.started = new Date(minute).toISOString();
    if (random() < 0.3) bucket.did = `user-${Math.floor(random() * o.users)}`;
    if (random() < 0.1) bucket.unhandled = 1;
    return bucket;
  });
  return { kind: 'sessions', sid: null, status: null, release, environment, errors: null, received,
    payload: JSON.stringify({ aggregates: random() < 0.05 ? [...buckets, pick(['not a bucket', 3])] : buckets, attrs: { release, environment } }) };
}

/**
 * Inserts `rows` as the writer does (one envelope each, `batch` to a transaction as group commit
 * takes them) and returns the microseconds per row.
 */
export function insertSessions(db: DB, rows: readonly SessionRow[], project = 1, batch = 50): number {
  const insert = db.prepare(`INSERT INTO sessions (project_id, envelope_id, kind, sid, status, release, environment, errors, received, payload)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  let envelope = (db.prepare('SELECT ifnull(MAX(envelope_id), 0) FROM sessions').pluck().get() as number);
  const write = db.transaction((part: readonly SessionRow[]) => {
    for (const r of part) insert.run(project, ++envelope, r.kind, r.sid, r.status, r.release, r.environment, r.errors, r.received, r.payload);
  });
  const started = performance.now();
  for (let i = 0; i < rows.length; i += batch) write(rows.slice(i, i + batch));
  return ((performance.now() - started) * 1000) / rows.length;
}
