/**
 * Scripts and source maps on another of the user's hosts (a dev server reached on the LAN): the
 * event is left minified until the host is allowed, in Settings (applied to the next event, on
 * the prepare worker too, and to the issue view without a restart) or with `--fetch-host`.
 * A real dev server on this machine's non-loopback address, real @sentry/node events, a real
 * Lookout with its built prepare worker and SQLite store.
 */
import { execFileSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, IssueSummary, Settings } from '../src/shared/api-types';
import type { SentryEvent, SentryFrame } from '../src/shared/sentry';
import { bundle, captureCheckoutError, framePath, makeProject } from '../src/core/symbolicate/test-support';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';
import { runCli } from './helpers/run-cli';

const ROOT = resolve(__dirname, '..');
/** This machine's first non-loopback IPv4 address: the dev server "on the LAN". */
const LAN = Object.values(networkInterfaces()).flat().find((a) => a?.family === 'IPv4' && !a.internal)?.address;

let dir: string;
let js: string;
let sent: SentryEvent;
let dev: Server;
let devHost: string;
const lookouts: TestLookout[] = [];

beforeAll(async () => {
  // The CLI (and the prepare worker it runs ingest on) is tested from its build.
  execFileSync(process.execPath, [join(ROOT, 'scripts/ensure-web-build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  if (!LAN) return;
  dir = await makeProject('lookout-fetch-hosts-');
  js = await bundle(dir, 'app.js', { sourcemap: true });
  const [code, map] = await Promise.all([readFile(js, 'utf8'), readFile(`${js}.map`, 'utf8')]);
  sent = await captureCheckoutError(js);
  dev = createServer((req, res) => {
    const body = req.url === '/static/app.js' ? code : req.url === '/static/app.js.map' ? map : null;
    if (body === null) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'application/javascript' }).end(body);
  });
  await new Promise<void>((r) => dev.listen(0, LAN, r));
  devHost = `${LAN}:${(dev.address() as AddressInfo).port}`;
}, 180_000);
afterAll(async () => {
  for (const l of lookouts) await l.stopAndClean();
  if (dev) await new Promise((r) => dev.close(r));
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The SDK's event with its bundle frames served from the LAN dev server (and only those). */
function fromLan(): SentryEvent {
  const copy = structuredClone(sent);
  const values = copy.exception?.values ?? [];
  for (const v of values) {
    if (!v.stacktrace?.frames) continue;
    v.stacktrace.frames = v.stacktrace.frames.filter((f) => framePath(f) === js);
    for (const f of v.stacktrace.frames) { f.abs_path = `http://${devHost}/static/app.js`; f.filename = f.abs_path; delete f.module; }
  }
  copy.event_id = crypto.randomUUID().replace(/-/g, '');
  return copy;
}

async function send(lookout: TestLookout, event: SentryEvent): Promise<void> {
  const res = await post(`${lookout.url}/api/1/envelope/`, `${JSON.stringify({ event_id: event.event_id })}\n{"type":"event"}\n${JSON.stringify(event)}`);
  expect(res.status).toBe(200);
}

/** The issue of a stored event, once it is stored (polled: ingest is asynchronous to the reader). */
async function issueOf(lookout: TestLookout, eventId: string): Promise<IssueSummary> {
  let issueId: number | null = null;
  await expect.poll(async () => {
    const res = await fetch(`${lookout.url}/_lookout/api/events/${eventId}`);
    issueId = res.ok ? ((await res.json()) as EventDetail).issueId ?? null : null;
    return issueId;
  }, { timeout: 10_000, interval: 20 }).not.toBeNull();
  return lookout.api<IssueSummary>(`issues/${String(issueId)}`);
}

const topFrame = (e: SentryEvent): SentryFrame | undefined => e.exception?.values?.at(-1)?.stacktrace?.frames?.at(-1);

/** The stored event was mapped when it arrived: the view found nothing left to map. */
async function expectMappedAtIngest(lookout: TestLookout, eventId: string): Promise<void> {
  const detail = await lookout.api<EventDetail>(`events/${eventId}`);
  expect(detail.resymbolicated).toBe(false);
  expect(topFrame(detail.payload)).toMatchObject({ function: 'validate', filename: '../src/validate.js', data: { resolved_with: 'scraping' } });
}

describe.skipIf(!LAN)(`a dev server on this machine's LAN address (${LAN ?? 'none: no non-loopback IPv4 interface'})`, () => {
  it('is not fetched until its host is listed in Settings; then the next event maps at ingest and the old one in the view', async () => {
    const lookout = await startTestLookout({ prepareWorkerFile: join(ROOT, 'out/cli/prepare-worker.js') });
    lookouts.push(lookout);
    const before = fromLan();
    await send(lookout, before);
    const unmapped = await issueOf(lookout, before.event_id!);
    const view = await lookout.api<EventDetail>(`events/${before.event_id}`);
    expect(topFrame(view.payload)?.data).toMatchObject({ sourcemap_error_kind: 'host-not-allowed' });
    expect(String(topFrame(view.payload)?.data?.sourcemap_error)).toContain(`--fetch-host ${devHost}`);

    const saved = await lookout.api<Settings>('settings', { method: 'PUT', body: JSON.stringify({ sourceFetch: { enabled: true, hosts: [`http://${devHost}/`] } }) });
    expect(saved.sourceFetch).toEqual({ enabled: true, hosts: [devHost] });
    const after = fromLan();
    await send(lookout, after);
    const mapped = await issueOf(lookout, after.event_id!);
    // Grouped by the original frames now (ingest mapped them, on the worker), so a new issue.
    expect(mapped.id).not.toBe(unmapped.id);
    await expectMappedAtIngest(lookout, after.event_id!);
    const old = await lookout.api<EventDetail>(`events/${before.event_id}`);
    expect(topFrame(old.payload)).toMatchObject({ function: 'validate', filename: '../src/validate.js', context_line: expect.stringContaining('throw new Error') as unknown });
    expect(old.resymbolicated).toBe(true);

    // Turned off: nothing is fetched, loopback or listed.
    await lookout.api('settings', { method: 'PUT', body: JSON.stringify({ sourceFetch: { enabled: false } }) });
    const off = fromLan();
    await send(lookout, off);
    expect((await issueOf(lookout, off.event_id!)).id).toBe(unmapped.id);
  });

  it('`--fetch-host` (startLookout fetchHosts) allows the host from the start', async () => {
    const lookout = await startTestLookout({ fetchHosts: [devHost] });
    lookouts.push(lookout);
    const event = fromLan();
    await send(lookout, event);
    await issueOf(lookout, event.event_id!);
    await expectMappedAtIngest(lookout, event.event_id!);
  });
});

describe('lookout serve --fetch-host', () => {
  const run = runCli;

  it('is in --help, and a bad host is refused before anything starts', async () => {
    expect((await run(['serve', '--help'])).stdout).toContain('--fetch-host HOST[:PORT] (repeatable)');
    const bad = await run(['serve', '--port', '0', '--fetch-host', '*.lan']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--fetch-host "*.lan": list each host; wildcards are not taken');
  });
});
