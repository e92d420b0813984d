import { describe, expect, it } from 'vitest';
import { cleanProjectName, platformOf, PROJECT_NAME_MAX, releasePackageName } from './project-naming';

describe('releasePackageName', () => {
  it('reads the package of the releases real SDKs sent (the corpus) and of scoped npm packages', () => {
    expect(releasePackageName('backend@23.12.0.dev0+597b9a85daffce00d78a9df04506f60e7d36fb05')).toBe('backend');
    expect(releasePackageName('io.sentry.samples.android@7.2.0+2')).toBe('io.sentry.samples.android');
    expect(releasePackageName('io.sentry.sample.iOS-Swift@8.36.0+1')).toBe('io.sentry.sample.iOS-Swift');
    expect(releasePackageName('sentry_flutter_example@8.12.0-beta.1')).toBe('sentry_flutter_example');
    expect(releasePackageName('@acme/storefront@0.3.0')).toBe('@acme/storefront');
  });

  it('finds no package in a bare version, a commit hash or a malformed release', () => {
    for (const release of ['1.0.0', '4.6', '597b9a85daffce00d78a9df04506f60e7d36fb05', '', '@1.0.0', 'shop@', '1.2@3', 'deadbeef42@1.0', null]) {
      expect(releasePackageName(release), String(release)).toBeNull();
    }
  });
});

describe('platformOf', () => {
  it("takes the event's platform when it is one of Sentry's, else the SDK's family", () => {
    expect(platformOf('node', 'sentry.javascript.node/10.0.0')).toBe('node');
    expect(platformOf('javascript', 'sentry.javascript.browser/10.0.0')).toBe('javascript');
    expect(platformOf('other', 'sentry.python/1.9.10')).toBe('python');
    expect(platformOf(null, 'sentry.go/0.29.0')).toBe('go');
    expect(platformOf(null, 'sentry.dotnet/4.0.0')).toBe('csharp');
    expect(platformOf('other', null)).toBeNull();
    expect(platformOf('<img src=x>', 'not-a-sentry-sdk')).toBeNull();
  });
});

describe('cleanProjectName', () => {
  it('keeps one trimmed line of at most the longest length', () => {
    expect(cleanProjectName('  shop\napi\t ')).toBe('shop api');
    expect(cleanProjectName(' \u0000 ')).toBeNull();
    expect([...cleanProjectName('é'.repeat(100))!]).toHaveLength(PROJECT_NAME_MAX);
  });
});

describe('platformOf, from an SDK alone (logs and spans have no platform)', () => {
  it("gives the JavaScript SDKs that run on Node the platform their events say, node; the browser's javascript", () => {
    expect(platformOf(null, 'sentry.javascript.node/11.12.0')).toBe('node');
    expect(platformOf(null, 'sentry.javascript.nestjs/11.12.0')).toBe('node');
    expect(platformOf(null, 'sentry.javascript.browser/11.12.0')).toBe('javascript');
    expect(platformOf(null, 'sentry.python/2.20.0')).toBe('python');
  });
});
