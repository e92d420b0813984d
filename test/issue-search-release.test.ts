/**
 * Sentry's `firstRelease:` and `release:latest` in the issue search, against a real Lookout fed by real @sentry/node:
 * an `api` project releasing by semver (1.2.0, then 1.10.0, then a hotfix of the older line, 1.9.0, last) and a
 * `web` project whose releases are build names (latest by when they came). The suggestions offer the same values.
 */
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueSummary, Page } from '../src/shared/api-types';
import type { SearchValues } from '../src/shared/api-search';
import { startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;
const dsnOf = (project: number) => lookout.dsn.replace(/\/1$/, `/${project}`);

/** Captures `message` (its own issue) in `release` and `environment` of `project`; resolves once Lookout has it. */
async function send(project: number, release: string, environment: string, message: string): Promise<void> {
  await Sentry.close(2000);
  Sentry.init({ dsn: dsnOf(project), release, environment, defaultIntegrations: false, sendClientReports: false });
  Sentry.withScope((scope) => {
    scope.setFingerprint([message]);
    Sentry.captureException(new Error(message));
  });
  if (!(await Sentry.flush(10_000))) throw new Error('@sentry/node did not flush');
}

const search = (query: string, params = '') =>
  lookout.api<Page<IssueSummary>>(`issues?status=all&limit=100&query=${encodeURIComponent(query)}${params}`);
const titles = async (query: string, params = '') => (await search(query, params)).items.map((i) => i.title.replace(/^Error: /, '')).sort();

beforeAll(async () => {
  lookout = await startTestLookout();
  // Sent in this order, so "added" order differs from version order in api (1.9.0 comes last).
  await send(1, 'api@1.2.0', 'staging', 'coupon below zero');
  await send(1, 'api@1.10.0', 'production', 'cart lost');
  await send(1, 'api@1.10.0', 'production', 'coupon below zero');
  await send(1, 'api@1.9.0', 'production', 'hotfix regression');
  await send(2, 'web-build-a', 'production', 'button dead');
  await send(2, 'web-build-b', 'production', 'menu frozen');
}, 60_000);
afterAll(async () => { await Sentry.close(2000); await lookout.stopAndClean(); });

describe('firstRelease: and release:latest, as Sentry reads them', () => {
  it('finds the issues first seen in a release, in any of its spellings, lists and !', async () => {
    expect(await titles('firstRelease:api@1.2.0')).toEqual(['coupon below zero']);
    expect(await titles('first-release:api@1.10.0')).toEqual(['cart lost']);
    expect(await titles('first_release:[api@1.2.0,api@1.9.0]')).toEqual(['coupon below zero', 'hotfix regression']);
    // `!` keeps every other issue, of every project.
    expect(await titles('!firstRelease:api@1.2.0')).toEqual(['button dead', 'cart lost', 'hotfix regression', 'menu frozen']);
    const page = await search('firstRelease:api@1.2.0');
    expect(page.total).toBe(1);
    expect(page.notes ?? []).toEqual([]);
  });

  it('reads latest per project: by version where releases are semver (1.10.0 over 1.9.0 though older), else the newest added', async () => {
    const api = await search('release:latest', '&project=1');
    expect(api.items.map((i) => i.title.replace(/^Error: /, '')).sort()).toEqual(['cart lost', 'coupon below zero']);
    expect(api.notes).toEqual(['"latest" is api@1.10.0: the newest release of each project searched.']);
    expect(await titles('firstRelease:latest', '&project=1')).toEqual(['cart lost']);
    // Every project: api's latest and web's (by when it came).
    expect(await titles('firstRelease:latest')).toEqual(['cart lost', 'menu frozen']);
    expect((await search('release:latest')).notes).toEqual(['"latest" is api@1.10.0, web-build-b: the newest release of each project searched.']);
    expect(await titles('!firstRelease:latest project:api')).toEqual(['coupon below zero', 'hotfix regression']);
    expect(await titles('release:[latest,api@1.2.0]', '&project=1')).toEqual(['cart lost', 'coupon below zero']);
  });

  it('reads latest within the environments searched, and says when there is none', async () => {
    expect(await titles('firstRelease:latest environment:staging', '&project=1')).toEqual(['coupon below zero']);
    expect(await titles('firstRelease:latest', '&project=1&environment=staging')).toEqual(['coupon below zero']);
    const none = await search('release:latest', '&project=1&environment=qa');
    expect(none.total).toBe(0);
    expect(none.notes).toEqual(['No release was seen in the projects and environments searched, so "latest" matches none.']);
  });

  it('reads latest in the Release menu (the release= filter) as the search does', async () => {
    const api = await search('', '&project=1&release=latest');
    expect(api.items.map((i) => i.title.replace(/^Error: /, '')).sort()).toEqual(['cart lost', 'coupon below zero']);
    expect(api.notes).toEqual(['"latest" is api@1.10.0: the newest release of each project searched.']);
    expect(await titles('', '&release=latest')).toEqual(['cart lost', 'coupon below zero', 'menu frozen']);
    expect(await titles('', '&project=1&environment=staging&release=latest')).toEqual(['coupon below zero']);
    const none = await search('', '&project=1&environment=qa&release=latest');
    expect(none.total).toBe(0);
    expect(none.notes).toEqual(['No release was seen in the projects and environments searched, so "latest" matches none.']);
    // A release is still matched as typed.
    expect(await titles('', '&release=api@1.9.0')).toEqual(['hotfix regression']);
  });

  it('says a key it does not know under the box instead of silently finding nothing', async () => {
    const page = await search('first_releases:api@1.2.0');
    expect(page.total).toBe(0);
    expect(page.notes).toEqual(['No issue has a "first_releases" tag and Lookout has no such search key: "first_releases:api@1.2.0" was looked for as text.']);
  });

  it('suggests latest, then the stored first releases, for firstRelease: and latest for release:', async () => {
    const values = (key: string, prefix: string) => lookout.api<SearchValues>(`issues/search-values?key=${key}&prefix=${encodeURIComponent(prefix)}`);
    expect((await values('firstRelease', '')).values).toEqual(['latest', 'api@1.10.0', 'api@1.2.0', 'api@1.9.0', 'web-build-a', 'web-build-b']);
    expect((await values('first-release', 'API@1.1')).values).toEqual(['api@1.10.0']);
    expect((await values('release', 'la')).values).toEqual(['latest']);
    expect((await values('release', 'web')).values).toEqual(['web-build-a', 'web-build-b']);
  });
});
