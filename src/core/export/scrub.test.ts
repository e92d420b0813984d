import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ReportInput, ScrubHit, ScrubRules } from './report-input';
import { DEFAULT_SCRUB_RULES } from './report-input';
import { scrubText, scrubValue } from './scrub';
import { realReportInput, SECRETS } from './test-report-input';

const ALL_ON: ScrubRules = { keys: true, headers: true, creditCards: true, ips: true, emails: true };
const ALL_OFF: ScrubRules = { keys: false, headers: false, creditCards: false, ips: false, emails: false };

let input: ReportInput;
beforeAll(async () => {
  input = await realReportInput();
});

describe('scrubValue on a real @sentry/node event', () => {
  it('filters every seeded secret and reports where', () => {
    const event = input.events[0];
    const hits: ScrubHit[] = [];
    const out = JSON.stringify(scrubValue(event, DEFAULT_SCRUB_RULES, hits));
    for (const secret of Object.values(SECRETS)) {
      expect(JSON.stringify(event)).toContain(secret);
      expect(out).not.toContain(secret);
    }
    const paths = hits.map((h) => `${h.rule} ${h.path}`);
    expect(paths).toContain('keys payload.extra.password');
    expect(paths).toContain('headers payload.request.headers.Authorization');
    expect(paths).toContain('headers payload.request.cookies');
    expect(paths).toContain('keys payload.tags[1][1]');
    expect(paths).toContain('creditCards payload.exception.values[1].value');
    expect(paths.some((p) => /^keys payload\.breadcrumbs\.values\[\d+\]\.data\.url$/.test(p))).toBe(true);
  });

  it('never mutates its input and keeps what is not secret', () => {
    const event = input.events[0];
    const before = JSON.stringify(event);
    const out = scrubValue(event, ALL_ON);
    expect(JSON.stringify(event)).toBe(before);
    expect(out).not.toBe(event);
    const where = (frames: unknown[] | undefined): unknown[] => (frames ?? []).map((f) => {
      const { function: fn, filename, lineno, colno, in_app: inApp } = f as Record<string, unknown>;
      return [fn, filename, lineno, colno, inApp];
    });
    const frames = (e: typeof event) => e?.payload.exception?.values?.[1]?.stacktrace?.frames;
    expect(where(frames(out))).toEqual(where(frames(event)));
    expect(where(frames(out)).length).toBeGreaterThan(5);
    expect(out?.payload.contexts?.runtime).toEqual(event?.payload.contexts?.runtime);
  });

  it('leaves e-mail and IP addresses unless those rules are on', () => {
    const user = input.events[0]?.payload.user;
    expect(scrubValue(user, DEFAULT_SCRUB_RULES)).toEqual(user);
    const strict = scrubValue(user, ALL_ON);
    expect(strict?.email).toBe('[Filtered]');
    expect(strict?.ip_address).toBe('[Filtered]');
    expect(strict?.id).toBe(user?.id);
  });

  it('changes nothing (but still copies) with every rule off', () => {
    const event = input.events[0];
    expect(scrubValue(event, ALL_OFF)).toEqual(event);
  });
});

