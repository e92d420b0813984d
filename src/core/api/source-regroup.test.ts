import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, startTestLookout, type TestLookout } from '../../../test/helpers/lookout';
import { eventEnvelope } from '../../../test/reliability/support';
import type { SourceRegroupStatus } from '../../shared/api-source-regroup';
import type { IssueSummary, Page } from '../../shared/api-types';
import type { SentryEvent } from '../../shared/sentry';
import type { DB } from '../store/db';
import { bundle, captureCheckoutError, makeProject } from '../symbolicate/test-support';

const DEBUG_ID = '4e1f2a3b-5c6d-4e7f-8a9b-0c1d2e3f4a5b';
/** What the Sentry bundler plugins inject, so @sentry/node names the bundle's debug id in `debug_meta`. */
const DEBUG_ID_SNIPPET = `;(()=>{try{const g=globalThis;const s=new g.Error().stack;if(s){g._sentryDebugIds=g._sentryDebugIds||{};g._sentryDebugIds[s]=${JSON.stringify(DEBUG_ID)};}}catch{}})();`;

/** Scans and re-groups read maps and bundles the first time: seconds on a busy machine. */
const POLL = { timeout: 20_000 };

let dir: string;
let mapsDir: string;
let lookout: TestLookout;
let db: DB;
const captured: SentryEvent[] = [];

beforeAll(async () => {
  dir = await makeProject('lookout-source-regroup-');
  const js = await bundle(dir, 'app.js', { banner: { js: DEBUG_ID_SNIPPET } });
  // The map lives apart from the bundle's project (which Lookout detects from the frames) and
  // names it only by debug id: a frame finds it once its folder is a source folder.
  const map = JSON.parse(await readFile(`${js}.map`, 'utf8')) as Record<string, unknown>;
  mapsDir = await mkdtemp(path.join(tmpdir(), 'lookout-source-regroup-maps-'));
  await writeFile(path.join(mapsDir, 'app.js.map'), JSON.stringify({ ...map, debugId: DEBUG_ID }));
  await rm(`${js}.map`);
  await writeFile(js, (await readFile(js, 'utf8')).replace(/\/\/# sourceMappingURL=\S+\n?/, ''));
  // A real @sentry/node event of the minified bundle, as the app would send it four times (the
  // SDK's dedupe drops a repeat within one process); the last copy is sent after the folder is added.
  const event = await captureCheckoutError(js);
  for (let i = 0; i < 4; i++) captured.push({ ...event, event_id: randomUUID().replace(/-/g, ''), timestamp: event.timestamp! + i });
  lookout = await startTestLookout({ onDatabase: (d) => { db = d; } });
});

afterAll(async () => {
  await lookout.stopAndClean();
  await rm(dir, { recursive: true, force: true });
  await rm(mapsDir, { recursive: true, force: true });
});

async function send(event: SentryEvent): Promise<void> {
  expect((await post(`${lookout.url}/api/1/envelope/`, eventEnvelope(event.event_id!, event as Record<string, unknown>))).status).toBe(200);
}

const issues = async () => (await lookout.api<Page<IssueSummary>>('issues?status=all')).items;
const storedOf = (issueId: number) => db.prepare('SELECT COUNT(*) FROM events WHERE issue_id = ?').pluck().get(issueId) as number;
const regroup = (action: string) => lookout.api<SourceRegroupStatus>(`source-regroup/${action}`, { method: 'POST' });

describe('re-grouping old issues after a source folder is added', () => {
  it('merges the old issue into the new mapped one, keeping an event it cannot read', async () => {
    for (const event of captured.slice(0, 3)) await send(event);
    await expect.poll(async () => (await issues()).reduce((n, i) => n + i.count, 0), POLL).toBe(3);
    const [old] = await issues();
    // The oldest event's stored body no longer decodes (a damaged store): it must be counted, not lost.
    const oldest = db.prepare('SELECT id FROM events WHERE issue_id = ? ORDER BY timestamp, id LIMIT 1').pluck().get(old!.id) as number;
    db.prepare("UPDATE events SET payload = X'1f8b08000000', payload_codec = 'gzip' WHERE id = ?").run(oldest);

    // The folder, through the settings API: the server looks for the issues its maps now resolve.
    await lookout.api('projects/1/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sourceRoots: [mapsDir] }) });
    await expect.poll(async () => (await lookout.api<SourceRegroupStatus>('source-regroup')).state, POLL).toBe('offer');
    const offer = await lookout.api<SourceRegroupStatus>('source-regroup');
    expect(offer.candidates).toEqual([{ issueId: old!.id, title: old!.title }]);
    expect(offer).toMatchObject({ projectId: 1, scanned: 1, scanTotal: 1, skipped: 0 });

    // The same error again, mapped at ingest: a new issue beside the old one.
    await send(captured[3]!);
    await expect.poll(async () => (await issues()).length, POLL).toBe(2);
    const fresh = (await issues()).find((i) => i.id !== old!.id)!;
    expect(fresh.count).toBe(1);

    await regroup('run');
    await expect.poll(async () => (await lookout.api<SourceRegroupStatus>('source-regroup')).state, POLL).toBe('done');
    const done = await lookout.api<SourceRegroupStatus>('source-regroup');
    expect(done).toMatchObject({ done: 1, regrouped: 1, merged: 1, events: 2, skipped: 1, message: null });

    // One issue, counting every stored event, the unreadable one included; the old id leads to it.
    const after = await issues();
    expect(after.map((i) => [i.id, i.count])).toEqual([[fresh.id, 4]]);
    expect(storedOf(fresh.id)).toBe(4);
    expect(db.prepare('SELECT issue_id FROM events WHERE id = ?').pluck().get(oldest)).toBe(fresh.id);
    expect(db.prepare('SELECT to_id FROM issue_redirects WHERE from_id = ?').pluck().get(old!.id)).toBe(fresh.id);
  });

  it('answers a scan with nothing to offer once every issue is mapped, and refuses a run without an offer', async () => {
    await regroup('dismiss');
    const res = await fetch(`${lookout.url}/_lookout/api/source-regroup/scan`, { method: 'POST', body: JSON.stringify({ projectId: 1 }) });
    expect(res.status).toBe(200);
    await expect.poll(async () => (await lookout.api<SourceRegroupStatus>('source-regroup')).state, POLL).toBe('idle');
    expect((await lookout.api<SourceRegroupStatus>('source-regroup')).scanned).toBe(1);
    expect((await fetch(`${lookout.url}/_lookout/api/source-regroup/run`, { method: 'POST' })).status).toBe(409);
    expect((await fetch(`${lookout.url}/_lookout/api/source-regroup/scan`, { method: 'POST', body: '{"projectId":"x"}' })).status).toBe(400);
  });
});
