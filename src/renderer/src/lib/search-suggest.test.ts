import { describe, expect, it } from 'vitest';
import { applySuggestion, keySuggestions, quoteValue, tokenAtCaret, valuesFromStore, valueSuggestions } from './search-suggest';

describe('tokenAtCaret', () => {
  it('finds the word at the caret, its key once a colon is typed, and a quoted value as one word', () => {
    expect(tokenAtCaret('boom lev', 8)).toEqual({ start: 5, end: 8, bang: '', key: null, value: 'lev' });
    expect(tokenAtCaret('!has:us next', 7)).toEqual({ start: 0, end: 7, bang: '!', key: 'has', value: 'us' });
    expect(tokenAtCaret('browser:"Chrome 1', 17)).toEqual({ start: 0, end: 17, bang: '', key: 'browser', value: 'Chrome 1' });
    expect(tokenAtCaret('a  b', 2)).toEqual({ start: 2, end: 2, bang: '', key: null, value: '' });
  });
});

describe('keySuggestions', () => {
  it("suggests Sentry's keys first, then the store's tag keys, those starting with the word before those containing it", () => {
    const labels = keySuggestions(tokenAtCaret('se', 2), ['server_name', 'browser', 'session']).map((s) => s.label);
    expect(labels.slice(0, 2)).toEqual(['server_name:', 'session:']);
    expect(labels).toContain('timesSeen:');
    expect(labels).toContain('firstSeen:');
    expect(keySuggestions(tokenAtCaret('!le', 3), [])[0]).toEqual({ label: '!level:', hint: 'fatal, error, warning, info, debug', replacement: '!level:' });
  });

  it('does not suggest a tag key twice when it is one of Sentry\'s', () => {
    expect(keySuggestions(tokenAtCaret('lev', 3), ['level']).map((s) => s.label)).toEqual(['level:']);
  });
});

describe('valueSuggestions', () => {
  it('suggests the fixed values of is:, level:, has: and the counters, with what each means', () => {
    expect(valueSuggestions(tokenAtCaret('is:re', 5), [], []).map((s) => s.label)).toEqual(['resolved', 'regressed', 'unresolved', 'ignored']);
    expect(valueSuggestions(tokenAtCaret('level:w', 7), [], [])).toEqual([{ label: 'warning', replacement: 'level:warning ' }]);
    expect(valueSuggestions(tokenAtCaret('has:b', 5), ['browser', 'handled'], []).map((s) => s.label)).toEqual(['browser']);
    expect(valueSuggestions(tokenAtCaret('firstSeen:-2', 12), [], [])[0]).toEqual({ label: '-24h', hint: 'in the last 24 hours', replacement: 'firstSeen:-24h ' });
    expect(valueSuggestions(tokenAtCaret('timesSeen:', 10), [], []).map((s) => s.label)).toContain('>10');
  });

  it("suggests a tag's stored values, quoted when they hold a space, and nothing for a value typed in full", () => {
    expect(valueSuggestions(tokenAtCaret('browser:Ch', 10), [], ['Chrome 119', 'Chromium']).map((s) => s.replacement))
      .toEqual(['browser:"Chrome 119" ', 'browser:Chromium ']);
    expect(valueSuggestions(tokenAtCaret('level:error', 11), [], [])).toEqual([]);
  });

  it('knows which keys take their values from the store', () => {
    expect(['browser', 'environment', 'user.email'].map(valuesFromStore)).toEqual([true, true, true]);
    expect(['is', 'level', 'has', 'timesSeen', 'error.type'].map(valuesFromStore)).toEqual([false, false, false, false, false]);
    expect(quoteValue('a "b" c')).toBe('"a b c"');
  });
});

describe('applySuggestion', () => {
  it('replaces the word at the caret and puts the caret after it', () => {
    const text = 'boom lev other';
    const token = tokenAtCaret(text, 8);
    expect(applySuggestion(text, token, { label: 'level:', replacement: 'level:' })).toEqual({ text: 'boom level: other', caret: 11 });
    const value = tokenAtCaret('level:wa other', 8);
    expect(applySuggestion('level:wa other', value, { label: 'warning', replacement: 'level:warning ' })).toEqual({ text: 'level:warning other', caret: 14 });
  });
});
