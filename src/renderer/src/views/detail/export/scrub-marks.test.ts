import { describe, expect, it } from 'vitest';
import { countByRule, plainText, splitScrubMarks } from './scrub-marks';

const mark = (rule: string): string => `\uE000${rule}\uE001[Filtered]\uE002`;

describe('splitScrubMarks', () => {
  it('splits text and marked spots in order, keeping the rule of each', () => {
    const md = `| password | ${mark('keys')} |\nAuthorization: ${mark('headers')}\ncard ${mark('creditCards')}${mark('emails')}`;
    const parts = splitScrubMarks(md);
    expect(parts).toEqual([
      { kind: 'text', text: '| password | ' }, { kind: 'mark', rule: 'keys' },
      { kind: 'text', text: ' |\nAuthorization: ' }, { kind: 'mark', rule: 'headers' },
      { kind: 'text', text: '\ncard ' }, { kind: 'mark', rule: 'creditCards' }, { kind: 'mark', rule: 'emails' },
    ]);
    expect(countByRule(parts)).toEqual({ keys: 1, headers: 1, creditCards: 1, ips: 0, emails: 1 });
    expect(plainText(parts)).toBe(md.replaceAll(/\uE000\w+\uE001\[Filtered\]\uE002/g, '[Filtered]'));
  });

  it('leaves unknown rules and broken markers as text, so nothing is lost', () => {
    const odd = `a \uE000nope\uE001[Filtered]\uE002 b \uE000keys\uE001[Filtered] c [Filtered]`;
    expect(splitScrubMarks(odd)).toEqual([{ kind: 'text', text: odd }]);
    expect(splitScrubMarks('')).toEqual([]);
  });

  it('is linear on long input with many markers', () => {
    const md = `x${mark('ips')}`.repeat(50_000);
    const parts = splitScrubMarks(md);
    expect(parts).toHaveLength(100_000);
    expect(countByRule(parts).ips).toBe(50_000);
  });
});
