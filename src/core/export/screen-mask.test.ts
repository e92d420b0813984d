import { isIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { scrubValue } from './scrub';
import type { ScrubHit } from './report-input';
import { DEFAULT_SCRUB_RULES, isIPv6Address } from '../../shared/scrub-text';
import { MASK, maskedText, masksNumber, masksWhole } from '../../shared/screen-mask';

/** Python's frame locals as sentry-python sends them (values are reprs). */
const PYTHON_VARS = { secret_token: "'sk_live_abc123'", order_id: '42', token_count: 3, password: 1234, api_key: "''", session: {} };

describe('masked on screen as the export scrubs', () => {
  it('masks whole the values under sensitive keys and headers, not empty ones or token counts', () => {
    expect(masksWhole('secret_token', PYTHON_VARS.secret_token)).toBe(true);
    expect(masksWhole('Authorization', 'Bearer abc')).toBe(true);
    expect(masksWhole('Set-Cookie', 'sid=1')).toBe(true);
    expect(masksWhole('X-Api-Key', 'k')).toBe(true);
    expect(masksWhole('password', 1234)).toBe(true);
    expect(masksWhole('order_id', '42')).toBe(false);
    expect(masksWhole('token_count', 3)).toBe(false);
    expect(masksWhole('session', {})).toBe(false);
    expect(masksWhole('email', 'ada@example.com')).toBe(false);
    expect(masksWhole('amount', 4111111111111111)).toBe(true);
    expect(masksWhole('secret_token', MASK)).toBe(false);
  });

  it('masks the secret parts of free text and card numbers, leaving other text alone', () => {
    expect(maskedText('connect postgres://admin:hunter2@db/shop failed')).toBe(`connect postgres://admin:${MASK}@db/shop failed`);
    expect(maskedText('GET /pay?card=4111 1111 1111 1111&x=1')).toContain(MASK);
    expect(maskedText('Invalid password for ada')).toBeNull();
    expect(maskedText('plain words')).toBeNull();
    expect(masksNumber(4111111111111111)).toBe(true);
    expect(masksNumber(1732492800000)).toBe(false);
  });

  it('masks exactly the keyed values the export filters', () => {
    const hits: ScrubHit[] = [];
    const out = scrubValue({ vars: PYTHON_VARS }, DEFAULT_SCRUB_RULES, hits) as { vars: Record<string, unknown> };
    const filtered = Object.keys(PYTHON_VARS).filter((k) => out.vars[k] === '[Filtered]');
    const masked = Object.entries(PYTHON_VARS).filter(([k, v]) => masksWhole(k, v)).map(([k]) => k);
    expect(masked).toEqual(filtered);
    expect(masked).toEqual(['secret_token', 'password', 'api_key']);
  });

  it('reads IPv6 addresses as node:net does, without node', () => {
    for (const text of ['::', '::1', '2001:db8::8a2e:370:7334', 'fe80::1:2:3:4:5:6', '::ffff:192.0.2.128', '1:2:3:4:5:6:7:8',
      '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', ':1:2:3:4:5:6:7', '::ffff:300.1.1.1', 'g::1', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7::']) {
      expect([text, isIPv6Address(text)]).toEqual([text, isIPv6(text)]);
    }
  });
});