describe('scrubText', () => {
  const cases: [string, string][] = [
    ['GET /pay?token=abc123&x=1', 'GET /pay?token=[Filtered]&x=1'],
    ['{"password":"hunter 2","user":"jane"}', '{"password":"[Filtered]","user":"jane"}'],
    ['Authorization: Bearer eyJhbGciOi.x.y\nAccept: */*', 'Authorization: [Filtered]\nAccept: */*'],
    ['Cookie: sid=abc; theme=dark', 'Cookie: [Filtered]'],
    ['sent Bearer abc.def-ghi to upstream', 'sent Bearer [Filtered] to upstream'],
    ['X-Api-Key=k-123 ok', 'X-Api-Key=[Filtered] ok'],
    ['card 4111-1111-1111-1111 declined', 'card [Filtered] declined'],
    ['amex 378282246310005, visa 4012888888881881.', 'amex [Filtered], visa [Filtered].'],
    ['card 4111 1111 1111 1111 2026 expiry', 'card [Filtered] 2026 expiry'],
    ['connect postgres://admin:S3cretPw@db.internal:5432/shop failed', 'connect postgres://admin:[Filtered]@db.internal:5432/shop failed'],
    ['GET https://user:p%40ss@example.com/x and http://host:8080/y@z', 'GET https://user:[Filtered]@example.com/x and http://host:8080/y@z'],
    ['postgres://shop:p@ssw0rd@db.internal:5432/shop', 'postgres://shop:[Filtered]@db.internal:5432/shop'],
    ['redis://:s3cretpass@cache:6379/0', 'redis://:[Filtered]@cache:6379/0'],
    ['fetch http://localhost:3000,bob@x.com failed', 'fetch http://localhost:3000,bob@x.com failed'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE\n-----END OPENSSH PRIVATE KEY-----',
      '-----BEGIN OPENSSH PRIVATE KEY-----[Filtered]-----END OPENSSH PRIVATE KEY-----'],
    ['key: -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA', 'key: -----BEGIN RSA PRIVATE KEY-----[Filtered]'],
    ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(scrubText(text, DEFAULT_SCRUB_RULES)).toBe(expected);
  });

  it('keeps numbers that are not card numbers and plain prose', () => {
    const keep = [
      'took 1795378651443 ms at 2026-11-22T20:17:20.853Z',
      'order 4111 1111 1111 1112 (fails Luhn)',
      '"sample_rand":"0.4111111111111111"',
      'trace 4bf92f3577b34da6a3ce929d0e0e4736',
      'Invalid password for user jane',
      'see /app/auth.js:12:5',
      'token: ${x}',
    ];
    for (const text of keep) expect(scrubText(text, DEFAULT_SCRUB_RULES)).toBe(text);
  });

  it('finds e-mail and IP addresses only when asked', () => {
    const text = 'from jane.doe+x@shop.example.com at 203.0.113.9 and [2001:db8::1]:443, v1.2.3';
    expect(scrubText(text, DEFAULT_SCRUB_RULES)).toBe(text);
    const hits: ScrubHit[] = [];
    expect(scrubText(text, ALL_ON, hits)).toBe('from [Filtered] at [Filtered] and [[Filtered]]:443, v1.2.3');
    expect(hits.map((h) => h.rule).sort()).toEqual(['emails', 'ips', 'ips']);
  });

  it('stays fast on adversarial input (no backtracking blow-up)', () => {
    const nasty = ['a'.repeat(200_000), 'token'.repeat(40_000), '4 '.repeat(100_000), '4111 '.repeat(50_000), '@'.repeat(100_000), ':'.repeat(100_000),
      `${'a'.repeat(60)}@`.repeat(3000), '9.'.repeat(100_000), `x://${'a:'.repeat(100_000)}`, 'a://b:c'.repeat(50_000),
      '-----BEGIN PRIVATE KEY-----'.repeat(20_000), '-----BEGIN '.repeat(50_000)];
    for (const text of nasty) {
      const started = performance.now();
      scrubText(text, ALL_ON);
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });
});

describe('scrubValue structure', () => {
  it('survives cycles and deep nesting', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    expect(scrubValue(cyclic, DEFAULT_SCRUB_RULES)).toEqual({ name: 'a', self: '[Circular]' });
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10_000; i++) deep = { next: deep };
    expect(JSON.stringify(scrubValue(deep, DEFAULT_SCRUB_RULES))).toContain('[Truncated]');
  });

  it('treats [key, value] pair lists like objects and keeps __proto__ keys as data', () => {
    const headers = [['Authorization', 'Basic dXNlcjpwYXNz'], ['Accept', 'text/html']];
    expect(scrubValue(headers, DEFAULT_SCRUB_RULES)).toEqual([['Authorization', '[Filtered]'], ['Accept', 'text/html']]);
    const parsed = JSON.parse('{"__proto__":{"password":"x"}}') as Record<string, unknown>;
    const out = scrubValue(parsed, DEFAULT_SCRUB_RULES);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"password":"[Filtered]"}}');
  });

  it('is idempotent and never throws on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const once = scrubValue(value, ALL_ON);
      expect(scrubValue(once, ALL_ON)).toEqual(once);
      expect(() => JSON.stringify(once)).not.toThrow();
    }), { numRuns: 300 });
  });

  it('keeps counts and rates under token/session keys but not numeric passwords', () => {
    const data = { sessionSampleRate: 1, input_tokens: 12, pin_password: 1234, session_id: 'abc' };
    expect(scrubValue(data, DEFAULT_SCRUB_RULES)).toEqual({ sessionSampleRate: 1, input_tokens: 12, pin_password: '[Filtered]', session_id: '[Filtered]' });
  });

  it('filters any value under a sensitive key, whatever the key case or surrounding words', () => {
    fc.assert(fc.property(
      fc.constantFrom('password', 'Passwd', 'client_secret', 'API-KEY', 'apikey', 'access_token', 'authToken', 'credentials', 'mysql_pwd', 'private_key', 'sessionId', 'cookies'),
      fc.string({ minLength: 1 }),
      (key, secret) => {
        expect(scrubValue({ [key]: secret }, DEFAULT_SCRUB_RULES)).toEqual({ [key]: '[Filtered]' });
      },
    ));
  });
});
