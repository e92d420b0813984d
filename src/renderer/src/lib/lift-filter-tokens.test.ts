import { describe, expect, it } from 'vitest';
import { filtersBeyondText, liftFilterTokens } from './lift-filter-tokens';

describe('liftFilterTokens', () => {
  it('moves is: and level: into the tabs and keeps the rest of the search', () => {
    expect(liftFilterTokens('is:Resolved card level:warning declined')).toEqual({ query: 'card declined', status: 'resolved', level: 'warning' });
  });

  it('leaves negations, unknown values and words that only contain the keys', () => {
    expect(liftFilterTokens('!is:resolved is:sleeping level:loud this:is:resolved')).toEqual({ query: '!is:resolved is:sleeping level:loud this:is:resolved' });
    expect(liftFilterTokens('')).toEqual({ query: '' });
  });

  it('leaves two different levels and a level list to the server, which the level menu could not show', () => {
    expect(liftFilterTokens('level:error level:warning')).toEqual({ query: 'level:error level:warning' });
    expect(liftFilterTokens('level:[error,fatal] boom')).toEqual({ query: 'level:[error,fatal] boom' });
    expect(liftFilterTokens('level:error boom level:ERROR')).toEqual({ query: 'boom', level: 'error' });
  });

  it('leaves two different statuses to the server, where both hold: one tab would show only the last', () => {
    expect(liftFilterTokens('is:resolved is:unresolved')).toEqual({ query: 'is:resolved is:unresolved' });
    expect(liftFilterTokens('is:resolved boom is:RESOLVED')).toEqual({ query: 'boom', status: 'resolved' });
    expect(liftFilterTokens('is:resolved is:sleeping')).toEqual({ query: 'is:sleeping', status: 'resolved' });
  });
});

describe('filtersBeyondText', () => {
  it('lists the level, environment and release filtering besides the text, as the tokens that say them', () => {
    expect(filtersBeyondText({ status: 'unresolved', sort: 'last_seen', query: 'TypeError', level: 'warning', environment: 'staging', release: 'shop 1.2' }))
      .toEqual([{ field: 'level', token: 'level:warning' }, { field: 'environment', token: 'environment:staging' }, { field: 'release', token: 'release:"shop 1.2"' }]);
    expect(filtersBeyondText({ status: 'resolved', sort: 'count', query: 'boom' })).toEqual([]);
  });
});
