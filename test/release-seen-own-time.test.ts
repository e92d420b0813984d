/**
 * Releases seen by the data's own time, and a release's Resolved and Unhandled lists, from a real
 * @sentry/node client that dates its events and sessions in the past (migration 042,
 * `api/release-issue-lists.ts`).
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseList, ReleasePage } from '../src/shared/api-releases';
import { startTestLookout, type TestLookout } from './helpers/lookout';
import { runSdkApp } from './helpers/sdk-app';

const APP = fileURLToPath(new URL('./fixtures/app/backdated-releases.mjs', import.meta.url));
const HOUR = 3_600_000;

let lookout: TestLookout;
beforeAll(async () => { lookout = await startTestLookout(); });
afterAll(async () => { await lookout.stopAndClean(); });

async function send(release: string, hoursAgo: number, only?: 'events-only'): Promise<void> {
  const run = await runSdkApp(process.execPath, [APP, lookout.dsn, release, String(hoursAgo), ...(only ? [only] : [])]);
  expect(run.exitCode, run.stderr).toBe(0);
}

/** Polls the read API until `ready` holds (the last envelopes may still be in flight when the app ends). */
async function until<T>(read: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = await read().catch(() => null);
    if (value !== null && ready(value)) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the read API never showed what was sent');
}

const page = (version: string) => lookout.api<ReleasePage>(`releases/detail?project=1&version=${encodeURIComponent(version)}`);
const titles = (issues: { title: string }[]) => issues.map((i) => i.title).sort();

describe('a release is seen when its data happened, not when it arrived', () => {
  it('lists a release whose week-old backlog arrives last after the release seen an hour ago', async () => {
    await send('api@1.1.0', 1);
    const sentAt = Date.now();
    await send('api@1.0.0', 96);
    const list = await until(() => lookout.api<ReleaseList>('releases?project=1'),
      (l) => l.releases.length === 2 && l.releases.every((r) => r.sessions === 4 && r.events === 2));
    expect(list.releases.map((r) => r.version)).toEqual(['api@1.1.0', 'api@1.0.0']);
    const [newer, older] = list.releases;
    // Last seen: the session update's `timestamp` (30 s after it started), 96 hours before it was sent.
    expect(older!.lastSeen).toBeLessThan(sentAt - 95 * HOUR);
    expect(older!.lastSeen).toBeGreaterThan(sentAt - 97 * HOUR);
    // First seen: the aggregate bucket's minute, the earliest of what it sent.
    expect(older!.firstSeen).toBeLessThanOrEqual(older!.lastSeen);
    expect(older!.lastSeen - older!.firstSeen).toBeLessThan(2 * 60_000);
    expect(newer!.lastSeen).toBeLessThan(sentAt);
    expect(newer!.lastSeen).toBeGreaterThan(sentAt - 2 * HOUR);
  });

  it('lists the issues of a release with an unhandled event under Unhandled', async () => {
    const older = await page('api@1.0.0');
    expect(titles(older.issues)).toEqual(['Error: handled in api@1.0.0', 'Error: unhandled in api@1.0.0']);
    expect(older.unhandledIssues.map((i) => [i.title, i.events])).toEqual([['Error: unhandled in api@1.0.0', 1]]);
    expect(titles((await page('api@1.1.0')).unhandledIssues)).toEqual(['Error: unhandled in api@1.1.0']);
  });

  it('lists an issue "resolved in the next release" under Resolved of the release it resolved into', async () => {
    const fixed = (await page('api@1.0.0')).issues.find((i) => i.title === 'Error: handled in api@1.0.0')!;
    await lookout.api(`issues/${fixed.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"status":"resolved_next_release"}' });
    // api@1.1.0 was seen before the resolution: not the next release; nothing is resolved in any release yet.
    expect((await page('api@1.1.0')).resolvedIssues).toEqual([]);
    await send('api@1.2.0', 0, 'events-only');
    const next = await until(() => page('api@1.2.0'), (p) => p.resolvedIssues.length > 0);
    expect(next.resolvedIssues.map((i) => [i.id, i.title, i.status, i.events])).toEqual([[fixed.id, 'Error: handled in api@1.0.0', 'resolved_next_release', 0]]);
    expect((await page('api@1.1.0')).resolvedIssues).toEqual([]);
    expect((await page('api@1.0.0')).resolvedIssues).toEqual([]);
  });
});
