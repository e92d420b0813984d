/**
 * Export → import → export of a bug report keeps its trace: real @sentry/node 11 sends an error inside a
 * trace (span streaming, its default) with logs and two attachments, tied to the real @sentry/browser
 * replay of the fixtures. The JSON bundle carries the trace's logs and span envelopes, an import stores
 * them, and the imported issue's Markdown report is the sender's. An untouched attachment comes back byte
 * for byte, a scrubbed one is said so; a bundle without trace records reports its logs as "not in the
 * bundle", never as none.
 */
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail } from '../src/shared/api-types';
import { replayFixture } from '../src/core/export/test-report-input';
import { startTestLookout, type TestLookout } from './helpers/lookout';

/** Pretty-printed as an app writes it: compact re-serialization would change its bytes. */
const CART = `${JSON.stringify({ items: [{ sku: 'A1', qty: 3 }], note: 'leave at the door' }, null, 2)}\n`;
const SECRET_FILE = JSON.stringify({ user: 'bob', password: 'hunter2' });

let source: TestLookout;
let issueId = 0;
let eventId = '';

async function report(at: TestLookout, issue: number, format: 'md' | 'json', query = ''): Promise<string> {
  const res = await fetch(`${at.url}/_lookout/api/issues/${issue}/report?format=${format}${query}`);
  expect(res.status).toBe(200);
  return res.text();
}

async function importInto(target: TestLookout, bundle: string): Promise<number> {
  const res = await fetch(`${target.url}/_lookout/api/import`, { method: 'POST', body: bundle });
  expect(res.status).toBe(200);
  return ((await res.json()) as { issueIds: number[] }).issueIds[0]!;
}

/**
 * The report minus what names where it was made (issue ids: the trace's performance issues') and the size of
 * login.json: scrubbing changed it in the bundle (the bundle says so), so the recipient stores the scrubbed bytes.
 */
const portable = (md: string) => md.replace(/\(issue \d+\)/g, '(issue N)').replace(/(`login\.json` \(application\/json, )\d+ B/, '$1? B')
  .replace(/ on \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '');

beforeAll(async () => {
  source = await startTestLookout();
  const replay = replayFixture();
  expect((await fetch(`${source.url}/api/1/envelope/`, { method: 'POST', body: replay.envelope })).status).toBe(200);
  Sentry.init({ dsn: source.dsn, release: 'shop@4.0.0', tracesSampleRate: 1, defaultIntegrations: false, sendClientReports: false });
  Sentry.setContext('replay', { replay_id: replay.replayId });
  Sentry.startSpan({ name: 'POST /checkout', op: 'http.server' }, () => {
    Sentry.logger.info('loading cart', { customer: 'c3' });
    Sentry.startSpan({ name: 'SELECT * FROM carts', op: 'db' }, () => {
      Sentry.logger.warn('cart is stale', { ageSeconds: 90 });
      const scope = Sentry.getCurrentScope();
      scope.addAttachment({ filename: 'cart.json', data: CART, contentType: 'application/json' });
      scope.addAttachment({ filename: 'login.json', data: SECRET_FILE, contentType: 'application/json' });
      eventId = Sentry.captureException(new Error('cart total is NaN'));
    });
    Sentry.logger.error('checkout failed', { customer: 'c3' });
  });
  if (!(await Sentry.flush(10_000))) throw new Error('@sentry/node did not flush');
  issueId = (await source.api<EventDetail>(`events/${eventId}`)).issueId!;
}, 120_000);

afterAll(async () => { await Sentry.close(2000); await source.stopAndClean(); });

describe('a bundle carries the trace of its report', () => {
  it('re-exports the same report, trace logs and spans included, after an import', async () => {
    const md = await report(source, issueId, 'md');
    expect(md).toContain('checkout failed');
    expect(md).toContain('SELECT * FROM carts');
    const bundle = await report(source, issueId, 'json');
    const parsed = JSON.parse(bundle) as { formatVersion: number; about: string; traceRecords: { logs: unknown[]; logsTotal: number; envelopes: unknown[] } };
    expect(parsed.formatVersion).toBe(2);
    expect(parsed.about).toContain('docs/bundle-format.md');
    expect(parsed.traceRecords.logs).toHaveLength(3);
    expect(parsed.traceRecords.envelopes.length).toBeGreaterThan(0);

    const target = await startTestLookout();
    try {
      const imported = await importInto(target, bundle);
      const again = await report(target, imported, 'md');
      expect(again).not.toContain('wrote no logs');
      expect(portable(again)).toBe(portable(md));
      // A second import stores no log or span twice.
      await importInto(target, bundle);
      expect(portable(await report(target, imported, 'md'))).toBe(portable(md));
    } finally {
      await target.stopAndClean();
    }
  });

  it('brings an untouched attachment back byte for byte, and says when scrubbing changed one', async () => {
    const bundle = JSON.parse(await report(source, issueId, 'json')) as {
      notes: string[]; attachments: { info: { filename: string; size: number }; scrubbed?: { spots: number; originalSize: number } }[] };
    const login = bundle.attachments.find((a) => a.info.filename === 'login.json')!;
    expect(login.scrubbed).toEqual({ spots: 1, originalSize: Buffer.byteLength(SECRET_FILE) });
    expect(bundle.notes.some((n) => n.startsWith('attachment login.json: scrubbing filtered 1 value'))).toBe(true);
    expect(bundle.attachments.find((a) => a.info.filename === 'cart.json')!.scrubbed).toBeUndefined();

    const target = await startTestLookout();
    try {
      await importInto(target, JSON.stringify(bundle));
      const event = await target.api<EventDetail>(`events/${eventId}`);
      const cart = event.attachments.find((a) => a.filename === 'cart.json')!;
      expect(cart.size).toBe(Buffer.byteLength(CART));
      expect(await (await fetch(`${target.url}/_lookout/api/attachments/${cart.id}`)).text()).toBe(CART);
    } finally {
      await target.stopAndClean();
    }
  });

  it('says the logs are not in a bundle written before bundles carried them, never that there are none', async () => {
    const old = JSON.parse(await report(source, issueId, 'json')) as Record<string, unknown>;
    delete old.traceRecords;
    delete old.formatVersion;
    delete old.about;
    const target = await startTestLookout();
    try {
      const md = await report(target, await importInto(target, JSON.stringify(old)), 'md');
      expect(md).not.toContain('wrote no logs');
      expect(md).toContain('not in the bundle this issue was imported from');
    } finally {
      await target.stopAndClean();
    }
  });
});
