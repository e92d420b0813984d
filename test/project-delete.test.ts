/**
 * Deleting a project (`DELETE /_lookout/api/projects/:id`) leaves nothing of it in any table keyed
 * by project, nor its issues' aggregates, and leaves another project exactly as it was. Real
 * @sentry/node traffic (errors, a transaction, logs, a session, a check-in) to both projects, and
 * the real SDK envelopes of the corpus (replays, profiles, attachments…) to the one deleted, to a
 * real server on a real SQLite file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeletedProject, Project } from '../src/shared/api-types';
import type { DB } from '../src/core/store/db';
import { SPOTLIGHT_CORPUS } from '../src/core/grouping/test-support/corpus';
import { projectKeyedTables } from '../src/core/store/project-delete';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;
let db: DB;
beforeAll(async () => { lookout = await startTestLookout({ onDatabase: (d) => { db = d; } }); });
afterAll(async () => { await lookout.stopAndClean(); });

/** One of each kind the Node SDK sends, to project `id`. */
async function sendFromNode(id: number): Promise<void> {
  Sentry.init({ dsn: lookout.dsn.replace(/\/1$/, `/${id}`), defaultIntegrations: false, tracesSampleRate: 1,
    release: `app-${id}@1.0.0`, environment: 'dev' });
  Sentry.setUser({ id: `user-${id}` });
  Sentry.setTag('shop', `s${id}`);
  Sentry.startSpan({ name: `GET /orders/${id}`, op: 'http.server' }, () => {
    Sentry.captureException(new Error(`Payment failed in ${id}`));
    Sentry.logger.info(`order packed in ${id}`, { order: id });
  });
  Sentry.captureMessage(`Low stock in ${id}`, 'warning');
  Sentry.captureCheckIn({ monitorSlug: `nightly-${id}`, status: 'error' }, { schedule: { type: 'crontab', value: '0 3 * * *' } });
  Sentry.startSession();
  Sentry.captureSession(true);
  expect(await Sentry.flush(5000)).toBe(true);
  await Sentry.close(2000);
}

/** Every corpus envelope, as its SDK sent it, to project `id`. */
async function sendCorpus(id: number): Promise<void> {
  for (const file of readdirSync(SPOTLIGHT_CORPUS)) {
    await post(`${lookout.url}/api/${id}/envelope/`, readFileSync(`${SPOTLIGHT_CORPUS}/${file}`), { 'content-type': 'application/x-sentry-envelope' });
  }
}

/** Rows per project-keyed table for project `id`, and its issues' rows in the issue aggregates. */
function rowsOf(id: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of projectKeyedTables(db)) out[table] = db.prepare(`SELECT COUNT(*) FROM ${table} WHERE project_id = ?`).pluck().get(id) as number;
  for (const table of ['issue_tags', 'issue_hourly', 'issue_users', 'issue_activity']) {
    out[table] = db.prepare(`SELECT COUNT(*) FROM ${table} WHERE issue_id IN (SELECT id FROM issues WHERE project_id = ?)`).pluck().get(id) as number;
  }
  out.projects = db.prepare('SELECT COUNT(*) FROM projects WHERE id = ?').pluck().get(id) as number;
  return out;
}

describe('DELETE /projects/:id', () => {
  it('removes every row of the project and nothing of another', async () => {
    await sendFromNode(999);
    await sendFromNode(7);
    // The corpus to one project only: its event and trace ids are fixed, and the same ids in two
    // projects would tie them (an event id is stored once).
    await sendCorpus(999);
    // Stored once both projects have their check-in (the last item the SDK flushed of each).
    await expect.poll(() => rowsOf(999).check_ins, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => rowsOf(7).check_ins, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => rowsOf(7).logs, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => rowsOf(7).sessions, { timeout: 10_000 }).toBeGreaterThan(0);
    const before999 = rowsOf(999);
    const before7 = rowsOf(7);
    // The data is there to delete: each kind the SDK and the corpus sent left rows.
    for (const table of ['issues', 'events', 'envelopes', 'logs', 'span_blocks', 'check_ins', 'sessions', 'outcome_counts', 'issue_hashes', 'issue_tags',
      'attachments', 'other_items', 'release_health', 'web_vital_views']) {
      expect(before999[table], table).toBeGreaterThan(0);
    }
    const project = (await lookout.api<Project[]>('projects')).find((p) => p.id === 999)!;

    const res = await fetch(`${lookout.url}/_lookout/api/projects/999`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    const deleted = await res.json() as DeletedProject;
    expect(deleted.issues).toBe(project.issueCount);
    expect(deleted.issues).toBe(before999.issues);
    expect(deleted.events).toBeGreaterThan(0);

    const after999 = rowsOf(999);
    expect(Object.entries(after999).filter(([, n]) => n > 0)).toEqual([]);
    expect(rowsOf(7)).toEqual(before7);
    expect((await lookout.api<Project[]>('projects')).map((p) => p.id)).toEqual([7]);
    expect((await fetch(`${lookout.url}/_lookout/api/projects/999`, { method: 'DELETE' })).status).toBe(404);
  }, 60_000);

  it('creates the project anew when an SDK sends to it again', async () => {
    await post(`${lookout.url}/api/999/store/`, JSON.stringify({ message: 'back again', platform: 'node' }), { 'x-sentry-auth': 'Sentry sentry_key=k' });
    await expect.poll(async () => (await lookout.api<Project[]>('projects')).find((p) => p.id === 999)?.issueCount, { timeout: 10_000 }).toBe(1);
  });
});
