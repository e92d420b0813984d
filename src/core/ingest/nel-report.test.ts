import { describe, expect, it } from 'vitest';
import { nelReportsToLogs, NelReportError, serverAddress } from './nel-report';
import { requestToEnvelope, RequestError } from './request-envelope';
import { matchIngestRoute } from './routes';

const received = Date.UTC(2025, 5, 1, 12, 0, 0);
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

/** Reports as the W3C spec's examples shape them (§ "Sample Network Error Reports"), one batch. */
const batch = [
  {
    age: 0, type: 'network-error', url: 'https://api.example.test/', user_agent: UA,
    body: { sampling_fraction: 0.5, referrer: 'http://example.test/', server_ip: '', protocol: '', method: 'GET',
      request_headers: {}, response_headers: {}, status_code: 0, elapsed_time: 12, phase: 'dns', type: 'dns.name_not_resolved' },
  },
  {
    age: 31042, type: 'network-error', url: 'https://www.example.test:8443/checkout?step=2', user_agent: UA,
    body: { sampling_fraction: 1.0, referrer: 'https://www.example.test/cart', server_ip: '2001:db8::2', protocol: 'h2', method: 'POST',
      status_code: 503, elapsed_time: 823, phase: 'application', type: 'http.error' },
  },
];

const body = (v: unknown) => Buffer.from(JSON.stringify(v));

describe('NEL reports to logs', () => {
  it('makes one info log per report, timed by its age, with the attributes Relay sets', () => {
    const [dns, http] = nelReportsToLogs(body(batch), received);
    expect(dns).toEqual({
      timestamp: received / 1000, level: 'info',
      body: 'dns.name_not_resolved for https://api.example.test/ (status 0, 12 ms): the DNS server answered but could not resolve the name',
      attributes: {
        'sentry.origin': { value: 'auto.http.browser_reports.nel', type: 'string' },
        report_type: { value: 'network-error', type: 'string' },
        'url.domain': { value: 'api.example.test', type: 'string' },
        'url.full': { value: 'https://api.example.test/', type: 'string' },
        'http.request.duration': { value: 12, type: 'integer' },
        'http.request.method': { value: 'GET', type: 'string' },
        'http.request.header.referer': { value: 'http://example.test/', type: 'string' },
        'http.response.status_code': { value: 0, type: 'integer' },
        'network.protocol': { value: '', type: 'string' },
        'nel.phase': { value: 'dns', type: 'string' },
        'nel.sampling_fraction': { value: 0.5, type: 'double' },
        'nel.type': { value: 'dns.name_not_resolved', type: 'string' },
      },
    });
    expect(http!.timestamp).toBe((received - 31042) / 1000);
    expect(http!.body).toBe('http.error for https://www.example.test:8443/checkout?step=2 (status 503, 823 ms): the server answered with status 503');
    expect(http!.attributes['url.domain']).toEqual({ value: 'www.example.test', type: 'string' });
    expect(http!.attributes['server.address']).toEqual({ value: '2001:db8::2', type: 'string' });
    expect(http!.attributes['http.response.status_code']).toEqual({ value: 503, type: 'integer' });
  });

  it('skips other report types in a mixed batch and refuses a batch with no network error', () => {
    const csp = { type: 'csp-violation', age: 1, url: 'https://www.example.test/', body: { effectiveDirective: 'script-src-elem' } };
    expect(nelReportsToLogs(body([csp, batch[0], 'junk', { type: 'network-error' }]), received).map((l) => l.attributes['nel.type']?.value))
      .toEqual(['dns.name_not_resolved']);
    expect(() => nelReportsToLogs(body([csp]), received)).toThrow(/no network-error report.*csp-violation/);
    expect(nelReportsToLogs(body([]), received)).toEqual([]);
  });

  it('leaves out optional fields of the wrong type, and names an unknown error type as sent', () => {
    const [log] = nelReportsToLogs(body([{ type: 'network-error', url: 'https://api.example.test/', age: null,
      body: { type: 'quic.weird', status_code: -1, elapsed_time: '12', method: null, phase: 'connection', server_ip: '' } }]), received);
    expect(log!.body).toBe('quic.weird for https://api.example.test/');
    expect(log!.timestamp).toBe(received / 1000);
    // An empty server_ip (the browser did not know it) is no server address.
    expect(Object.keys(log!.attributes).sort()).toEqual(['nel.phase', 'nel.type', 'report_type', 'sentry.origin', 'url.domain', 'url.full']);
  });

  it('skips a report whose url, body.type or age is of the wrong type, and refuses a batch left with none', () => {
    const good = batch[0]!;
    const bad = [
      { ...good, url: 12 }, { ...good, age: 'x' }, { ...good, body: { ...good.body, type: 7 } }, { ...good, url: undefined },
      { ...good, body: { ...good.body, type: '' } },
    ];
    expect(nelReportsToLogs(body([...bad, good]), received).map((l) => l.body))
      .toEqual(['dns.name_not_resolved for https://api.example.test/ (status 0, 12 ms): the DNS server answered but could not resolve the name']);
    expect(() => nelReportsToLogs(body(bad), received)).toThrow(new NelReportError(
      'no network-error report with a body in the NEL batch (found: network-error; skipped for a missing or mistyped url, age, body.type)'));
    expect(() => requestToEnvelope('nel', body(bad), 'application/reports+json', received)).toThrow(RequestError);
  });

  it('answers malformed bodies with a message naming the problem', () => {
    expect(() => nelReportsToLogs(Buffer.from('[{"type":'), received)).toThrow(new NelReportError('NEL report is not valid JSON'));
    expect(() => nelReportsToLogs(body(batch[0]), received)).toThrow(/must be a JSON array of reports/);
    expect(() => requestToEnvelope('nel', Buffer.from('nope'), 'application/reports+json', received)).toThrow(RequestError);
    expect(() => requestToEnvelope('nel', Buffer.alloc(0), 'application/reports+json', received)).toThrow('empty request body');
  });

  it('reads a server address as Relay does: the host of a URL without its port, anything else as it is', () => {
    expect(serverAddress('https://example.test/foo?bar=1')).toBe('example.test');
    expect(serverAddress('http://localhost:8080/foo')).toBe('localhost');
    expect(serverAddress('http://[::1]:8080/foo')).toBe('[::1]');
    expect(serverAddress('203.0.113.9')).toBe('203.0.113.9');
  });
});

describe('the NEL route', () => {
  it('is matched under any DSN path prefix, with or without the trailing slash', () => {
    expect(matchIngestRoute('/api/1/nel/')).toEqual({ route: 'nel', projectId: '1' });
    expect(matchIngestRoute('/sub/api/7/nel')).toEqual({ route: 'nel', projectId: '7' });
  });

  it('becomes one log container item holding every report (none for an empty batch)', () => {
    const envelope = requestToEnvelope('nel', body(batch), 'application/reports+json', received);
    expect(envelope.items).toHaveLength(1);
    const [item] = envelope.items;
    expect(item!.headers).toEqual({ type: 'log', item_count: 2, content_type: 'application/vnd.sentry.items.log+json' });
    expect((JSON.parse(item!.payload.toString('utf8')) as { items: unknown[] }).items).toEqual(nelReportsToLogs(body(batch), received));
    expect(requestToEnvelope('nel', body([]), 'application/reports+json', received).items).toEqual([]);
  });
});
