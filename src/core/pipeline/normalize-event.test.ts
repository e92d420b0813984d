import { describe, expect, it } from 'vitest';
import { eventTitle } from '../grouping';
import { eventTags, normalizeEvent } from './normalize-event';
import { captureWithNodeSdk } from '../grouping/test-support/node-sdk';
import { corpusEvent } from '../grouping/test-support/corpus';

const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.8078.73 Safari/537.36';

describe('normalizeEvent', () => {
  it('derives browser and OS contexts from the User-Agent header, as Relay does', () => {
    const ev = normalizeEvent({ request: { url: 'http://localhost/', headers: { 'User-Agent': UA } } }, null, Date.now());
    expect(ev.contexts?.browser).toEqual({ type: 'browser', name: 'Chrome', version: '156.0.8078.73' });
    expect(ev.contexts?.os).toEqual({ type: 'os', name: 'macOS', version: '10.15.7' });
  });

  it('keeps contexts the SDK sent', () => {
    const ev = normalizeEvent({ contexts: { browser: { name: 'Firefox', version: '140' } }, request: { headers: [['user-agent', UA]] } }, null, Date.now());
    expect(ev.contexts?.browser).toEqual({ name: 'Firefox', version: '140' });
    expect(ev.contexts?.os?.name).toBe('macOS');
  });

  it('turns the wire forms into one shape', () => {
    const ev = normalizeEvent({ exception: [{ type: 'E' }], message: 'hi', tags: { a: 1 }, timestamp: '2026-01-02T03:04:05Z', level: 'warn' },
      'ABCDEF0123456789ABCDEF0123456789'.toLowerCase(), Date.parse('2026-01-02T03:05:00Z'));
    expect(ev.exception).toEqual({ values: [{ type: 'E' }] });
    expect(ev.logentry).toEqual({ formatted: 'hi' });
    expect(ev.tags).toEqual([['a', '1']]);
    expect(ev.timestamp).toBe(Date.parse('2026-01-02T03:04:05Z') / 1000);
    expect(ev.level).toBe('warning');
    expect(ev.event_id).toBe('abcdef0123456789abcdef0123456789');
  });

  it("defaults the level as Relay does: info for a transaction, error for anything else", () => {
    const at = Date.now();
    expect(normalizeEvent({ transaction: 'GET /' }, null, at, { itemType: 'transaction' }).level).toBe('info');
    expect(normalizeEvent({ transaction: 'GET /', level: 'bogus' }, null, at, { itemType: 'transaction' }).level).toBe('info');
    expect(normalizeEvent({ transaction: 'GET /', level: 'warning' }, null, at, { itemType: 'transaction' }).level).toBe('warning');
    expect(normalizeEvent({ message: 'hi' }, null, at).level).toBe('error');
    expect(normalizeEvent({ message: 'hi' }, null, at, { itemType: 'event' }).level).toBe('error');
  });

  it('fills in the client address where the SDK sent {{auto}}, and nowhere else', () => {
    const at = Date.now();
    const raw = { user: { id: 'u', ip_address: '{{auto}}' }, request: { url: 'http://localhost/', env: { REMOTE_ADDR: '{{auto}}', SERVER_NAME: 'x' } } };
    const ev = normalizeEvent(raw, null, at, { clientIp: '192.168.1.20' });
    expect(ev.user).toEqual({ id: 'u', ip_address: '192.168.1.20' });
    expect(ev.request?.env).toEqual({ REMOTE_ADDR: '192.168.1.20', SERVER_NAME: 'x' });
    expect(raw.user.ip_address).toBe('{{auto}}');
    expect(normalizeEvent(raw, null, at).user?.ip_address).toBe('{{auto}}');
    expect(normalizeEvent({ user: { ip_address: '10.1.1.1' } }, null, at, { clientIp: '192.168.1.20' }).user?.ip_address).toBe('10.1.1.1');
    expect(normalizeEvent({ user: { id: 'u' } }, null, at, { clientIp: '192.168.1.20' }).user).toEqual({ id: 'u' });
  });

  it('reads a non-string exception value as text, as Relay does', () => {
    const ev = normalizeEvent({ exception: { values: [{ type: 'ZeroDivisionError', value: 42 }, { type: 'E', value: { code: 7 } }, { type: 'F', value: 'ok' }] } },
      null, Date.now());
    expect(ev.exception?.values?.map((e) => e.value)).toEqual(['42', '{"code":7}', 'ok']);
    expect(eventTitle(normalizeEvent({ exception: [{ type: 'ZeroDivisionError', value: 42 }] }, null, Date.now())).title).toBe('ZeroDivisionError: 42');
    expect(normalizeEvent({ exception: [{ type: 'G' }] }, null, Date.now()).exception?.values).toEqual([{ type: 'G' }]);
  });

  it("joins a header sent as a list (sentry-php's WordPress event) with ',', as Relay's HeaderValue does", () => {
    const wordpress = corpusEvent('envelope_php_wordpress.txt');
    const headers = normalizeEvent(wordpress, null, Date.now()).request?.headers as Record<string, unknown>;
    expect(Object.values(headers).every((v) => typeof v === 'string')).toBe(true);
    expect(headers.Host ?? headers.host).toBe('wordpress.develop');
    const pairs = normalizeEvent({ request: { headers: [['Accept', ['text/html', 'application/json']], ['X-One', 'a']] } }, null, Date.now());
    expect(pairs.request?.headers).toEqual([['Accept', 'text/html,application/json'], ['X-One', 'a']]);
  });

  it("reads handled and mechanism from the main exception, the last one, not from a cause (Express's error handler with a cause chain)", async () => {
    const [event] = await captureWithNodeSdk((scope) => {
      const error = new Error('insert into orders failed', { cause: new Error('connection reset', { cause: new Error('ECONNRESET') }) });
      // What setupExpressErrorHandler passes for an error no route caught.
      return [scope.captureException(error, { mechanism: { type: 'auto.http.express', handled: false } })];
    });
    const values = event?.exception?.values ?? [];
    expect(values).toHaveLength(3);
    expect(values.at(-1)?.mechanism).toMatchObject({ type: 'auto.http.express', handled: false });
    expect(values[0]?.mechanism?.type).toBe('chained');
    const tags = new Map(eventTags(normalizeEvent(event ?? {}, null, Date.now())));
    expect([tags.get('mechanism'), tags.get('handled')]).toEqual(['auto.http.express', 'no']);
  });

  it('derives the mechanism and handled tags of the exception, as Sentry does', () => {
    const angular = normalizeEvent(corpusEvent('envelope_angular.txt'), null, Date.now());
    const mechanism = angular.exception?.values?.[0]?.mechanism;
    const tags = new Map(eventTags(angular));
    expect(tags.get('mechanism')).toBe(mechanism?.type);
    expect(tags.get('handled')).toBe(mechanism?.handled === false ? 'no' : 'yes');
    const caught = new Map(eventTags(normalizeEvent({ exception: { values: [{ type: 'E', mechanism: { type: 'generic', handled: true } }] } }, null, Date.now())));
    expect([caught.get('mechanism'), caught.get('handled')]).toEqual(['generic', 'yes']);
    expect(new Map(eventTags(normalizeEvent({ message: 'no exception' }, null, Date.now()))).has('handled')).toBe(false);
  });

  it("tags Sentry's context fields: device model and family, os.rooted as yes/no, app.device, gpu name and vendor", () => {
    const event = normalizeEvent({ message: 'm', contexts: {
      device: { family: 'Pixel', model: 'Pixel 7', arch: 'arm64-v8a' }, os: { name: 'Android', version: '14', rooted: true },
      app: { app_identifier: 'com.acme.shop', device_app_hash: '9f3b2a' }, gpu: { name: 'Adreno 730', vendor_name: 'Qualcomm' },
    } }, null, Date.now());
    const tags = new Map(eventTags(event));
    expect(Object.fromEntries(['device', 'device.family', 'os', 'os.name', 'os.rooted', 'app.device', 'gpu.name', 'gpu.vendor'].map((k) => [k, tags.get(k)])))
      .toEqual({ device: 'Pixel 7', 'device.family': 'Pixel', os: 'Android 14', 'os.name': 'Android', 'os.rooted': 'yes', 'app.device': '9f3b2a',
        'gpu.name': 'Adreno 730', 'gpu.vendor': 'Qualcomm' });
  });

  it('adds no context tag to a browser error: its browser, os and trace contexts give the tags they gave', () => {
    const angular = normalizeEvent(corpusEvent('envelope_angular.txt'), null, Date.now());
    const keys = eventTags(angular).map(([k]) => k);
    expect(keys.filter((k) => /^(?:device|app|gpu|monitor)\b|^os\.rooted$/.test(k))).toEqual([]);
  });

  it("tags the logger, as Sentry does (logger:shop.app finds a Python logging error)", () => {
    const event = normalizeEvent(corpusEvent('envelope_java_formatted_message.txt'), null, Date.now());
    expect(event.logger).toBeTruthy();
    expect(new Map(eventTags(event)).get('logger')).toBe(event.logger);
    expect(new Map(eventTags(normalizeEvent({ message: 'no logger' }, null, Date.now()))).has('logger')).toBe(false);
  });

  it('tags the browser and OS with and without their version, as Sentry does (browser.name:Firefox finds every Firefox)', () => {
    const angular = normalizeEvent(corpusEvent('envelope_angular.txt'), null, Date.now());
    const tags = new Map(eventTags(angular));
    const browser = angular.contexts?.browser as { name: string; version?: string };
    expect(tags.get('browser.name')).toBe(browser.name);
    expect(tags.get('browser')).toBe(browser.version ? `${browser.name} ${browser.version}` : undefined);
    expect(new Map(eventTags(normalizeEvent({ contexts: { os: { name: 'Linux', version: '6.1' } } }, null, Date.now()))).get('os.name')).toBe('Linux');
  });

  it("tags runtime.name, and no `{name} {version}` tag for a context without a version (sentry-go 0.11's contexts)", () => {
    // What sentry-go 0.11.0 sends (test/sdk-go.test.ts runs the real SDK).
    const contexts = {
      device: { arch: 'amd64', num_cpu: 2 }, os: { name: 'linux' },
      runtime: { go_maxprocs: 2, go_numcgocalls: 1, go_numroutines: 2, name: 'go', version: 'go1.19.8' },
    };
    const tags = new Map(eventTags(normalizeEvent({ platform: 'go', contexts }, null, Date.now())));
    expect([tags.get('runtime'), tags.get('runtime.name')]).toEqual(['go go1.19.8', 'go']);
    expect([tags.has('os'), tags.get('os.name')]).toEqual([false, 'linux']);
  });
});
