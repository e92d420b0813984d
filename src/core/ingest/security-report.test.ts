import { describe, expect, it } from 'vitest';
import { securityReportsToEvents, securityReportToEvent } from './security-report';
import { eventTags, normalizeEvent } from '../pipeline/normalize-event';

const received = Date.UTC(2025, 5, 1, 12, 0, 0);

/** Chrome's `report-uri` body (Content-Type: application/csp-report). */
const chromeReport = {
  'csp-report': {
    'document-uri': 'https://app.example/checkout?step=2',
    referrer: 'https://app.example/cart',
    'violated-directive': 'script-src-elem',
    'effective-directive': 'script-src-elem',
    'original-policy': "default-src 'self'; script-src 'self'; report-uri /api/1/security/?sentry_key=abc",
    disposition: 'enforce',
    'blocked-uri': 'https://evil.example/x.js?session=1',
    'line-number': 14,
    'column-number': '27',
    'source-file': 'https://app.example/main.js',
    'status-code': 200,
    'script-sample': '',
  },
};

/** A Reporting API batch (Content-Type: application/reports+json), as Chrome sends for `report-to`. */
const reportingApiBatch = [
  { type: 'deprecation', age: 1, url: 'https://app.example/', body: { id: 'UnloadHandler', message: 'unload is deprecated' } },
  {
    type: 'csp-violation',
    age: 12,
    url: 'https://app.example/',
    user_agent: 'Mozilla/5.0',
    body: {
      blockedURL: 'https://cdn.evil.example:8443/lib.js',
      columnNumber: 5,
      disposition: 'report',
      documentURL: 'https://app.example/',
      effectiveDirective: 'script-src-elem',
      lineNumber: 3,
      originalPolicy: "script-src 'self'; report-to csp",
      referrer: '',
      sample: '',
      sourceFile: 'https://app.example/app.js',
      statusCode: 200,
    },
  },
  { type: 'csp-violation', age: 12, url: 'https://app.example/', body: { blockedURL: 'inline', effectiveDirective: 'style-src-elem' } },
];

