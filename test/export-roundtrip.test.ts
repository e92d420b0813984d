import * as Sentry from '@sentry/node';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, IssueDetail, MergedGroup } from '../src/shared/api-types';
import { importSentence, type ImportSummary } from '../src/shared/import-summary';
import type { ReplayDetail } from '../src/shared/api-replay';
import { startTestLookout, type TestLookout } from './helpers/lookout';

const ROOT = resolve(__dirname, '..');
const SECRETS = ['hunter2-password', 'abc123bearer', '4111 1111 1111 1111', 'sessioncookie42'];
let source: TestLookout;
let issueId = 0;
let eventId = '';

function failPayment(): never {
  throw new Error('payment failed for order 42');
}

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/ensure-web-build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  source = await startTestLookout();
  Sentry.init({ dsn: source.dsn, release: 'shop@3.1.0', environment: 'dev', defaultIntegrations: false, integrations: [Sentry.contextLinesIntegration()] });
  Sentry.setExtra('password', SECRETS[0]);
  Sentry.addBreadcrumb({ category: 'http', message: 'POST /api/pay', data: { status_code: 500 } });
  Sentry.addBreadcrumb({ category: 'console', message: `charging card ${SECRETS[2]}` });
  for (let i = 0; i < 2; i++) {
    try { failPayment(); } catch (err) {
      eventId = Sentry.captureException(err, { captureContext: { contexts: { request: {} } } });
    }
  }
  Sentry.getCurrentScope().setSDKProcessingMetadata({ normalizedRequest: { method: 'POST', url: 'http://localhost:3000/pay', headers: { Authorization: `Bearer ${SECRETS[1]}`, Cookie: `session=${SECRETS[3]}` } } });
  try { failPayment(); } catch (err) { eventId = Sentry.captureException(err); }
  await Sentry.flush(3000);
  issueId = (await source.api<EventDetail>(`events/${eventId}`)).issueId!;
}, 180_000);

afterAll(async () => { await Sentry.close(1000); await source.stopAndClean(); });

async function report(format: string, scrub = true): Promise<string> {
  const res = await fetch(`${source.url}/_lookout/api/issues/${issueId}/report?format=${format}&scrub=${scrub ? 1 : 0}`);
  expect(res.status).toBe(200);
  return res.text();
}

