import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from './route';

describe("the issue page's chart period in its URL", () => {
  it('reopens a linked period, on the issue and on one of its events', () => {
    expect(parseRoute('#/issues/12?period=7d')).toEqual({ name: 'issue', issueId: 12, period: '7d' });
    expect(formatRoute({ name: 'issue', issueId: 12, period: 'all' })).toBe('#/issues/12?period=all');
    const onEvent = { name: 'issue', issueId: 12, eventId: 'abc', period: '30d' } as const;
    expect(formatRoute(onEvent)).toBe('#/issues/12/events/abc?period=30d');
    expect(parseRoute(formatRoute(onEvent))).toEqual(onEvent);
  });

  it('leaves out a period it does not know, and adds none unasked', () => {
    expect(parseRoute('#/issues/12?period=3y')).toEqual({ name: 'issue', issueId: 12 });
    expect(formatRoute({ name: 'issue', issueId: 12 })).toBe('#/issues/12');
  });
});
