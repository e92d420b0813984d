import { describe, expect, it } from 'vitest';
import { tokenAtCaret } from '../../lib/search-suggest';
import { logKeySuggestions, logValueSuggestions, withAttributeFilter } from './log-search-suggest';

describe('Logs search box suggestions', () => {
  it("suggests Sentry's log keys, then the attributes logs have, for the word at the caret", () => {
    const token = tokenAtCaret('slow cu', 7);
    expect(logKeySuggestions(token, ['customer', 'sentry.environment']).map((s) => s.label)).toEqual(['customer:']);
    expect(logKeySuggestions(tokenAtCaret('!se', 3), ['sentry.environment']).map((s) => s.label)).toEqual(['!severity:', '!sentry.environment:']);
  });

  it('suggests levels for severity:, attribute keys for has:, and stored values quoted when needed', () => {
    expect(logValueSuggestions(tokenAtCaret('severity:w', 10), [], []).map((s) => s.replacement)).toEqual(['severity:warn ']);
    expect(logValueSuggestions(tokenAtCaret('has:re', 6), ['region', 'release'], []).map((s) => s.label)).toEqual(['region', 'release']);
    expect(logValueSuggestions(tokenAtCaret('region:eu', 9), [], ['eu west']).map((s) => s.replacement)).toEqual(['region:"eu west" ']);
    expect(logValueSuggestions(tokenAtCaret('message:x', 9), [], ['x1'])).toEqual([]);
  });

  it("adds a clicked attribute as a filter, replacing the same key's filter and keeping the rest", () => {
    expect(withAttributeFilter('', 'customer', 'c3')).toBe('customer:c3');
    expect(withAttributeFilter('slow customer:c1 !customer:c2', 'customer', 'c3')).toBe('slow !customer:c2 customer:c3');
    expect(withAttributeFilter('region:"eu west"', 'region', 'us east')).toBe('region:"us east"');
  });
});
