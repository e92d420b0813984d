/**
 * Mobile and native events tagged, marked in-app and searched as Sentry does, through a real server:
 * a sentry-cocoa crash that leaves `in_app` unset, a sentry-java ANR and an unsymbolicated
 * sentry-native (NDK) SIGSEGV (test/fixtures/mobile/, shaped as those SDKs send them), posted as
 * envelopes; mobile sessions with ANRs for the release's ANR rate; a project that sends only
 * sessions named from their release.
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/interfaces/contexts.py (context_to_tag_mapping)
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/grouping/enhancer/enhancement-configs/all-platforms@2023-01-11.txt
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, IssueSummary, Page, Project, TagDistribution } from '../src/shared/api-types';
import type { ReleaseDetail } from '../src/shared/api-releases';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;
const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures/mobile', name), 'utf8')) as Record<string, unknown>;
const hex = () => randomUUID().replace(/-/g, '');

/** An envelope of `items` (header, body) to project `project`, as the SDKs write it. */
async function send(project: number, items: [Record<string, unknown>, unknown][], eventId?: string): Promise<void> {
  const lines = [JSON.stringify({ ...(eventId ? { event_id: eventId } : {}), sent_at: new Date().toISOString() })];
  for (const [header, body] of items) lines.push(JSON.stringify(header), JSON.stringify(body));
  const res = await post(`${lookout.url}/api/${project}/envelope/?sentry_key=k&sentry_version=7`, `${lines.join('\n')}\n`);
  expect(res.status).toBe(200);
}

async function sendEvent(project: number, name: string): Promise<string> {
  const eventId = hex();
  await send(project, [[{ type: 'event' }, { ...fixture(name), event_id: eventId, timestamp: Date.now() / 1000 }]], eventId);
  return eventId;
}

const search = async (query: string, project?: number) =>
  (await lookout.api<Page<IssueSummary>>(`issues?status=all&query=${encodeURIComponent(query)}${project ? `&project=${project}` : ''}`)).items;
const ids = (issues: IssueSummary[]) => issues.map((i) => i.id).sort();

let iosEventId: string;
let ios: IssueSummary;
let anr: IssueSummary;
let ndk: IssueSummary;

beforeAll(async () => {
  lookout = await startTestLookout();
  iosEventId = await sendEvent(1, 'cocoa-crash.json');
  await sendEvent(2, 'android-anr.json');
  await sendEvent(3, 'native-ndk-crash.json');
  const all = await search('');
  ios = all.find((i) => i.projectId === 1)!;
  anr = all.find((i) => i.projectId === 2)!;
  ndk = all.find((i) => i.projectId === 3)!;
  expect([ios, anr, ndk].every(Boolean)).toBe(true);
});
afterAll(() => lookout.stopAndClean());

describe('tags Sentry derives from contexts', () => {
  it('tags the device model and family, a rooted OS, the app install hash', async () => {
    const tags = await lookout.api<TagDistribution[]>(`issues/${ios.id}/tags`);
    const value = (key: string) => tags.find((t) => t.key === key)?.values.map((v) => v.value);
    expect(value('device')).toEqual(['iPhone15,2']);
    expect(value('device.family')).toEqual(['iOS']);
    expect(value('os.rooted')).toEqual(['no']);
    expect(value('app.device')).toEqual(['9f3b2a']);
    expect(value('os')).toEqual(['iOS 17.5']);
  });

  it('finds an issue by its device: device:"Pixel 7" and device.family:Pixel', async () => {
    expect(ids(await search('device:"Pixel 7"'))).toEqual(ids([anr, ndk]));
    expect(ids(await search('device.family:Pixel'))).toEqual(ids([anr, ndk]));
    expect(ids(await search('device:"iPhone15,2"'))).toEqual([ios.id]);
  });
});

describe("Sentry's native in-app rules", () => {
  it("marks the app bundle's frames in-app and the bundled Sentry.framework not, so the culprit is the app's frame", async () => {
    expect(ios.title).toBe('EXC_BAD_ACCESS: KERN_INVALID_ADDRESS at 0x0000000000000000');
    expect(ios.culprit).toBe('ViewController.causeCrash(Any) -> ()');
    const event = await lookout.api<EventDetail>(`events/${iosEventId}`);
    const frames = event.payload.exception?.values?.[0]?.stacktrace?.frames ?? [];
    const inApp = frames.filter((f) => f.in_app).map((f) => f.function);
    expect(inApp).toEqual(['main', '@objc ViewController.causeCrash(Any) -> ()', 'ViewController.causeCrash(Any) -> ()']);
    expect(frames.find((f) => f.function === '-[SentryClient crash]')?.in_app).toBe(false);
  });
});

