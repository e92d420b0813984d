import { describe, expect, it } from 'vitest';
import { isLaterRelease } from './release-order';

const never = () => false;
const always = () => true;

describe('isLaterRelease', () => {
  it('orders versions of one package by semver precedence', () => {
    expect(isLaterRelease('shop@1.0.1', 'shop@1.0.0', always)).toBe(true);
    expect(isLaterRelease('shop@0.9.0', 'shop@1.0.0', never)).toBe(false);
    expect(isLaterRelease('shop@1.10.0', 'shop@1.9.9', always)).toBe(true);
    expect(isLaterRelease('1.0.0', '1.0.0-rc.2', always)).toBe(true);
    expect(isLaterRelease('1.0.0-rc.10', '1.0.0-rc.2', always)).toBe(true);
    expect(isLaterRelease('1.0.0-alpha', '1.0.0-alpha.1', never)).toBe(false);
    expect(isLaterRelease('v2.0.0+build.5', '1.9.0', always)).toBe(true);
    expect(isLaterRelease('shop@1.0.0', 'shop@1.0.0', never)).toBe(false);
  });

  it('takes a release first seen now as later when the two are no versions of one package (commit hashes, other packages)', () => {
    expect(isLaterRelease('a1b2c3d', '9f8e7d6', never)).toBe(true);
    expect(isLaterRelease('a1b2c3d', '9f8e7d6', always)).toBe(false);
    expect(isLaterRelease('web@2.0.0', 'api@1.0.0', never)).toBe(true);
  });

  it('takes any release as the next one of an issue resolved before it had one', () => {
    expect(isLaterRelease('shop@0.1.0', null, always)).toBe(true);
  });
});
