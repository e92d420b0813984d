import { describe, expect, it } from 'vitest';
import { corpusEvent } from '../grouping/test-support/corpus';
import { relativeTime } from './format';
import { environmentRows } from './report-context';

describe('environmentRows', () => {
  it("lists what a sentry-php server event has: no Browser or Device row, the OS build once", () => {
    const rows = environmentRows(corpusEvent('envelope_php_error.txt') as Record<string, unknown>);
    expect(rows.map(([label]) => label)).toEqual(['OS', 'Runtime', 'SDK', 'Release', 'Environment', 'Server']);
    expect(rows.find(([label]) => label === 'Environment')).toEqual(['Environment', 'production']);
    const os = rows[0]![1]!;
    expect(os).toMatch(/^Darwin 23\.1\.0 Darwin Kernel Version 23\.1\.0: .+RELEASE_ARM64_T8112$/);
    expect(os.split('Darwin Kernel Version')).toHaveLength(2);
    expect(rows.find(([label]) => label === 'Release')).toEqual(['Release', null]);
  });

  it('keeps a kernel version that says something the build does not', () => {
    const rows = environmentRows({ contexts: { os: { name: 'Ubuntu', version: '22.04', kernel_version: '5.15.0-91-generic' } } });
    expect(rows[0]).toEqual(['OS', 'Ubuntu 22.04 (kernel 5.15.0-91-generic)']);
  });
});

describe('relativeTime', () => {
  it('gives a crumb logged with the error no sign', () => {
    expect([relativeTime(-3), relativeTime(0), relativeTime(-2350), relativeTime(65_200)]).toEqual(['0.00s', '0.00s', '-2.35s', '+1m 05.2s']);
  });
});
