import { describe, expect, it } from 'vitest';
import { hasFormatChars, oneLineText, revealFormatChars, wellFormed } from './format-chars';

describe('revealFormatChars', () => {
  it('marks every bidi override, embedding and isolate control', () => {
    const controls = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c];
    for (const code of controls) {
      const marked = revealFormatChars(`a${String.fromCodePoint(code)}b`);
      expect(marked).toBe(`a<U+${code.toString(16).toUpperCase().padStart(4, '0')}>b`);
    }
  });

  it('marks zero-width and BOM characters but keeps joiners that emoji and scripts need', () => {
    expect(revealFormatChars('\u202eRTL\u200b\u200dzero\u{1F600}emoji\ufeff')).toBe('<U+202E>RTL<U+200B>\u200dzero\u{1F600}emoji<U+FEFF>');
    expect(revealFormatChars('\u{1F468}\u200d\u{1F469}')).toBe('\u{1F468}\u200d\u{1F469}');
    expect(hasFormatChars('plain text, עברית, العربية')).toBe(false);
  });

  it('returns plain text as it is', () => {
    const text = 'TypeError: Cannot read properties of undefined';
    expect(revealFormatChars(text)).toBe(text);
  });
});

describe('wellFormed', () => {
  it('replaces each lone surrogate by one U+FFFD and keeps pairs', () => {
    expect(wellFormed('nul \udcff bad')).toBe('nul \ufffd bad');
    expect(wellFormed('\ud800x\udc00')).toBe('\ufffdx\ufffd');
    expect(wellFormed('\u{1F600}')).toBe('\u{1F600}');
    expect(wellFormed('a\ud83d')).toBe('a\ufffd');
  });
});

describe('oneLineText', () => {
  it('flattens control characters and marks bidi controls', () => {
    expect(oneLineText('a\n\u001b[31mb\u0085\u202ec')).toBe('a [31mb <U+202E>c');
  });
});