describe('bug report export', () => {
  it('writes Markdown and HTML with the title, steps, frames and environment, scrubbed', async () => {
    const md = await report('md');
    expect(md).toContain('Error: payment failed for order 42');
    expect(md).toContain('POST /api/pay');
    expect(md).toContain('failPayment');
    expect(md).toContain('shop@3.1.0');
    const html = await report('html');
    expect(html).toContain('failPayment');
    for (const secret of SECRETS) {
      expect(md).not.toContain(secret);
      expect(html).not.toContain(secret);
    }
    const raw = await report('md', false);
    expect(raw).toContain(SECRETS[2]);
    // Switching one rule off for this export lets exactly that kind through.
    const cardsOff = await (await fetch(`${source.url}/_lookout/api/issues/${issueId}/report?format=md&creditCards=0`)).text();
    expect(cardsOff).toContain(SECRETS[2]);
    expect(cardsOff).not.toContain(SECRETS[0]);
    // The preview marks each filtered spot (private-use markers around the rule name).
    const marked = await (await fetch(`${source.url}/_lookout/api/issues/${issueId}/report?format=md&mark=1`)).text();
    expect(marked).toMatch(/\uE000creditCards\uE001\[Filtered\]\uE002/);
  });

  it('round-trips the JSON bundle into a fresh Lookout with the same grouping', async () => {
    const bundle = await report('json');
    for (const secret of SECRETS) expect(bundle).not.toContain(secret);
    const original = await source.api<IssueDetail>(`issues/${issueId}`);
    const originalEvent = await source.api<EventDetail>(`events/${eventId}`);

    const target = await startTestLookout();
    try {
      const res = await fetch(`${target.url}/_lookout/api/import`, { method: 'POST', body: bundle });
      expect(res.status).toBe(200);
      const summary = await res.json() as { issueIds: number[]; events: number };
      expect(summary.events).toBe(original.count);
      const imported = await target.api<IssueDetail>(`issues/${summary.issueIds[0]}`);
      expect(imported.title).toBe(original.title);
      expect(imported.count).toBe(original.count);
      const ev = await target.api<EventDetail>(`events/${eventId}`);
      expect(ev.grouping?.hashes).toEqual(originalEvent.grouping?.hashes);
      const frames = (e: EventDetail) => e.payload.exception?.values?.at(-1)?.stacktrace?.frames?.map((f) => f.function);
      expect(frames(ev)).toEqual(frames(originalEvent));
    } finally {
      await target.stopAndClean();
    }
  });

  it('imports with the local source context live ingest adds, so the next event joins the issue; a second import adds nothing', async () => {
    // An SDK without context lines: the server reads them from this file, and hashes them.
    const line = readFileSync(__filename, 'utf8').split('\n').findIndex((l) => l.includes("throw new Error('payment failed")) + 1;
    const envelope = (id: string) => `{"event_id":"${id}"}\n{"type":"event"}\n${JSON.stringify({ event_id: id, platform: 'node', exception: { values: [{
      type: 'Error', value: 'payment failed for order 42',
      stacktrace: { frames: [{ filename: __filename, abs_path: __filename, function: 'failPayment', lineno: line, colno: 9, in_app: true }] } }] } })}`;
    const post = (to: TestLookout, id: string) => fetch(`${to.url}/api/1/envelope/`, { method: 'POST', body: envelope(id) });
    const first = 'd'.repeat(32);
    expect((await post(source, first)).status).toBe(200);
    const stored = await source.api<EventDetail>(`events/${first}`);
    expect(stored.payload.exception?.values?.[0]?.stacktrace?.frames?.[0]?.context_line).toContain('payment failed');
    const bundle = await (await fetch(`${source.url}/_lookout/api/issues/${stored.issueId}/report?format=json`)).text();

    const target = await startTestLookout();
    try {
      const importOnce = async () => (await fetch(`${target.url}/_lookout/api/import`, { method: 'POST', body: bundle })).json() as
        Promise<{ issueIds: number[]; events: number; duplicates: number }>;
      const once = await importOnce();
      expect(once.events).toBe(1);
      expect((await target.api<EventDetail>(`events/${first}`)).grouping?.hashes).toEqual(stored.grouping?.hashes);
      const twice = await importOnce();
      expect([twice.events, twice.duplicates, twice.issueIds]).toEqual([0, 1, once.issueIds]);
      expect((await target.api<EventDetail>(`events/${first}`)).duplicates).toBe(0);
      const next = 'e'.repeat(32);
      expect((await post(target, next)).status).toBe(200);
      expect((await target.api<EventDetail>(`events/${next}`)).issueId).toBe(once.issueIds[0]);
    } finally {
      await target.stopAndClean();
    }
  });

  it("carries the replay's metadata through export and import: URLs, browser, OS, SDK, release, times", async () => {
    const replayId = 'f'.repeat(32);
    const start = Date.now() - 20_000;
    const replayEvent = {
      type: 'replay_event', replay_id: replayId, segment_id: 0, replay_type: 'session', timestamp: (start + 12_896) / 1000,
      replay_start_timestamp: start / 1000, urls: ['http://127.0.0.1:5173/cart'], error_ids: [], trace_ids: [],
      contexts: { browser: { name: 'Chrome', version: '131.0.0.0' }, os: { name: 'Linux' } },
      sdk: { name: 'sentry.javascript.browser', version: '10.0.0' }, environment: 'dev', release: 'shop@3.1.0',
    };
    const rrweb = [{ type: 4, data: { href: 'http://127.0.0.1:5173/cart', width: 800, height: 600 }, timestamp: start },
      { type: 3, data: { source: 2, type: 2, id: 1, x: 1, y: 1 }, timestamp: start + 12_896 }];
    const recording = `{"segment_id":0}\n${JSON.stringify(rrweb)}`;
    const replayBody = `{"event_id":"${replayId}"}\n{"type":"replay_event"}\n${JSON.stringify(replayEvent)}\n` +
      `{"type":"replay_recording","length":${Buffer.byteLength(recording)}}\n${recording}`;
    expect((await fetch(`${source.url}/api/1/envelope/`, { method: 'POST', body: replayBody })).status).toBe(200);
    const errorId = 'a1'.repeat(16);
    const error = { event_id: errorId, platform: 'javascript', contexts: { replay: { replay_id: replayId } }, timestamp: (start + 10_000) / 1000,
      exception: { values: [{ type: 'TypeError', value: 'cart total is NaN', stacktrace: { frames: [{ filename: 'http://127.0.0.1:5173/cart.js', function: 'total', lineno: 3, in_app: true }] } }] } };
    expect((await fetch(`${source.url}/api/1/envelope/`, { method: 'POST', body: `{"event_id":"${errorId}"}\n{"type":"event"}\n${JSON.stringify(error)}` })).status).toBe(200);
    const issue = (await source.api<EventDetail>(`events/${errorId}`)).issueId;
    const bundle = await (await fetch(`${source.url}/_lookout/api/issues/${issue}/report?format=json`)).text();
    const target = await startTestLookout();
    try {
      expect((await fetch(`${target.url}/_lookout/api/import`, { method: 'POST', body: bundle })).status).toBe(200);
      const pick = (r: ReplayDetail) => ({ urls: r.urls, browser: r.browser, os: r.os, sdk: r.sdk, release: r.release, environment: r.environment,
        replayType: r.replayType, startMs: r.startMs, durationMs: r.durationMs });
      const original = pick(await source.api<ReplayDetail>(`replays/${replayId}`));
      expect(original).toMatchObject({ urls: ['http://127.0.0.1:5173/cart'], browser: 'Chrome 131.0.0.0', os: 'Linux', release: 'shop@3.1.0' });
      expect(pick(await target.api<ReplayDetail>(`replays/${replayId}`))).toEqual(original);
      // Imported again: nothing changes, the replay's segments included.
      const again = await (await fetch(`${target.url}/_lookout/api/import`, { method: 'POST', body: bundle })).json() as { replaySegments: number };
      expect(again.replaySegments).toBe(0);
      expect((await target.api<ReplayDetail>(`replays/${replayId}`)).segments).toHaveLength(1);
    } finally {
      await target.stopAndClean();
    }
  });

  it('carries an attachment sent in its own envelope after the event; a second import adds it no second time', async () => {
    const errorId = 'b2'.repeat(16);
    const error = { event_id: errorId, platform: 'node', message: 'upload of the crash log follows' };
    expect((await fetch(`${source.url}/api/1/envelope/`, { method: 'POST', body: `{"event_id":"${errorId}"}\n{"type":"event"}\n${JSON.stringify(error)}` })).status).toBe(200);
    // An attachment envelope (event id in the header, no event item), as Sentry accepts after the event.
    const log = 'line 1\nline 2 of the crash log\n';
    const attachment = `{"event_id":"${errorId}"}\n{"type":"attachment","filename":"crash.log","content_type":"text/plain","length":${Buffer.byteLength(log)}}\n${log}`;
    expect((await fetch(`${source.url}/api/1/envelope/`, { method: 'POST', body: attachment })).status).toBe(200);
    const issue = (await source.api<EventDetail>(`events/${errorId}`)).issueId;
    expect((await source.api<EventDetail>(`events/${errorId}`)).attachments.map((a) => a.filename)).toEqual(['crash.log']);
    const bundle = await (await fetch(`${source.url}/_lookout/api/issues/${issue}/report?format=json&scrub=0`)).text();

    const target = await startTestLookout();
    try {
      for (let i = 0; i < 2; i++) expect((await fetch(`${target.url}/_lookout/api/import`, { method: 'POST', body: bundle })).status).toBe(200);
      const imported = await target.api<EventDetail>(`events/${errorId}`);
      expect(imported.attachments.map((a) => [a.filename, a.size])).toEqual([['crash.log', Buffer.byteLength(log)]]);
      const bytes = await fetch(`${target.url}/_lookout/api/attachments/${imported.attachments[0]!.id}`);
      expect(await bytes.text()).toBe(log);
    } finally {
      await target.stopAndClean();
    }
  });

  it('imports a merged issue as one issue, which the next events of each part join', async () => {
    const envelope = (id: string, type: string) => `{"event_id":"${id}"}\n{"type":"event"}\n${JSON.stringify({ event_id: id, platform: 'node',
      exception: { values: [{ type, value: 'checkout broke', stacktrace: { frames: [{ filename: `/app/${type}.js`, function: type, lineno: 1, in_app: true }] } }] } })}`;
    const send = async (to: TestLookout, id: string, type: string) => {
      expect((await fetch(`${to.url}/api/1/envelope/`, { method: 'POST', body: envelope(id, type) })).status).toBe(200);
      return (await to.api<EventDetail>(`events/${id}`)).issueId!;
    };
    const ids = (n: number, c: string) => Array.from({ length: n }, (_, i) => `${c}${String(i).padStart(31, '0')}`);
    const parts = [ids(3, 'a'), ids(2, 'b')];
    const issues = [];
    for (const [part, events] of parts.entries()) for (const id of events) issues[part] = await send(source, id, `MergePart${part}Error`);
    const merged = await source.api<{ parent: number }>(`issues?id=${issues[0]}&id=${issues[1]}`,
      { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"merge":1}' });
    const bundle = await (await fetch(`${source.url}/_lookout/api/issues/${merged.parent}/report?format=json`)).text();

    const target = await startTestLookout();
    try {
      const res = await fetch(`${target.url}/_lookout/api/import`, { method: 'POST', body: bundle });
      const summary = await res.json() as ImportSummary;
      expect(summary).toMatchObject({ events: 5, merged: 1 });
      expect(summary.issueIds).toHaveLength(1);
      expect(importSentence(summary)).toContain('(merged with 1 other issue its events grouped into here)');
      const imported = await target.api<IssueDetail>(`issues/${summary.issueIds[0]}`);
      expect(imported.count).toBe(5);
      expect((await target.api<MergedGroup[]>(`issues/${imported.id}/merged`)).map((g) => g.events)).toEqual([2]);
      for (const [part, id] of [[0, 'c'.repeat(32)], [1, 'd'.repeat(32)]] as const) {
        expect(await send(target, id, `MergePart${part}Error`)).toBe(imported.id);
      }
      // `lookout import` merges them as well.
      const file = join(mkdtempSync(join(tmpdir(), 'lookout-merged-')), 'issue.json');
      writeFileSync(file, bundle);
      const said = execFileSync(process.execPath, [join(ROOT, 'bin/lookout.js'), 'import', file, '--data-dir', mkdtempSync(join(tmpdir(), 'lookout-import-'))]);
      expect(said.toString()).toMatch(/5 new events into issue \d+ \(merged with 1 other issue/);
    } finally {
      await target.stopAndClean();
    }
  });

  it('exports from the CLI while the server runs, and imports into another data dir', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'lookout-export-')), 'issue.json');
    execFileSync(process.execPath, [join(ROOT, 'bin/lookout.js'), 'export', String(issueId), '--format', 'json', '--out', out, '--data-dir', source.dataDir]);
    expect(JSON.parse(readFileSync(out, 'utf8')).format).toBe('lookout-bundle/1');
    const md = execFileSync(process.execPath, [join(ROOT, 'bin/lookout.js'), 'export', String(issueId), '--format', 'md', '--data-dir', source.dataDir]).toString();
    expect(md).toContain('payment failed');
    const fresh = mkdtempSync(join(tmpdir(), 'lookout-import-'));
    const said = execFileSync(process.execPath, [join(ROOT, 'bin/lookout.js'), 'import', out, '--data-dir', fresh]).toString();
    expect(said).toContain('Imported "Error: payment failed for order 42');
  });
});
