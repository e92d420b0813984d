import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, IssueDetail } from '../src/shared/api-types';
import type { ImportSummary } from '../src/shared/import-summary';
import { corpusEvent } from '../src/core/grouping/test-support/corpus';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

const ROOT = resolve(__dirname, '..');
const LOOKOUT = join(ROOT, 'bin/lookout.js');
let source: TestLookout;
let issueId = 0;
const EVENT_ID = 'c0ffee00c0ffee00c0ffee00c0ffee00';

// A real sentry-php error event, sent the way SDKs of the store era do: gzipped JSON to
// /api/1/store/ with X-Sentry-Auth. Lookout keeps that body as it came, not as an envelope.
beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/ensure-web-build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  source = await startTestLookout();
  const event = { ...corpusEvent('envelope_php_error.txt'), event_id: EVENT_ID };
  const sent = await post(`${source.url}/api/1/store/`, gzipSync(JSON.stringify(event)), {
    'content-type': 'application/json', 'content-encoding': 'gzip',
    'x-sentry-auth': 'Sentry sentry_version=7, sentry_key=anykey, sentry_client=sentry.php/4.0.0',
  });
  expect(sent.status).toBe(200);
  issueId = (await source.api<EventDetail>(`events/${EVENT_ID}`)).issueId!;
}, 120_000);

afterAll(async () => { await source.stopAndClean(); });

async function bundle(): Promise<string> {
  const res = await fetch(`${source.url}/_lookout/api/issues/${issueId}/report?format=json`);
  expect(res.status).toBe(200);
  return res.text();
}

async function importInto(target: TestLookout, body: string): Promise<ImportSummary> {
  const res = await fetch(`${target.url}/_lookout/api/import`, { method: 'POST', body });
  expect(res.status).toBe(200);
  return await res.json() as ImportSummary;
}

describe('bundles of events sent to the legacy store endpoint', () => {
  it('carry the event as an envelope, and import into a fresh Lookout under the same id and issue title', async () => {
    const original = await source.api<IssueDetail>(`issues/${issueId}`);
    const text = await bundle();
    const raw = Buffer.from((JSON.parse(text) as { envelopes: { data: string }[] }).envelopes[0]!.data, 'base64').toString('utf8');
    expect(raw.split('\n')[1]).toContain('"type":"event"');
    const target = await startTestLookout();
    try {
      const summary = await importInto(target, text);
      expect(summary).toMatchObject({ events: 1, duplicates: 0 });
      const imported = await target.api<IssueDetail>(`issues/${summary.issueIds[0]}`);
      expect(imported.title).toBe(original.title);
      const ev = await target.api<EventDetail>(`events/${EVENT_ID}`);
      expect(ev.payload.exception?.values?.[0]?.type).toBe('Exception');
      // A second import of the same bundle stores nothing and says so.
      expect(await importInto(target, text)).toMatchObject({ events: 0, duplicates: 1, issueIds: summary.issueIds });
    } finally {
      await target.stopAndClean();
    }
  });

  it('reads bundles written before the fix, which held the store body itself', async () => {
    const old = JSON.parse(await bundle()) as { envelopes: { data: string }[] };
    const event = { ...corpusEvent('envelope_php_error.txt'), event_id: EVENT_ID };
    old.envelopes[0]!.data = Buffer.from(JSON.stringify(event)).toString('base64');
    const target = await startTestLookout();
    try {
      const summary = await importInto(target, JSON.stringify(old));
      expect(summary.events).toBe(1);
      expect((await target.api<EventDetail>(`events/${EVENT_ID}`)).issueId).toBe(summary.issueIds[0]);
    } finally {
      await target.stopAndClean();
    }
  });

  it('`lookout import` of a bundle without a readable event fails with a message and exit code 1', async () => {
    const empty = JSON.parse(await bundle()) as { envelopes: unknown[] };
    empty.envelopes = [];
    const dir = mkdtempSync(join(tmpdir(), 'lookout-import-empty-'));
    writeFileSync(join(dir, 'empty.json'), JSON.stringify(empty));
    const run = spawnSync(process.execPath, [LOOKOUT, 'import', join(dir, 'empty.json'), '--data-dir', join(dir, 'data')], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('holds no event this Lookout can read');
    const good = join(dir, 'good.json');
    writeFileSync(good, await bundle());
    const said = execFileSync(process.execPath, [LOOKOUT, 'import', good, '--data-dir', join(dir, 'data')], { encoding: 'utf8' });
    expect(said).toMatch(/^Imported ".+": 1 new event into issue \d+\.\n$/);
    expect(readFileSync(good, 'utf8')).toContain('lookout-bundle/1');
  });

  it('`lookout export` and `lookout regroup` refuse a data dir without a store, and create nothing there', () => {
    const typo = join(mkdtempSync(join(tmpdir(), 'lookout-typo-')), 'lookuot');
    for (const args of [['export', '1', '--format', 'md'], ['regroup']]) {
      const run = spawnSync(process.execPath, [LOOKOUT, ...args, '--data-dir', typo], { encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`No Lookout data in ${typo}`);
      expect(existsSync(typo)).toBe(false);
    }
  });
});
