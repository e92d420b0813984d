/**
 * A source map that only a project's own source roots can reach: at ingest the frames stay as
 * sent with the reason; once the project's roots are set, the event detail comes back
 * re-symbolicated, "re-group with source maps" moves the event into the issue its original
 * frames belong to, and new events are symbolicated at ingest. Real @sentry/node, real esbuild.
 */
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, IssueDetail, ProjectSettings, RegroupIssueResult } from '../src/shared/api-types';
import type { SentryEvent, SentryFrame } from '../src/shared/sentry';
import { buildApp, makeProject, throwUnderSentry } from './helpers/node-app';
import { startTestLookout, type TestLookout } from './helpers/lookout';

const DEBUG_ID = '9b2f6c1e-4a7d-4e3b-8c5f-1d2e3f4a5b6c';
let dir: string;
let maps: string;
let lookout: TestLookout;
let dsn2: string;
let idJs: string;
let plain: EventDetail;
let withId: EventDetail;

const topFrame = (e: SentryEvent): SentryFrame | undefined => e.exception?.values?.at(-1)?.stacktrace?.frames?.at(-1);
const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const status = async (p: string, init?: RequestInit) => (await fetch(`${lookout.url}/_lookout/api/${p}`, init)).status;

beforeAll(async () => {
  dir = await makeProject('lookout-latermaps-');
  maps = await mkdtemp(path.join(tmpdir(), 'lookout-maps-'));
  lookout = await startTestLookout();
  dsn2 = lookout.dsn.replace(/\/1$/, '/2');
  const plainJs = await buildApp(dir, 'plain', { minify: false });
  idJs = await buildApp(dir, 'withid', { minify: true, debugId: DEBUG_ID });
  // The map lives outside the project, where only its debug id can find it.
  await rename(`${idJs}.map`, path.join(maps, 'renamed.map'));
  plain = await lookout.api<EventDetail>(`events/${await throwUnderSentry(dsn2, plainJs)}`);
  withId = await lookout.api<EventDetail>(`events/${await throwUnderSentry(dsn2, idJs)}`);
});

afterAll(async () => {
  await lookout.stopAndClean();
  await rm(dir, { recursive: true, force: true });
  await rm(maps, { recursive: true, force: true });
});

describe('a map outside the source roots', () => {
  it('leaves the frame as sent, with the reason, and the event in its own issue', () => {
    const top = topFrame(withId.payload);
    expect(top?.filename).toBe(idJs);
    expect(String(top?.data?.sourcemap_error)).toMatch(/no source map with debug id 9b2f6c1e4a7d4e3b8c5f1d2e3f4a5b6c under the source roots/);
    expect(withId.resymbolicated).toBe(false);
    expect(withId.issueId).not.toBe(plain.issueId);
  });

  it('per-project source roots: read, validated, saved', async () => {
    expect(await lookout.api<ProjectSettings>('projects/2/settings')).toEqual({ sourceRoots: [] });
    expect(await status('projects/2/settings', json('PUT', { sourceRoots: ['relative/dir'] }))).toBe(400);
    expect(await status('projects/2/settings', json('PUT', { sourceRoots: 'not-a-list' }))).toBe(400);
    expect(await status('projects/99/settings', json('PUT', { sourceRoots: [maps] }))).toBe(404);
    expect(await lookout.api<ProjectSettings>('projects/2/settings', json('PUT', { sourceRoots: [maps] }))).toEqual({ sourceRoots: [maps] });
    expect(await lookout.api<ProjectSettings>('projects/2/settings')).toEqual({ sourceRoots: [maps] });
    expect(await lookout.api<ProjectSettings>('projects/1/settings').catch((e: Error) => e.message)).toMatch(/404/);
  });

  it('is used at view time once the project roots reach it: resymbolicated', async () => {
    const again = await lookout.api<EventDetail>(`events/${withId.eventId}`);
    expect(again.resymbolicated).toBe(true);
    const top = topFrame(again.payload);
    // The map's relative sources resolve next to the map, where no file is: names and lines come from the map.
    expect([top?.lineno, top?.function, top?.context_line]).toEqual([3, 'validate', '    throw new Error(`negative price for ${item.name}`);']);
    expect(top?.filename).toMatch(/src\/validate\.js$/);
    expect(top?.data?.sourcemap).toBe(path.join(maps, 'renamed.map'));
    expect(top?.data?.resolved_with).toBe('debug-id');
    expect((await lookout.api<EventDetail>(`events/${plain.eventId}`)).resymbolicated).toBe(false);
  });

  it('the bug report shows the frames the issue page shows, mapped', async () => {
    const report = await (await fetch(`${lookout.url}/_lookout/api/issues/${withId.issueId}/report?format=md`)).text();
    expect(report).toContain('validate');
    expect(report).toMatch(/src\/validate\.js:3/);
    expect(report).toContain('throw new Error(`negative price for ${item.name}`);');
    expect(report).not.toContain(`${path.basename(idJs)}:`);
  });

  it('"re-group with source maps" stores the resolved frames and moves the event to its original issue', async () => {
    const result = await lookout.api<RegroupIssueResult>(`issues/${withId.issueId}/regroup`, { method: 'POST' });
    expect(result).toMatchObject({ events: 1, resymbolicated: 1, issueIds: [plain.issueId] });
    expect(result.summary.issuesAfter).toBe(result.summary.issuesBefore - 1);
    const moved = await lookout.api<EventDetail>(`events/${withId.eventId}`);
    expect(moved.issueId).toBe(plain.issueId);
    expect(moved.grouping?.variants.find((v) => v.name === 'app')?.hash).toBe(plain.grouping?.variants.find((v) => v.name === 'app')?.hash);
    expect(moved.resymbolicated).toBe(false);
    expect(topFrame(moved.payload)?.function).toBe('validate');
    // Its events all group with the original issue now, so the old issue was merged into it: its link opens that one.
    expect(result.mergedInto).toBe(plain.issueId);
    expect((await lookout.api<IssueDetail>(`issues/${withId.issueId}`)).id).toBe(plain.issueId);
  });

  it('new events of that project are symbolicated at ingest with the project roots', async () => {
    const fresh = await lookout.api<EventDetail>(`events/${await throwUnderSentry(dsn2, idJs)}`);
    expect(topFrame(fresh.payload)?.data?.resolved_with).toBe('debug-id');
    expect(fresh.issueId).toBe(plain.issueId);
  });
});
