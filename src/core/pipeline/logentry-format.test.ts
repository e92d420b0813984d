import { describe, expect, it } from 'vitest';
import { eventTitle } from '../grouping';
import { formatLogMessage } from './logentry-format';
import { normalizeEvent } from './normalize-event';

describe('formatLogMessage (Relay fills logentry.formatted the same way)', () => {
  it('fills Python-style templates by position and by name', () => {
    expect(formatLogMessage('hello, %s!', ['world'])).toBe('hello, world!');
    expect(formatLogMessage('hello, %(name)s!', { name: 'world' })).toBe('hello, world!');
    expect(formatLogMessage('User %s failed %d times (%.1f%%)', ['alice', 3, 42.26])).toBe('User alice failed 3 times (42.3%)');
    // Exact ties round to even, as in Python: '%.1f' % 42.25 == '42.2'.
    const ties = [42.25, 0.5, 1.5, 1.005, -42.25, 2.5, -0.5, 0.125];
    expect(formatLogMessage('%.1f|%.0f|%.0f|%.2f|%.1f|%f|%.0f|%.2f', ties)).toBe('42.2|0|2|1.00|-42.2|2.500000|-0|0.12');
    expect(formatLogMessage('[%5s|%-5s|%03d|%x]', ['ab', 'cd', 7, 255])).toBe('[   ab|cd   |007|ff]');
  });

  it('fills {}-style templates (Java, .NET) by position, index and name', () => {
    expect(formatLogMessage('hello, {}!', ['world'])).toBe('hello, world!');
    expect(formatLogMessage('hello, {0}! {0} again, {{literal}}', ['world'])).toBe('hello, world! world again, {literal}');
    expect(formatLogMessage('order {id} of {user}', { id: 7, user: 'ada' })).toBe('order 7 of ada');
  });

  it('gives up on templates the params do not fit, and on plain text', () => {
    expect(formatLogMessage('%s and %s', ['one'])).toBeNull();
    expect(formatLogMessage('%d items', ['many'])).toBeNull();
    expect(formatLogMessage('{name}', ['positional'])).toBeNull();
    expect(formatLogMessage('{:>8}', ['spec'])).toBeNull();
    expect(formatLogMessage('no placeholders', ['x'])).toBeNull();
    expect(formatLogMessage('%s', 'not a list')).toBeNull();
  });

  it('titles an event by the filled message and leaves a sent `formatted` alone', () => {
    const at = Date.now();
    const filled = normalizeEvent({ logentry: { message: 'User %s failed %d times', params: ['alice', 3] } }, null, at);
    expect(filled.logentry).toEqual({ message: 'User %s failed %d times', params: ['alice', 3], formatted: 'User alice failed 3 times' });
    expect(eventTitle(filled).title).toBe('User alice failed 3 times');
    const sent = normalizeEvent({ logentry: { message: 'User %s', params: ['bob'], formatted: 'User Bob (sent)' } }, null, at);
    expect(sent.logentry?.formatted).toBe('User Bob (sent)');
  });
});
