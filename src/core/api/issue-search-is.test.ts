import { describe, expect, it } from 'vitest';
import { parseIssueSearch } from './issue-search';

const parse = (q: string) => parseIssueSearch(q, (key) => key === 'environment');

describe('is: values Sentry does not have', () => {
  it('says is:unhandled is no status and what to type, and leaves it out rather than finding nothing', () => {
    const search = parse('is:unhandled checkout');
    expect(search.text).toBe('checkout');
    expect(search.unsupported).toBeUndefined();
    expect(search.problems).toEqual(['"is:unhandled" is not a status: use error.unhandled:true. It was left out of the search.']);
  });

  it('lists the statuses for a value with no likely meaning, negated or not', () => {
    const search = parse('!is:sleepy environment:prod');
    expect(search.text).toBe('');
    expect(search.tags).toEqual([{ key: 'environment', value: 'prod', negate: false }]);
    expect(search.problems).toEqual([
      '"!is:sleepy" is not a status (is: takes unresolved, resolved, ignored (or archived), new, ongoing, regressed). It was left out of the search.',
    ]);
  });

  it("reads Sentry's aliases archived and muted as ignored", () => {
    expect(parse('is:archived').statuses).toEqual(['ignored']);
    expect(parse('!is:Muted').notStatuses).toEqual(['ignored']);
  });

  it("keeps Sentry's own is: values Lookout cannot answer as the text search it says it did", () => {
    expect(parse('is:escalating')).toMatchObject({ text: 'is:escalating', unsupported: ['is:escalating'] });
    expect(parse('is:unassigned').problems?.[0]).toMatch(/no assignees/);
  });
});
