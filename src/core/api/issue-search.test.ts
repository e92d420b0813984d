import { describe, expect, it } from 'vitest';
import { ISSUE_SEARCH_KEYS } from '../../shared/issue-search-syntax';
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

  it("keeps every `is:` status, as Sentry makes each hold, and leaves Sentry's other `is:` values as text", () => {
    expect(parse('is:resolved is:unresolved boom')).toMatchObject({ text: 'boom', statuses: ['resolved', 'unresolved'] });
    expect(parse('is:linked is:resolved')).toEqual({
      text: 'is:linked', statuses: ['resolved'], tags: [], users: [], fields: [], unsupported: ['is:linked'],
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
    expect(parse('order:42 is:linked')).toEqual({
      text: 'order:42 is:linked', tags: [], users: [], fields: [], unsupported: ['is:linked'],
      // Never silently empty: the unknown key is said under the box.
      problems: ['No issue has a "order" tag and Lookout has no such search key: "order:42" was looked for as text.'],
    });
  });

  it("reads Sentry's firstRelease: (and first-release:, first_release:) with lists and !, and release: as a tag with no issue having one yet", () => {
    expect(parse('firstRelease:api@1.2.0 !first-release:[latest,"web@2.0.0"] FIRST_RELEASE:latest')).toMatchObject({
      text: '', firstReleases: [
        { values: ['api@1.2.0'], negate: false }, { values: ['latest', 'web@2.0.0'], negate: true }, { values: ['latest'], negate: false },
      ],
    });
    expect(parseIssueSearch('release:latest', () => false)).toMatchObject({ text: '', tags: [{ key: 'release', value: 'latest', negate: false }] });
  });

  it('answers every key the search box suggests: none stays text or is said to be unsupported', () => {
    const sample: Record<string, string> = {
      is: 'new', project: 'api', level: 'error', has: 'user', timesSeen: '>1', firstSeen: '-24h', lastSeen: '-1h', age: '+7d',
      release: 'latest', firstRelease: 'latest', 'release.version': '>=2.4.0', 'release.package': 'com.acme.Shop', 'release.build': '412', 'error.type': 'TypeError', 'error.value': 'x*', message: 'boom',
      'error.unhandled': 'true', 'error.handled': 'false', 'issue.category': 'error', 'issue.type': 'performance_slow_db_query',
      'user.id': 'u1', 'user.email': 'a@b.test', 'user.username': 'ada', 'user.ip': '10.0.0.1',
    };
    for (const { key } of ISSUE_SEARCH_KEYS) {
      expect(sample[key], `a sample value for ${key}`).toBeDefined();
      const search = parseIssueSearch(`${key}:${sample[key]}`, () => false);
      expect({ key, text: search.text, unsupported: search.unsupported, problems: search.problems }).toEqual({ key, text: '', unsupported: undefined, problems: undefined });
    }
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
    expect(parse('stack.function:Do stack.filename:app.js feature:beta')).toMatchObject({
      text: 'stack.function:Do stack.filename:app.js', unsupported: ['stack.function:Do', 'stack.filename:app.js'],
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

  it("reads has: and !has: as a tag (or user field) being there, as Sentry's has_filter", () => {
    expect(parse('has:user !has:release has:user.email boom')).toMatchObject({
      text: 'boom', has: [{ key: 'user', negate: false }, { key: 'release', negate: true }, { key: 'user.email', negate: false }],
    });
  });

  it("reads timesSeen: with Sentry's operators and k/m suffixes, and says when it is no number", () => {
    const ranges = (q: string) => parse(q).ranges;
    expect(ranges('timesSeen:>10')).toEqual([{ column: 'count', bounds: [{ op: '>', value: 10 }], negate: false }]);
    expect(ranges('timesseen:<=3')).toEqual([{ column: 'count', bounds: [{ op: '<=', value: 3 }], negate: false }]);
    expect(ranges('timesSeen:5')).toEqual([{ column: 'count', bounds: [{ op: '>=', value: 5 }, { op: '<=', value: 5 }], negate: false }]);
    expect(ranges('!timesSeen:>=2k')).toEqual([{ column: 'count', bounds: [{ op: '>=', value: 2000 }], negate: true }]);
    const bad = parse('timesSeen:lots boom');
    expect(bad).toMatchObject({ text: 'boom', problems: ['timesSeen needs a number, such as timesSeen:>10 or timesSeen:<=3: "lots" was left out of the search.'] });
    expect(bad.ranges).toBeUndefined();
  });

  it("reads firstSeen:/lastSeen:/age: relative times as Sentry does: - within the last, + longer ago", () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    const at = (q: string) => parseIssueSearch(q, () => false, now).ranges;
    expect(at('firstSeen:-24h')).toEqual([{ column: 'first_seen', bounds: [{ op: '>=', value: now - 86_400_000 }], negate: false }]);
    expect(at('age:+7d')).toEqual([{ column: 'first_seen', bounds: [{ op: '<=', value: now - 7 * 86_400_000 }], negate: false }]);
    expect(at('lastSeen:-30m')).toEqual([{ column: 'last_seen', bounds: [{ op: '>=', value: now - 1_800_000 }], negate: false }]);
    expect(at('lastSeen:-2w')).toEqual([{ column: 'last_seen', bounds: [{ op: '>=', value: now - 14 * 86_400_000 }], negate: false }]);
    expect(parseIssueSearch('firstSeen:-3y', () => false, now).problems?.[0]).toMatch(/^firstSeen needs a time, such as firstSeen:-24h/);
  });

  it('reads absolute times: operators, a bare date as its whole day, a bare date-time as the minutes around it, UTC unless zoned', () => {
    const at = (q: string) => parse(q).ranges?.[0]?.bounds;
    const day = Date.parse('2026-11-20T00:00:00Z');
    expect(at('firstSeen:>2026-11-20')).toEqual([{ op: '>', value: day }]);
    expect(at('lastSeen:<=2026-11-20T10:30:00')).toEqual([{ op: '<=', value: Date.parse('2026-11-20T10:30:00Z') }]);
    expect(at('lastSeen:>=2026-11-20T10:30:00+02:00')).toEqual([{ op: '>=', value: Date.parse('2026-11-20T08:30:00Z') }]);
    expect(at('firstSeen:2026-11-20')).toEqual([{ op: '>=', value: day }, { op: '<', value: day + 86_400_000 }]);
    const t = Date.parse('2026-11-20T10:30:00Z');
    expect(at('firstSeen:2026-11-20T10:30:00Z')).toEqual([{ op: '>=', value: t - 300_000 }, { op: '<', value: t + 360_000 }]);
    expect(parse('firstSeen:2026-13-45').problems).toHaveLength(1);
    expect(parse('lastSeen:yesterday').problems?.[0]).toContain('"yesterday" was left out');
  });

  it('says Lookout has no assignees for assigned: and is:unassigned, and searches the rest', () => {
    const search = parse('assigned:me is:unassigned boom');
    expect(search.text).toBe('boom');
    expect(search.problems).toEqual([
      'Lookout has no assignees (it runs on your machine, for you alone): "assigned:me" was left out of the search.',
      'Lookout has no assignees (it runs on your machine, for you alone): "is:unassigned" was left out of the search.',
    ]);
  });
  it("reads Sentry's substatuses (is:new, is:ongoing, is:regressed) and project: by name or list", () => {
    expect(parse('is:unresolved is:Regressed !is:new boom')).toMatchObject({
      text: 'boom', statuses: ['unresolved'], substatuses: [{ value: 'regressed', negate: false }, { value: 'new', negate: true }],
    });
    expect(parse('project:checkout-api !project:[web,"my app"]').projects).toEqual([
      { values: ['checkout-api'], negate: false }, { values: ['web', 'my app'], negate: true },
    ]);
    expect(parse('is:escalating').unsupported).toEqual(['is:escalating']);
  });
});
