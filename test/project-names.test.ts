/**
 * Projects are named from what their events say, as Sentry's projects have names: real @sentry/node
 * clients on three DSN project ids, a rename through the API told on the stream, the name in the
 * bug reports, and a store written before names were read named by migration 028.
 * @see https://docs.sentry.io/platforms/javascript/configuration/releases/
 */
import { NodeClient, Scope, defaultStackParser, makeNodeTransport } from '@sentry/node';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueSummary, Page, Project } from '../src/shared/api-types';
import { MIGRATIONS } from '../src/core/store/migrations';
import { nameStoredProjects } from '../src/core/store/project-namer';
import { startTestLookout, type TestLookout } from './helpers/lookout';
import { readFrames } from './helpers/sse';

let lookout: TestLookout;
const dsnOf = (projectId: number) => lookout.dsn.replace(/\/1$/, `/${projectId}`);

/** One real @sentry/node client per project id (no global init, so each keeps its own release). */
async function sendError(projectId: number, message: string, release?: string): Promise<void> {
  const client = new NodeClient({
    dsn: dsnOf(projectId), release, transport: makeNodeTransport, stackParser: defaultStackParser, integrations: [], sendClientReports: false,
  });
  client.init();
  const scope = new Scope();
  scope.setClient(client);
  scope.captureException(new Error(message));
  expect(await client.flush(10_000)).toBe(true);
}

const projects = () => lookout.api<Project[]>('projects');
const byId = async (id: number) => (await projects()).find((p) => p.id === id);
const rename = (id: number, name: unknown) => fetch(`${lookout.url}/_lookout/api/projects/${id}`, {
  method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }),
});

describe('project names from real @sentry/node apps', () => {
  beforeAll(async () => {
    lookout = await startTestLookout();
    await sendError(1, 'card declined', 'checkout-api@2.1.0');
    await sendError(2, 'ledger out of balance');
    await sendError(3, 'queue stalled');
  });
  afterAll(async () => { await lookout.stopAndClean(); });

  it("names each project after its release's package, else its platform (unique: the second node app is node-3)", async () => {
    expect((await projects()).map((p) => [p.id, p.name, p.nameFrom, p.platform])).toEqual([
      [1, 'checkout-api', 'release', 'node'],
      [2, 'node', 'platform', 'node'],
      [3, 'node-3', 'platform', 'node'],
    ]);
    // A release naming a package comes later: it names the project then.
    await sendError(2, 'ledger out of balance again', 'billing@1.0.0');
    expect(await byId(2)).toMatchObject({ name: 'billing', nameFrom: 'release' });
  });

  it('renames through the API, tells open windows on the stream, and keeps the name over later releases', async () => {
    const frames = await readFrames(lookout.url, null, (f) => f.some((x) => x.message.type === 'project'), async () => {
      const res = await rename(1, '  Checkout  ');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: 1, name: 'Checkout', nameFrom: 'user', platform: 'node' });
    });
    expect(frames.map((f) => f.message).find((m) => m.type === 'project')).toMatchObject({ type: 'project', project: { id: 1, name: 'Checkout' } });
    await sendError(1, 'card declined twice', 'storefront@3.0.0');
    expect(await byId(1)).toMatchObject({ name: 'Checkout', nameFrom: 'user' });
  });

  it('refuses an empty name, a name another project has (letter case aside) and an unknown project', async () => {
    const empty = await rename(3, ' \n ');
    expect([empty.status, await empty.text()]).toEqual([400, expect.stringContaining('1 to 64 characters')]);
    const taken = await rename(3, 'BILLING');
    expect([taken.status, await taken.text()]).toEqual([409, expect.stringContaining('project 2 is already called BILLING')]);
    expect((await rename(99, 'ghost')).status).toBe(404);
    expect(await byId(3)).toMatchObject({ name: 'node-3', nameFrom: 'platform' });
  });

  it("names the project in the Markdown, HTML and JSON bug reports", async () => {
    const issues = await lookout.api<Page<IssueSummary>>('issues?project=1&limit=10');
    const issue = issues.items.find((i) => i.title.includes('card declined'))!;
    const report = async (format: string) => (await fetch(`${lookout.url}/_lookout/api/issues/${issue.id}/report?format=${format}`)).text();
    expect(await report('md')).toContain('project `Checkout` (node)');
    expect(await report('html')).toContain('project <code>Checkout</code> (node)');
    expect(JSON.parse(await report('json'))).toMatchObject({ project: { name: 'Checkout', platform: 'node' } });
  });
});

describe('migration 028 on a store written before names were read', () => {
  it("names its projects from their first stored events and leaves one without events project-N", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lookout-028-'));
    try {
      lookout = await startTestLookout({ dataDir });
      await sendError(4, 'old failure', 'inventory@0.9.0');
      await sendError(5, 'another old failure');
      // A project only a session ever reached: no event to read.
      await fetch(`${dsnOf(6).replace('lookout@', '').replace(/\/6$/, '')}/api/6/envelope/?sentry_key=lookout`, {
        method: 'POST', body: '{}\n{"type":"session"}\n{"sid":"1","status":"ok","started":"2026-01-01T00:00:00Z","attrs":{"release":"x@1"}}\n',
      });
      await lookout.stopAndClean();
      // The projects as an earlier Lookout left them (the columns later migrations need stay), then 028's step.
      const db = new Database(join(dataDir, 'lookout.db'));
      db.exec("UPDATE projects SET name = 'project-' || id, name_source = 'placeholder', platform = NULL");
      expect(MIGRATIONS.find((m) => m.version === 28)?.after).toBe(nameStoredProjects);
      nameStoredProjects(db);
      const named = db.prepare('SELECT id, name, name_source, platform FROM projects ORDER BY id').raw().all();
      db.close();
      expect(named).toEqual([
        [4, 'inventory', 'release', 'node'],
        [5, 'node', 'platform', 'node'],
        [6, 'project-6', 'placeholder', null],
      ]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
