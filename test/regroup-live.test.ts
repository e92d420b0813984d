/**
 * "Re-group with source maps" that merges the old issue into the one its events now match tells
 * every open window, as the list's merge does: an `issues_merged` message names the issue that
 * went, and the project's issue count agrees. Real @sentry/node, real esbuild, the real stream.
 */
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EventDetail, Project, RegroupIssueResult } from '../src/shared/api-types';
import { buildApp, makeProject, throwUnderSentry } from './helpers/node-app';
import { startTestLookout, type TestLookout } from './helpers/lookout';
import { readFrames } from './helpers/sse';

let dir: string;
let maps: string;
let lookout: TestLookout;
let plain: EventDetail;
let withId: EventDetail;

beforeAll(async () => {
  dir = await makeProject('lookout-regroup-live-');
  maps = await mkdtemp(path.join(tmpdir(), 'lookout-regroup-live-maps-'));
  lookout = await startTestLookout();
  const dsn = lookout.dsn.replace(/\/1$/, '/2');
  const plainJs = await buildApp(dir, 'plain', { minify: false });
  const idJs = await buildApp(dir, 'withid', { minify: true, debugId: '5c3e1a2b-7d9f-4e6a-8b1c-2d3e4f5a6b7c' });
  // Its map only the project's source roots reach: at ingest the event groups on minified frames.
  await rename(`${idJs}.map`, path.join(maps, 'app.map'));
  plain = await lookout.api<EventDetail>(`events/${await throwUnderSentry(dsn, plainJs)}`);
  withId = await lookout.api<EventDetail>(`events/${await throwUnderSentry(dsn, idJs)}`);
  await lookout.api('projects/2/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sourceRoots: [maps] }) });
});

afterAll(async () => {
  await lookout.stopAndClean();
  await rm(dir, { recursive: true, force: true });
  await rm(maps, { recursive: true, force: true });
});

const issueCount = async () => (await lookout.api<Project[]>('projects')).find((p) => p.id === 2)?.issueCount;

it('a re-group that merges its issue away tells open windows, and the counts agree', async () => {
  expect(withId.issueId).not.toBe(plain.issueId);
  expect(await issueCount()).toBe(2);
  let result: RegroupIssueResult | null = null;
  const frames = await readFrames(lookout.url, null,
    (got) => got.some((f) => f.message.type === 'issues_merged') || (result !== null && got.some((f) => f.message.type === 'issue')),
    async () => { result = await lookout.api<RegroupIssueResult>(`issues/${withId.issueId}/regroup`, { method: 'POST' }); });
  expect(result).toMatchObject({ mergedInto: plain.issueId });
  expect(frames.map((f) => f.message)).toContainEqual(expect.objectContaining({ type: 'issues_merged', parent: plain.issueId, children: [withId.issueId] }));
  expect(await issueCount()).toBe(1);
});
