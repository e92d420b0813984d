import { describe, expect, it } from 'vitest';
import { parseIssueSearch } from './issue-search';

const TAG_KEYS = new Set(['environment', 'release', 'browser', 'feature', 'user']);
const parse = (q: string) => parseIssueSearch(q, (key) => TAG_KEYS.has(key));

describe('parseIssueSearch', () => {
  it('reads Sentry-style filters and leaves the rest as free text', () => {
    expect(parse('is:resolved level:Warning environment:staging card declined')).toEqual({
      text: 'card declined', status: 'resolved', level: 'warning', tags: [{ key: 'environment', value: 'staging', negate: false }],
    });
    expect(parse('browser:"Chrome 119" !feature:beta')).toEqual({
      text: '', tags: [{ key: 'browser', value: 'Chrome 119', negate: false }, { key: 'feature', value: 'beta', negate: true }],
    });
  });

  it("maps user fields onto the user tag as Sentry writes it", () => {
    expect(parse('user.email:jane@shop.test user.ip:10.0.0.1').tags).toEqual([
      { key: 'user', value: 'email:jane@shop.test', negate: false }, { key: 'user', value: 'ip_address:10.0.0.1', negate: false },
    ]);
  });

  it('keeps as free text what is no filter: colons in messages and URLs, unknown keys, bad statuses', () => {
    expect(parse('TypeError: Cannot read')).toEqual({ text: 'TypeError: Cannot read', tags: [] });
    expect(parse('http://localhost:3000/cart')).toEqual({ text: 'http://localhost:3000/cart', tags: [] });
    expect(parse('order:42 is:sleeping')).toEqual({ text: 'order:42 is:sleeping', tags: [] });
  });
});