describe('an unsymbolicated NDK crash (a synthetic SIGSEGV)', () => {
  it('is titled <unknown> with its value under it, as in Sentry', () => {
    expect(ndk.title).toBe('<unknown>');
    expect(ndk.subtitle).toBe('Segfault');
  });

  it('is found by error.type:SIGSEGV and by the free text SIGSEGV or Segfault', async () => {
    expect(ids(await search('error.type:SIGSEGV'))).toEqual([ndk.id]);
    expect(ids(await search('SIGSEGV'))).toEqual([ndk.id]);
    expect(ids(await search('Segfault'))).toEqual([ndk.id]);
    expect(ios.subtitle).toBeUndefined();
  });
});

describe("Sentry's semver search keys on the release", () => {
  it('reads release.package, release.version and release.build of package@version+build', async () => {
    expect(ids(await search('release.package:com.acme.Shop'))).toEqual([ios.id]);
    expect(ids(await search('release.build:412'))).toEqual([ios.id]);
    expect(ids(await search('release.build:>=300'))).toEqual(ids([ios, anr, ndk]));
    expect(ids(await search('release.build:>400'))).toEqual([ios.id]);
    expect(ids(await search('release.version:>=3.0.0'))).toEqual(ids([anr, ndk]));
    expect(ids(await search('release.version:2.3.*'))).toEqual([ios.id]);
    expect(ids(await search('release.version:<2.3.0'))).toEqual([]);
    expect(ids(await search('!release.package:com.acme.Shop'))).toEqual(ids([anr, ndk]));
  });

  it('says what a value it cannot read is, and leaves it out', async () => {
    const page = await lookout.api<Page<IssueSummary> & { notes?: string[] }>(`issues?status=all&query=${encodeURIComponent('release.version:>banana')}`);
    expect(page.items.length).toBe(3);
    expect(JSON.stringify(page)).toContain('release.version needs a version');
  });
});

describe('mobile release health', () => {
  const RELEASE = 'com.acme.shop@3.2.0+320';
  const session = (did: string, status: string, mechanism?: string) => [{ type: 'session' }, {
    sid: randomUUID(), did, init: true, started: new Date(Date.now() - 60_000).toISOString(), timestamp: new Date().toISOString(),
    status, errors: status === 'crashed' ? 1 : 0, duration: 60, ...(mechanism ? { abnormal_mechanism: mechanism } : {}),
    attrs: { release: RELEASE, environment: 'production' },
  }] as [Record<string, unknown>, unknown];

  it("counts the ANR rate and foreground ANR rate of a release's users from the sessions sent", async () => {
    // Five users: two ANRs (one in the foreground, one in the background), an abnormal exit that is no ANR, a crash, a clean exit.
    await send(2, [session('u1', 'exited'), session('u2', 'abnormal', 'anr_foreground'), session('u3', 'abnormal', 'anr_background')]);
    await send(2, [session('u4', 'abnormal'), session('u5', 'crashed'), session('u2', 'exited')]);
    const detail = await lookout.api<ReleaseDetail>(`releases/detail?project=2&version=${encodeURIComponent(RELEASE)}`);
    expect(detail.release).toMatchObject({ sessions: 6, users: 5, anrUsers: 2, foregroundAnrUsers: 1, anrRate: 40, foregroundAnrRate: 20 });
    const other = await lookout.api<ReleaseDetail>(`releases/detail?project=1&version=${encodeURIComponent('com.acme.Shop@2.3.0+412')}`);
    expect(other.release).toMatchObject({ anrUsers: 0, anrRate: null });
  });

  it('names a project that sends only sessions from their release', async () => {
    await send(5, [[{ type: 'session' }, { sid: randomUUID(), did: 'x', init: true, status: 'exited', started: new Date().toISOString(),
      attrs: { release: 'com.acme.api@1.0.0', environment: 'production' } }]]);
    const projects = await lookout.api<Project[]>('projects');
    expect(projects.find((p) => p.id === 5)?.name).toBe('com.acme.api');
  });
});
