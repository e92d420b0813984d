import { describe, expect, it } from 'vitest';
import { parseIssueSearch } from './issue-search';

const TAG_KEYS = new Set(['environment', 'release', 'browser', 'feature', 'user']);
const parse = (q: string) => parseIssueSearch(q, (key) => TAG_KEYS.has(key));

describe('parseIssueSearch', () => {
  it('reads Sentry-style filters and leaves the rest as free text', () => {
    expect(parse('is:resolved level:Warning environment:staging card declined')).toEqual({
      text: 'card declined', statuses: ['resolved'], level: 'warning', levels: ['warning'], tags: [{ key: 'environment', value: 'staging', negate: false }], users: [], fields: [],
    });
    expect(parse('browser:"Chrome 119" !feature:beta')).toEqual({
      text: '', tags: [{ key: 'browser', value: 'Chrome 119', negate: false }, { key: 'feature', value: 'beta', negate: true }], users: [], fields: [],
    });
  });

  it('reads `!is:` as a status left out, as Sentry negates is:', () => {
    expect(parse('!is:resolved !is:ignored boom')).toEqual({ text: 'boom', notStatuses: ['resolved', 'ignored'], tags: [], users: [], fields: [] });
  });

  it('keeps every `is:` status, as Sentry makes each hold, and leaves other `is:` values as text', () => {
    expect(parse('is:resolved is:unresolved boom')).toMatchObject({ text: 'boom', statuses: ['resolved', 'unresolved'] });
    expect(parse('is:sleeping is:resolved')).toEqual({
      text: 'is:sleeping', statuses: ['resolved'], tags: [], users: [], fields: [], unsupported: ['is:sleeping'],
    });
  });

  it('reads user fields as a user filter, in the `field:value` form users are stored under', () => {
    expect(parse('user.email:jane@shop.test !user.ip:10.0.0.1').users).toEqual([
      { value: 'email:jane@shop.test', negate: false }, { value: 'ip_address:10.0.0.1', negate: true },
    ]);
  });

  it('keeps as free text what is no filter: colons in messages and URLs, unknown keys, bad statuses', () => {
    expect(parse('TypeError: Cannot read')).toEqual({ text: 'TypeError: Cannot read', tags: [], users: [], fields: [] });
    expect(parse('http://localhost:3000/cart')).toEqual({ text: 'http://localhost:3000/cart', tags: [], users: [], fields: [] });
    expect(parse('order:42 is:sleeping')).toEqual({ text: 'order:42 is:sleeping', tags: [], users: [], fields: [], unsupported: ['is:sleeping'] });
  });

  it("reads Sentry's list syntax as any of its values, and two level: tokens as both holding", () => {
    expect(parse('browser:[Firefox,"Chrome 119"]').tags).toEqual([{ key: 'browser', value: '[Firefox,"Chrome 119"]', negate: false, values: ['Firefox', 'Chrome 119'] }]);
    expect(parse('level:[error,FATAL]')).toMatchObject({ levels: ['error', 'fatal'], level: undefined });
    expect(parse('level:error level:warning')).toMatchObject({ levels: [] });
    expect(parse('level:[error,fatal] level:fatal')).toMatchObject({ levels: ['fatal'], level: 'fatal' });
  });

  it("reads Sentry's event-field keys and names the Sentry keys it cannot answer", () => {
    expect(parse('error.type:TypeError !error.value:"x y" message:boom')).toMatchObject({ text: '', fields: [
      { field: 'error.type', value: 'TypeError', negate: false }, { field: 'error.value', value: 'x y', negate: true },
      { field: 'message', value: 'boom', negate: false },
    ] });
    expect(parse('error.unhandled:true').tags).toEqual([{ key: 'handled', value: 'no', negate: false }]);
    expect(parse('error.handled:1').tags).toEqual([{ key: 'handled', value: 'yes', negate: false }]);
    expect(parse('stack.function:Do has:user timesSeen:>2 feature:beta')).toMatchObject({
      text: 'stack.function:Do has:user timesSeen:>2', unsupported: ['stack.function:Do', 'has:user', 'timesSeen:>2'],
    });
  });

  it("reads Sentry's issue.category: and issue.type: (performance issues), other issue.* keys stay unsupported", () => {
    expect(parse('issue.category:performance !issue.type:performance_n_plus_one_api_calls issue.priority:high')).toMatchObject({
      text: 'issue.priority:high', unsupported: ['issue.priority:high'],
      fields: [{ field: 'issue.category', value: 'performance', negate: false }, { field: 'issue.type', value: 'performance_n_plus_one_api_calls', negate: true }],
    });
  });

  it('reads a list after issue.category: and issue.type: as any of its values', () => {
    expect(parse('issue.category:[error, Performance] !issue.type:[performance_n_plus_one_api_calls]').fields).toEqual([
      { field: 'issue.category', value: '[error, Performance]', negate: false, values: ['error', 'Performance'] },
      { field: 'issue.type', value: '[performance_n_plus_one_api_calls]', negate: true, values: ['performance_n_plus_one_api_calls'] },
    ]);
  });
});
