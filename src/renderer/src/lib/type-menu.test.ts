import { describe, expect, it } from 'vitest';
import { PERFORMANCE_TYPE_OPTIONS, typeMenuValue, withType } from './category-menu';

describe("the Type menu reads and writes Sentry's issue.type: as the search does", () => {
  it("offers every performance type Lookout detects, by Sentry's slug and title", () => {
    expect(PERFORMANCE_TYPE_OPTIONS).toEqual(expect.arrayContaining([
      ['performance_slow_db_query', 'Slow DB Query'], ['performance_consecutive_db_queries', 'Consecutive DB Queries'],
      ['performance_consecutive_http', 'Consecutive HTTP'], ['performance_large_http_payload', 'Large HTTP payload'],
      ['performance_render_blocking_asset_span', 'Large Render Blocking Asset'], ['performance_uncompressed_assets', 'Uncompressed Asset'],
      ['performance_n_plus_one_db_queries', 'N+1 Query'], ['performance_n_plus_one_api_calls', 'N+1 API Call'],
    ]));
    expect(PERFORMANCE_TYPE_OPTIONS).toHaveLength(8);
  });

  it('shows the one type a plain token names, in any case or as a one-value list; other uses of the key are "other"', () => {
    expect(typeMenuValue(undefined)).toBe('');
    expect(typeMenuValue('boom level:error')).toBe('');
    expect(typeMenuValue('issue.type:performance_slow_db_query')).toBe('performance_slow_db_query');
    expect(typeMenuValue('ISSUE.TYPE:Performance_Consecutive_HTTP boom')).toBe('performance_consecutive_http');
    expect(typeMenuValue('issue.type:[performance_large_http_payload]')).toBe('performance_large_http_payload');
    expect(typeMenuValue('issue.type:[performance_slow_db_query,performance_consecutive_db_queries]')).toBe('other');
    expect(typeMenuValue('!issue.type:performance_slow_db_query')).toBe('other');
    expect(typeMenuValue('issue.type:performance_*')).toBe('other');
  });

  it('picking a type replaces every issue.type: token and keeps the rest', () => {
    expect(withType('issue.category:performance issue.type:[a,b] boom', 'performance_slow_db_query'))
      .toBe('issue.category:performance boom issue.type:performance_slow_db_query');
    expect(withType('!issue.type:performance_consecutive_http', '')).toBeUndefined();
    expect(withType(undefined, 'performance_consecutive_http')).toBe('issue.type:performance_consecutive_http');
  });
});
