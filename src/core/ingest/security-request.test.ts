import { describe, expect, it } from 'vitest';
import { securityReportToEvent } from './security-report';
import { securityRequestOf, securityRouteQuery, storedSecurityRequest } from './security-request';

const REPORT = { 'csp-report': { 'document-uri': 'https://shop.example/', 'blocked-uri': 'https://evil.example/x.js', 'effective-directive': 'script-src' } };

describe('a security request kept with its stored route', () => {
  it('keeps only the release and environment of the query, never the key', () => {
    const params = new URLSearchParams('sentry_key=abc&sentry_release=shop%402.0+beta&sentry_environment=qa&other=1');
    expect(securityRouteQuery(params)).toBe('?sentry_release=shop%402.0+beta&sentry_environment=qa');
    expect(securityRouteQuery(new URLSearchParams('sentry_key=abc'))).toBe('');
    expect(securityRouteQuery(new URLSearchParams(`sentry_release=${'r'.repeat(500)}`))).toBe(`?sentry_release=${'r'.repeat(200)}`);
  });

  it('reads back from the stored route, headers and address what the ingest read from the request', () => {
    const params = new URLSearchParams('sentry_key=abc&sentry_release=shop%402.0&sentry_environment=qa');
    const headers = { 'user-agent': 'Mozilla/5.0 Chrome/131.0.0.0', origin: 'https://shop.example', 'content-type': 'application/csp-report' };
    const live = securityRequestOf(params, headers, '203.0.113.9');
    const stored = storedSecurityRequest(`security /api/1/security/${securityRouteQuery(params)}`, JSON.stringify(headers), '203.0.113.9');
    expect(stored).toEqual(live);
    expect(stored).toMatchObject({ release: 'shop@2.0', environment: 'qa', clientIp: '203.0.113.9' });
    // A request stored before the query was kept, or with unreadable headers: the report alone.
    expect(storedSecurityRequest('security /api/1/security/', 'not json', null))
      .toEqual({ release: null, environment: null, userAgent: null, origin: null, clientIp: null });
  });

  it("makes the client's address the user's IP, as Relay does for a security report", () => {
    expect(securityReportToEvent(REPORT, 1_700_000_000_000, { clientIp: '203.0.113.9' }).user).toEqual({ ip_address: '203.0.113.9' });
    expect(securityReportToEvent(REPORT, 1_700_000_000_000, {}).user).toBeUndefined();
  });
});
