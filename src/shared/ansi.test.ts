import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SPOTLIGHT_CORPUS } from '../core/grouping/test-support/corpus';
import { hasAnsi, parseAnsi, stripAnsi } from './ansi';

const ESC = '\x1b';

/** Log bodies and console breadcrumbs, as the corpus' Node and Next.js SDK envelopes sent them. */
function corpusStrings(file: string, pick: (payload: Record<string, unknown>) => unknown[]): string[] {
  const lines = readFileSync(`${SPOTLIGHT_CORPUS}/${file}`, 'utf8').split('\n');
  return lines.flatMap((line) => {
    try {
      const payload = JSON.parse(line) as Record<string, unknown>;
      return pick(payload).filter((v): v is string => typeof v === 'string' && hasAnsi(v));
    } catch {
      return [];
    }
  });
}

describe('ANSI escapes', () => {
  it('turns a coloured log body of @sentry/node into styled runs with no escape left', () => {
    const [body] = corpusStrings('envelope_with_ansi_logs.txt', (p) => ((p.items as { body?: unknown }[] | undefined) ?? []).map((i) => i.body));
    expect(body).toBeDefined();
    const segments = parseAnsi(body!);
    expect(segments.map((s) => s.text).join('')).toBe(stripAnsi(body!));
    expect(segments.some((s) => hasAnsi(s.text))).toBe(false);
    expect(stripAnsi(body!).split('\n')[0]).toBe('✓ Successfully connected to database users');
    expect(segments.slice(0, 4)).toEqual([
      { text: '✓', style: { fg: 2 } },
      { text: ' ', style: {} },
      { text: 'Successfully connected', style: { bold: true } },
      { text: ' to database ', style: {} },
    ]);
    expect(segments.find((s) => s.text === 'SELECT * FROM users')?.style).toEqual({ italic: true });
  });

  it("reads Next.js's bold-and-colour breadcrumbs, closed by 22 and 39", () => {
    const messages = corpusStrings('envelope_with_nextjs_ansi_escapes.txt',
      (p) => ((p.breadcrumbs as { message?: unknown }[] | undefined) ?? []).map((b) => b.message));
    expect(messages.length).toBeGreaterThan(0);
    const ready = messages.find((m) => stripAnsi(m).includes('Ready in'));
    expect(parseAnsi(ready!)).toEqual([
      { text: ' ', style: {} },
      { text: '✓', style: { fg: 2, bold: true } },
      { text: ' Ready in 5.9s', style: {} },
    ]);
    for (const message of messages) expect(hasAnsi(stripAnsi(message))).toBe(false);
  });

  it('reads bright, 256-colour and true-colour codes, and resets by 0 or an empty SGR', () => {
    expect(parseAnsi(`${ESC}[91;44mA${ESC}[38;5;196mB${ESC}[48;2;1;2;3mC${ESC}[38;5;244mD${ESC}[mE${ESC}[7;4mF${ESC}[0mG`)).toEqual([
      { text: 'A', style: { fg: 9, bg: 4 } },
      { text: 'B', style: { fg: 'rgb(255, 0, 0)', bg: 4 } },
      { text: 'C', style: { fg: 'rgb(255, 0, 0)', bg: 'rgb(1, 2, 3)' } },
      { text: 'D', style: { fg: 'rgb(128, 128, 128)', bg: 'rgb(1, 2, 3)' } },
      { text: 'E', style: {} },
      { text: 'F', style: { inverse: true, underline: true } },
      { text: 'G', style: {} },
    ]);
    expect(parseAnsi(`${ESC}[38;5;3mx`)).toEqual([{ text: 'x', style: { fg: 3 } }]);
  });

  it('drops other sequences: cursor moves, hyperlinks, charset switches, a cut-off escape', () => {
    const text = `${ESC}[2K${ESC}[1Gdone ${ESC}]8;;https://example.com${ESC}\\link${ESC}]8;;${ESC}\\ ${ESC}(B${ESC}[m${ESC}[?25lok${ESC}[3`;
    expect(stripAnsi(text)).toBe('done link ok');
    expect(parseAnsi(text).map((s) => s.text).join('')).toBe('done link ok');
    expect(stripAnsi(`bell${ESC}]0;title\x07 rest${ESC}`)).toBe('bell rest');
  });

  it('leaves plain text, and bad colour codes, alone', () => {
    expect(hasAnsi('plain [32m text')).toBe(false);
    expect(stripAnsi('plain [32m text')).toBe('plain [32m text');
    expect(parseAnsi('plain')).toEqual([{ text: 'plain', style: {} }]);
    expect(parseAnsi('')).toEqual([]);
    expect(stripAnsi('mis-decoded \u00e2\u0080\u009bquote')).toBe('mis-decoded \u00e2\u0080\u009bquote');
    expect(parseAnsi(`${ESC}[38;2;300;0;0;1mX`)).toEqual([{ text: 'X', style: { bold: true } }]);
    expect(parseAnsi(`${ESC}[38;9mY`)).toEqual([{ text: 'Y', style: {} }]);
  });
});
