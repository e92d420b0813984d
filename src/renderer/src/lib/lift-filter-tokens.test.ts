import { describe, expect, it } from 'vitest';
import { liftFilterTokens } from './lift-filter-tokens';

describe('liftFilterTokens', () => {
  it('moves is: and level: into the tabs and keeps the rest of the search', () => {
    expect(liftFilterTokens('is:Resolved card level:warning declined')).toEqual({ query: 'card declined', status: 'resolved', level: 'warning' });
  });

  it('leaves negations, unknown values and words that only contain the keys', () => {
    expect(liftFilterTokens('!is:resolved is:sleeping level:loud this:is:resolved')).toEqual({ query: '!is:resolved is:sleeping level:loud this:is:resolved' });
    expect(liftFilterTokens('')).toEqual({ query: '' });
  });
});
