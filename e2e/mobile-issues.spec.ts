/**
 * A mobile developer's first look, in Chromium: an unsymbolicated NDK crash (sentry-native's synthetic
 * SIGSEGV) reads `<unknown>` with its value "Segfault" under it, as Sentry's list shows it, and is found by
 * `error.type:SIGSEGV`; an Android ANR is found by `device:"Pixel 7"`; a release whose sessions reported ANRs
 * shows Sentry's ANR rate. Envelopes are posted as the SDKs send them (test/fixtures/mobile/).
 * @see https://github.com/getsentry/sentry/blob/master/static/app/utils/events.tsx (getMessage)
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';

const fixture = (name: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../test/fixtures/mobile/${name}`, import.meta.url)), 'utf8')) as Record<string, unknown>;

async function send(url: string, project: number, items: unknown[][]): Promise<void> {
  const lines = [JSON.stringify({ sent_at: new Date().toISOString() }), ...items.flat().map((part) => JSON.stringify(part))];
  const res = await fetch(`${url}/api/${project}/envelope/?sentry_key=k&sentry_version=7`, { method: 'POST', body: `${lines.join('\n')}\n` });
  expect(res.status).toBe(200);
}

const event = (name: string) => [{ type: 'event' }, { ...fixture(name), event_id: randomUUID().replace(/-/g, ''), timestamp: Date.now() / 1000 }];

test('an NDK crash shows its value under <unknown> and is found by error.type; an ANR by its device; the release its ANR rate', async ({ page, server }) => {
  await send(server.url, 1, [event('native-ndk-crash.json')]);
  await send(server.url, 1, [event('android-anr.json')]);
  const session = (did: string, status: string, mechanism?: string) => [{ type: 'session' }, {
    sid: randomUUID(), did, init: true, status, started: new Date().toISOString(), ...(mechanism ? { abnormal_mechanism: mechanism } : {}),
    attrs: { release: 'com.acme.shop@3.1.0+310', environment: 'production' } }];
  await send(server.url, 1, [session('u1', 'exited'), session('u2', 'abnormal', 'anr_foreground'), session('u3', 'exited'), session('u4', 'exited')]);

  await page.goto(`${server.url}/#/issues`);
  const ndk = page.getByTestId('issue-row').filter({ hasText: '<unknown>' });
  await expect(ndk.getByTestId('issue-title')).toHaveText('<unknown>');
  await expect(ndk.getByTestId('issue-culprit')).toHaveText('Segfault');

  const box = page.getByPlaceholder(/Search issues/);
  await box.fill('error.type:SIGSEGV');
  await box.press('Enter');
  await expect(page.getByTestId('issue-row')).toHaveCount(1);
  await expect(page.getByTestId('issue-row').getByTestId('issue-culprit')).toHaveText('Segfault');

  await box.fill('device:"Pixel 7" mechanism:ANR');
  await box.press('Enter');
  await expect(page.getByTestId('issue-row')).toHaveCount(1);
  await expect(page.getByTestId('issue-row').getByTestId('issue-title')).toContainText('ApplicationNotResponding');

  await page.goto(`${server.url}/#/releases/1/${encodeURIComponent('com.acme.shop@3.1.0+310')}`);
  await expect(page.getByTestId('release-detail-anr-rate')).toHaveText('25%');
  await expect(page.getByTestId('release-detail-foreground-anr-rate')).toHaveText('25%');
});
