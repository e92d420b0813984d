import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseDetail, ReleaseList, ReleaseSummary } from '../src/shared/api-releases';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';
import { redateSessions } from './helpers/redate-sessions';
import { runSdkApp } from './helpers/sdk-app';

const SESSIONS_APP = fileURLToPath(new URL('./fixtures/app/sessions.mjs', import.meta.url));
const CORPUS = '/work/shared/corpus/protocol/spotlight';

let lookout: TestLookout;
beforeAll(async () => { lookout = await startTestLookout(); });
afterAll(async () => { await lookout.stopAndClean(); });

const dsnOf = (project: number) => lookout.dsn.replace(/\/1$/, `/${project}`);
const releases = (query = '') => lookout.api<ReleaseList>(`releases${query}`);
const release = async (project: number, version: string): Promise<ReleaseSummary> => {
  const found = (await releases(`?project=${project}`)).releases.find((r) => r.version === version);
  if (!found) throw new Error(`no release ${version} in project ${project}`);
  return found;
};

/** Polls the read API until `ready` holds (an SDK's envelopes may still be in flight after the app ends). */
async function until<T>(read: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read().catch(() => null);
    if (value !== null && ready(value)) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the read API never showed what was sent');
}

describe('releases and release health from real SDK sessions', () => {
  it('reads the Android SDK\'s crashed session from the corpus: one session, crashed, its user crashed', async () => {
    // Dated now: Relay (and Lookout) skip a session that started more than 5 days before it arrives.
    const body = redateSessions(readFileSync(`${CORPUS}/application_x_sentry_envelope-1706290053204.txt`));
    expect((await post(`${lookout.url}/api/2/envelope/?sentry_key=k`, body)).status).toBe(200);
    const r = await release(2, 'io.sentry.samples.android@7.2.0+2');
    expect(r).toMatchObject({ sessions: 1, crashFreeSessions: 0, users: 1, crashedUsers: 1, crashFreeUsers: 0, environments: ['debug'] });
    expect(r.bySession).toEqual({ healthy: 0, errored: 0, unhandled: 0, abnormal: 0, crashed: 1 });
    // Its error event is in the release, as the issue it opened (first seen in it).
    expect(r.events).toBe(1);
    expect(r.newIssues).toBe(1);
  });

  it('reads a session without sid or status (relay\'s defaults: a new session, ok) as one healthy session', async () => {
    const body = redateSessions(readFileSync(`${CORPUS}/envelope_no_len_w_eof_empty_headers.txt`));
    expect((await post(`${lookout.url}/api/3/envelope/?sentry_key=k`, body)).status).toBe(200);
    const r = await release(3, 'sentry-test@1.0.0');
    expect(r).toMatchObject({ sessions: 1, crashFreeSessions: 100, users: 0, crashFreeUsers: null });
  });

  it('counts @sentry/node\'s process sessions (errored, crashed) and request aggregates in their releases', async () => {
    const dsn = dsnOf(4);
    const errored = await runSdkApp(process.execPath, [SESSIONS_APP, dsn, 'api@1.0.0', 'script-error']);
    expect(errored.exitCode, errored.stderr).toBe(0);
    const crashed = await runSdkApp(process.execPath, [SESSIONS_APP, dsn, 'api@1.0.0', 'crash']);
    expect(crashed.exitCode).not.toBe(0);
    const served = await runSdkApp(process.execPath, [SESSIONS_APP, dsn, 'api@1.1.0+7', 'server']);
    expect(served.exitCode, served.stderr).toBe(0);

    const first = await until(() => release(4, 'api@1.0.0'), (r) => r.sessions === 2);
    expect(first.bySession).toMatchObject({ errored: 1, crashed: 1, healthy: 0 });
    expect(first).toMatchObject({ crashFreeSessions: 50, users: 2, crashedUsers: 1, crashFreeUsers: 50, environments: ['test'] });

    // Request mode: 3 requests as aggregates (2 exited, 1 errored), and the process session the first request closed.
    const second = await until(() => release(4, 'api@1.1.0+7'), (r) => r.sessions >= 3);
    expect(second.bySession.errored).toBe(1);
    expect(second.bySession.crashed).toBe(0);
    expect(second.crashFreeSessions).toBe(100);
    // Adoption: each release's share of the project's sessions of the last 24 hours.
    expect((first.adoption ?? 0) + (second.adoption ?? 0)).toBeCloseTo(100, 0);

    const detail = await lookout.api<ReleaseDetail>(`releases/detail?project=4&version=${encodeURIComponent('api@1.0.0')}`);
    expect(detail.hours.reduce((n, h) => n + h.errored + h.crashed, 0)).toBe(2);
    expect(detail.newIssues.map((i) => i.title).sort()).toEqual(['Error: handled in a script', 'Error: uncaught in a script']);
    expect(detail.issues).toHaveLength(2);
  });

  it('searches by version, filters by environment, and refuses bad parameters', async () => {
    expect((await releases('?query=ANDROID')).releases.map((r) => r.version)).toEqual(['io.sentry.samples.android@7.2.0+2']);
    expect((await releases('?environment=test')).releases.every((r) => r.environments.includes('test'))).toBe(true);
    expect((await releases()).environments).toEqual(expect.arrayContaining(['debug', 'test']));
    await expect(lookout.api('releases?project=x')).rejects.toThrow(/400/);
    await expect(lookout.api('releases/detail?project=4')).rejects.toThrow(/400/);
    await expect(lookout.api('releases/detail?project=4&version=nope')).rejects.toThrow(/404/);
  });

  it('forgets the releases with "Delete all data"', async () => {
    await lookout.api('data', { method: 'DELETE' });
    expect((await releases()).releases).toEqual([]);
  });
});
