/**
 * A CSP report read again from its stored request gives the event the ingest made: the report URI's
 * `sentry_release` / `sentry_environment` (kept in the stored route, without the key), the browser's
 * headers and the client's address, which Relay makes the user's IP of a security report. Checked on
 * a real Lookout: the stored request, the items API (which re-reads the body) and a bug-report
 * bundle imported into a second Lookout.
 * @see https://docs.sentry.io/security-legal-pii/security/security-policy-reporting/
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnvelopeRecord, EventDetail, ItemDetail, ItemSummary, Page } from '../src/shared/api-types';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

/** Chromium's report for `report-uri` (its field names and content type). */
const REPORT = { 'csp-report': {
  'document-uri': 'http://127.0.0.1:5173/checkout', referrer: '', 'violated-directive': 'img-src', 'effective-directive': 'img-src',
  'original-policy': "default-src 'self'; img-src 'self'; report-uri /api/7/security/", disposition: 'enforce',
  'blocked-uri': 'https://cdn.blocked.example.test/pixel.png', 'status-code': 200, 'script-sample': '',
} };
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const ORIGIN = 'http://127.0.0.1:5173';

let source: TestLookout;
let eventId = '';

beforeAll(async () => {
  source = await startTestLookout();
  const res = await post(`${source.url}/api/7/security/?sentry_key=secretkey1&sentry_release=shop-web%402.4.0&sentry_environment=staging`,
    JSON.stringify(REPORT), { 'content-type': 'application/csp-report', 'user-agent': UA, origin: ORIGIN });
  expect(res.status).toBe(200);
  eventId = String(res.json?.id);
});
afterAll(async () => { await source.stopAndClean(); });

/** What every reading of the report must give. */
function expectRequestFacts(payload: Record<string, unknown>): void {
  expect(payload).toMatchObject({ release: 'shop-web@2.4.0', environment: 'staging', user: { ip_address: '127.0.0.1' } });
  expect(JSON.stringify((payload.request as { headers?: unknown } | undefined)?.headers)).toContain(UA);
}

describe('a CSP report read again from its stored request', () => {
  it('is stored with the user IP of the client, as Relay sets it', async () => {
    const event = await source.api<EventDetail>(`events/${eventId}`);
    expectRequestFacts(event.payload as Record<string, unknown>);
  });

  it("keeps the report URI's release and environment in the stored route, not its key", async () => {
    const [request] = (await source.api<Page<EnvelopeRecord>>('envelopes?limit=1')).items;
    expect(request?.route).toBe('security /api/7/security/?sentry_release=shop-web%402.4.0&sentry_environment=staging');
    expect(request?.route).not.toContain('secretkey1');
  });

  it('reads the same event in the items API, which rebuilds it from the stored body', async () => {
    const item = (await source.api<Page<ItemSummary>>('items?limit=20')).items.find((i) => i.eventId === eventId);
    expect(item).toBeDefined();
    const detail = await source.api<ItemDetail>(`items/${item!.seq}`);
    expectRequestFacts(detail.payload as Record<string, unknown>);
  });

  it('carries them in a bug-report bundle, so the imported event has them too', async () => {
    const issueId = (await source.api<EventDetail>(`events/${eventId}`)).issueId;
    // IPs are not scrubbed by default (Sentry's default), so the bundle keeps the user's address.
    const bundle = await (await fetch(`${source.url}/_lookout/api/issues/${issueId}/report?format=json`)).text();
    const target = await startTestLookout();
    try {
      const res = await fetch(`${target.url}/_lookout/api/import`, { method: 'POST', body: bundle });
      expect(res.status).toBe(200);
      const imported = await target.api<EventDetail>(`events/${eventId}`);
      expectRequestFacts(imported.payload as Record<string, unknown>);
      expect(imported.release).toBe('shop-web@2.4.0');
    } finally {
      await target.stopAndClean();
    }
  });
});
