import { describe, expect, it } from 'vitest';
import { MAX_PARAMETERIZE_CHARS, firstTwoLines, normalizeMessage, parameterize } from './parameterize';

// One case per placeholder Sentry's parameterization.py defines, with the input shapes its own
// tests use: [pattern, input, expected].
const CASES: readonly (readonly [string, string, string])[] = [
  ['email', 'user test@email.com could not log in', 'user <email> could not log in'],
  ['url', 'fetching https://example.com/api/items?id=3 failed', 'fetching <url> failed'],
  ['url (websocket)', 'lost wss://live.example.org/socket', 'lost <url>'],
  ['hostname', 'could not resolve api.example.com', 'could not resolve <hostname>'],
  ['hostname (upper case TLD)', 'could not resolve MAIL.EXAMPLE.NET', 'could not resolve <hostname>'],
  ['ip v4', 'connect to 192.168.0.1 refused', 'connect to <ip> refused'],
  ['ip v6', 'connect to ::1 refused', 'connect to <ip> refused'],
  ['ip v6 full', 'from 2001:0db8:85a3:0000:0000:8a2e:0370:7334 now', 'from <ip> now'],
  ['traceparent', 'parent 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01 lost', 'parent <traceparent> lost'],
  ['uuid', 'no such order 3f2b7e0a-64a1-4f2e-9d1b-2c5e8f7a9b10', 'no such order <uuid>'],
  ['sha1', 'blob da39a3ee5e6b4b0d3255bfef95601890afd80709 missing', 'blob <sha1> missing'],
  ['md5', 'etag d41d8cd98f00b204e9800998ecf8427e changed', 'etag <md5> changed'],
  ['date (RFC 3339)', 'expired at 2024-05-01T10:20:30.123Z', 'expired at <date>'],
  ['date (RFC 1123)', 'expired Mon, 02 Jan 2006 15:04:05 MST', 'expired <date>'],
  ['date (JavaScript)', 'at Sun Jan 02 2006 15:04:05 GMT+0100 (Central European Time)', 'at <date>'],
  ['date (plain)', 'batch of 2024-05-01 failed', 'batch of <date> failed'],
  ['time (kitchen)', 'meeting at 10:30 am moved', 'meeting at <date> moved'],
  ['time (24h)', 'cron 23:59:01 skipped', 'cron <date> skipped'],
  ['python datetime', 'bad value datetime.datetime(2020, 1, 1, 0, 0)', 'bad value <date>'],
  ['duration', 'query took 1500ms then 2.5s', 'query took <duration> then <duration>'],
  ['swift transaction id', 'swift tx12345678901234567890a-1234567890 failed', 'swift <swift_txn_id> failed'],
  ['hex with prefix', 'segfault at 0x7fff5fbff8a8', 'segfault at <hex>'],
  ['hex without prefix', 'object deadbeef12 freed twice', 'object <hex> freed twice'],
  ['git sha', 'built from a1b2c3d', 'built from <git_sha>'],
  ['float', 'ratio 0.75 below -1.5', 'ratio <float> below <float>'],
  ['int', 'order 1234 of -5 items', 'order <int> of <int> items'],
  ['int (long numbers count as hex)', 'account 123456789 locked', 'account <hex> locked'],
  ['quoted value after =', "key='abc' name=\"bob smith\"", 'key=<quoted_str> name=<quoted_str>'],
  ['bool after =', 'enabled=true strict=False', 'enabled=<bool> strict=<bool>'],
];

describe('parameterize', () => {
  it.each(CASES)('replaces %s', (_pattern, input, expected) => {
    expect(parameterize(input)).toBe(expected);
  });

  it('leaves words, quoted strings without = and method references alone', () => {
    for (const input of ["Cannot read properties of undefined (reading 'map')", 'SomeClass::someMethod() failed', 'true story']) {
      expect(parameterize(input)).toBe(input);
    }
  });

  it('prefers the earlier pattern where two could match (an email before its host name)', () => {
    expect(parameterize('mail admin@example.com')).toBe('mail <email>');
  });

  it('cuts input longer than Relay keeps before matching', () => {
    const long = `id 42 ${'x'.repeat(MAX_PARAMETERIZE_CHARS)}`;
    const result = parameterize(long);
    expect(result.startsWith('id <int> ')).toBe(true);
    expect(result.endsWith('...')).toBe(true);
    expect(result.length).toBeLessThan(long.length);
  });
});

describe('message trimming', () => {
  it('keeps the first two non-empty lines and marks the cut', () => {
    expect(firstTwoLines('first\n\n   \nsecond\nthird')).toBe('first\nsecond...');
    expect(firstTwoLines('only line')).toBe('only line');
    expect(firstTwoLines('windows\r\nlines\r\nhere')).toBe('windows\nlines...');
  });

  it('normalizes a multi-line message into two parameterized lines', () => {
    expect(normalizeMessage('Timeout after 30s\nhost db-7.example.com\nstack follows')).toBe('Timeout after <duration>\nhost <hostname>...');
  });
});
