import { describe, expect, it } from 'vitest';
import { displayVersion } from './api-releases';

describe('release versions as Sentry shows them', () => {
  it('leaves out the package, puts the build in brackets, cuts a commit hash to 12', () => {
    expect(displayVersion('checkout@1.2.3+456')).toBe('1.2.3 (456)');
    expect(displayVersion('io.sentry.samples.android@7.2.0+2')).toBe('7.2.0 (2)');
    expect(displayVersion('web@2.0.0')).toBe('2.0.0');
    expect(displayVersion('1.0.0-beta.1')).toBe('1.0.0-beta.1');
    expect(displayVersion('da39a3ee5e6b4b0d3255bfef95601890afd80709')).toBe('da39a3ee5e6b');
    expect(displayVersion('app@da39a3ee5e6b4b0d3255bfef95601890afd80709')).toBe('da39a3ee5e6b');
    // Nothing to leave out: an `@` first or last, or no version after it.
    expect(displayVersion('@scope')).toBe('@scope');
    expect(displayVersion('pkg@')).toBe('pkg@');
  });
});
