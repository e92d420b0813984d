import { describe, expect, it } from 'vitest';
import { parameterizeQuery } from './span-view';
import { parameterizeUrl } from './url-parameterize';

// Each expectation is what Sentry's own Python functions (`parametrize_db_span_strategy`,
// `parameterize_url`, with Python's urlparse/parse_qs) return for the same input.
describe("Sentry's parameterisation of span descriptions", () => {
  it.each([
    ["SELECT * FROM t WHERE id IN (1, 2, 3) AND name = 'o''brien' AND x = -3.5e2 AND ok = true",
      'SELECT * FROM t WHERE id IN (%s) AND name = %s AND x = %s AND ok = %s'],
    ['SAVEPOINT "sp1"', 'SAVEPOINT %s'],
    ['SELECT a FROM b WHERE c = $1', 'SELECT a FROM b WHERE c = $%s'],
    ['select x1 from t2 where y=10', 'select x1 from t2 where y=%s'],
    ['SELECT a FROM b', null],
  ])('query %s', (query, expected) => expect(parameterizeQuery(query)).toBe(expected));

  // The fast path looks for ` IN (` before matching whole lists: a list already `%s` still counts as
  // a match (Python's `subn` counts it), so the query comes back trimmed, not null.
  it.each([
    ['  SELECT * FROM a WHERE id IN (%s) ', 'SELECT * FROM a WHERE id IN (%s)'],
    ['x in (?, $1) y', 'x IN (%s) y'],
    [' x IN (a) ', null],
    ['SAVEPOINT %s ', null],
  ])('query %s (IN lists)', (query, expected) => expect(parameterizeQuery(query)).toBe(expected));

  it.each([
    ['https://api.example.com/users/42/posts?b=1&a=&c=3#x', 'https://api.example.com/users/*/posts?b=*&c=*'],
    ['/api/items/0a1b2c3d4e?x=1', '/api/items/*?x=*'],
    ['localhost:3000/a/5', 'localhost://*/a/*'],
    ['https://x.io/v1/report.json?id=3', 'https://x.io/v1/report.json?id=*'],
    ['//cdn.x/a-123/b', 'cdn.x/*/b'],
    ['https://x.io/users/me', 'https://x.io/users/me'],
  ])('url %s', (url, expected) => expect(parameterizeUrl(url)).toBe(expected));
});