describe('securityReportToEvent', () => {
  it("turns a report-uri CSP report into a csp event like Sentry's", () => {
    const event = securityReportToEvent(chromeReport, received);
    expect(event.event_id).toMatch(/^[0-9a-f]{32}$/);
    expect(event).toMatchObject({
      type: 'csp',
      logger: 'csp',
      level: 'error',
      timestamp: received / 1000,
      logentry: { formatted: "Blocked 'script' from 'evil.example'" },
      culprit: 'script-src-elem',
      tags: [
        ['effective-directive', 'script-src-elem'],
        ['blocked-uri', 'https://evil.example/x.js?session=1'],
        ['blocked-host', 'evil.example'],
      ],
      request: { url: 'https://app.example/checkout?step=2', headers: [['Referer', 'https://app.example/cart']] },
    });
    expect(event.csp).toEqual({
      document_uri: 'https://app.example/checkout?step=2',
      referrer: 'https://app.example/cart',
      violated_directive: 'script-src-elem',
      effective_directive: 'script-src-elem',
      original_policy: "default-src 'self'; script-src 'self'; report-uri /api/1/security/?sentry_key=abc",
      disposition: 'enforce',
      blocked_uri: 'https://evil.example/x.js?session=1',
      line_number: 14,
      column_number: 27,
      source_file: 'https://app.example/main.js',
      status_code: 200,
      script_sample: '',
    });
  });

  it('reads the Reporting API form, skipping entries that are not CSP violations', () => {
    const event = securityReportToEvent(reportingApiBatch, received);
    expect(event.logentry?.formatted).toBe("Blocked 'script' from 'cdn.evil.example:8443'");
    expect(event.csp).toMatchObject({ blocked_uri: 'https://cdn.evil.example:8443/lib.js', line_number: 3, source_file: 'https://app.example/app.js' });
    expect(event.request).toEqual({ url: 'https://app.example/' });

    const all = securityReportsToEvents(reportingApiBatch, received);
    expect(all.map((e) => e.logentry?.formatted)).toEqual(["Blocked 'script' from 'cdn.evil.example:8443'", "Blocked inline 'style'"]);
  });

  it('words messages per directive and blocked URI', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ 'effective-directive': 'script-src', 'blocked-uri': 'inline' }, "Blocked unsafe inline 'script'"],
      [{ 'effective-directive': 'script-src', 'blocked-uri': 'eval' }, "Blocked unsafe eval() 'script'"],
      [{ 'effective-directive': 'script-src' }, "Blocked unsafe (eval() or inline) 'script'"],
      [{ 'effective-directive': 'img-src', 'blocked-uri': 'data:image/png;base64,iVBORw0KGgo=' }, "Blocked 'image' from 'data:'"],
      [{ 'effective-directive': 'worker-src', 'blocked-uri': 'blob:https://app.example/0b1c' }, "Blocked 'worker-src' from 'blob:'"],
      [{ 'effective-directive': 'connect-src', 'blocked-uri': 'wss://socket.example:9000/live' }, "Blocked 'connect' from 'wss://socket.example:9000'"],
      [{ 'effective-directive': 'form-action', 'blocked-uri': 'https://phish.example/post' }, "Blocked 'form' action to 'phish.example'"],
      [{ 'effective-directive': 'font-src', 'blocked-uri': 'data' }, "Blocked 'font' from 'data:'"],
      [{ 'effective-directive': 'frame-src', 'blocked-uri': "'self'" }, "Blocked inline 'frame-src'"],
      // Firefox sends no effective-directive; the violated one (with its sources) stands in.
      [{ 'violated-directive': "img-src 'self'", 'blocked-uri': 'http://tracker.example/p.gif' }, "Blocked 'image' from 'tracker.example'"],
    ];
    for (const [body, message] of cases) {
      expect(securityReportToEvent({ 'csp-report': body }, received).logentry?.formatted).toBe(message);
    }
  });

  it('throws on anything that is not a CSP report', () => {
    const notReports: unknown[] = [
      null, 'csp', 42, {}, [], { 'csp-report': 'x' }, [{ type: 'deprecation', body: {} }],
      { type: 'csp-violation', body: null }, { 'csp-report': { 'effective-directive': 'bogus-src' } }, { 'csp-report': {} },
    ];
    for (const report of notReports) expect(() => securityReportToEvent(report, received), JSON.stringify(report)).toThrow(Error);
  });
});

describe("the report URI's release and environment, and the reporting browser", () => {
  const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

  it('sets release and environment from sentry_release and sentry_environment, and keeps the User-Agent and Origin as request headers', () => {
    const event = securityReportToEvent(chromeReport, received,
      { release: 'shop-web@2.4.0', environment: 'staging', userAgent: chrome, origin: 'https://app.example' });
    expect(event).toMatchObject({ release: 'shop-web@2.4.0', environment: 'staging' });
    expect(event.request?.headers).toEqual([['Referer', 'https://app.example/cart'], ['Origin', 'https://app.example'], ['User-Agent', chrome]]);
  });

  it('gives the event browser and OS contexts once normalised, as Relay derives them from the User-Agent', () => {
    const event = normalizeEvent(securityReportToEvent(chromeReport, received, { userAgent: chrome }), null, received);
    expect(event.contexts?.browser).toMatchObject({ name: 'Chrome', version: expect.stringMatching(/^131/) });
    expect(event.contexts?.os).toMatchObject({ name: 'Linux' });
    expect(eventTags(event)).toEqual(expect.arrayContaining([['browser.name', 'Chrome'], ['os.name', 'Linux']]));
  });

  it('without the parameters (or empty ones) the event has no release or environment', () => {
    const event = securityReportToEvent(chromeReport, received, { release: '', environment: '  ' });
    expect(event.release).toBeUndefined();
    expect(event.environment).toBeUndefined();
  });
});
