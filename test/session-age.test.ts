/**
 * Relay's session age limit at ingest (`max_session_secs_in_past`, 5 days): a real @sentry/node
 * session that started 6 days before it arrives is skipped, and so is an aggregate's old bucket
 * (its fresh buckets stay); Lookout counts what it skipped in Stats (`invalid`, `timestamp`,
 * category `session`), where Relay says nothing. Adoption then reads only recent sessions.
 * @see https://github.com/getsentry/relay/blob/master/relay-config/src/config.rs (default_max_session_secs_in_past)
 */
import { makeSession } from '@sentry/core';
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutcomeStats } from '../src/shared/api-stats';
import type { DB } from '../src/core/store/db';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;
let db: DB;
beforeAll(async () => { lookout = await startTestLookout({ onDatabase: (d) => { db = d; } }); });
afterAll(async () => { await lookout.stopAndClean(); });

const DAY_MS = 86_400_000;
const dsnOf = (projectId: number) => lookout.dsn.replace(/\/1$/, `/${projectId}`);
const skipped = async (project: number) => (await lookout.api<OutcomeStats>(`stats?hours=24&project=${project}`)).outcomes
  .filter((o) => o.outcome === 'invalid' && o.reason === 'timestamp' && o.category === 'session').reduce((n, o) => n + o.quantity, 0);
const stored = (project: number) => db.prepare('SELECT kind, payload FROM sessions WHERE project_id = ?').all(project) as { kind: string; payload: string }[];

/** A real @sentry/node client sending one session that started `daysAgo` days ago. */
async function sendSession(projectId: number, daysAgo: number): Promise<void> {
  const client = new Sentry.NodeClient({ dsn: dsnOf(projectId), transport: Sentry.makeNodeTransport, stackParser: Sentry.defaultStackParser,
    integrations: [], sendClientReports: false, release: 'aged-app@1.0.0' });
  client.init();
  const session = makeSession({ release: 'aged-app@1.0.0', did: 'u1' });
  // As an app that kept its session on disk sends it days later (@sentry/core's times are epoch seconds).
  session.started = (Date.now() - daysAgo * DAY_MS) / 1000;
  session.status = 'exited';
  client.captureSession(session);
  await client.flush(3000);
}

describe('sessions older than Relay keeps', () => {
  it('skips a session started more than 5 days before it arrived, keeps a 4-day-old one', async () => {
    await sendSession(3, 6);
    await sendSession(3, 4);
    await expect.poll(async () => skipped(3)).toBe(1);
    expect(stored(3)).toHaveLength(1);
  });

  it('drops an aggregate\'s old buckets, keeps its fresh ones', async () => {
    const bucket = (daysAgo: number, exited: number) => ({ started: new Date(Date.now() - daysAgo * DAY_MS).toISOString(), exited });
    const payload = { attrs: { release: 'aged-app@1.0.0', environment: 'production' }, aggregates: [bucket(7, 4), bucket(0, 2), bucket(6, 1)] };
    const body = `{}\n${JSON.stringify({ type: 'sessions' })}\n${JSON.stringify(payload)}\n`;
    expect((await post(`${lookout.url}/api/4/envelope/`, body)).status).toBe(200);
    await expect.poll(async () => skipped(4)).toBe(5);
    const [row] = stored(4);
    expect((JSON.parse(row!.payload) as { aggregates: unknown[] }).aggregates).toHaveLength(1);
  });
});
