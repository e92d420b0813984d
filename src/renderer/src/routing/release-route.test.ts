import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from './route';

describe('the Releases routes', () => {
  it('keeps the list\'s project, environment and search in the URL', () => {
    const route = { name: 'releases', project: 2, environment: 'staging', query: '1.2' } as const;
    expect(formatRoute(route)).toBe('#/releases?project=2&environment=staging&query=1.2');
    expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(parseRoute('#/releases')).toEqual({ name: 'releases' });
    expect(parseRoute('#/releases?project=x')).toEqual({ name: 'releases' });
  });

  it('opens a release by project and the version as sent, whatever characters it holds', () => {
    for (const version of ['checkout@1.2.3+456', 'web@2.0.0', 'a/b c?d#e%f']) {
      const route = { name: 'release', project: 3, version } as const;
      expect(parseRoute(formatRoute(route))).toEqual(route);
    }
    expect(formatRoute({ name: 'release', project: 3, version: 'checkout@1.2.3+456', environment: 'prod' }))
      .toBe('#/releases/3/checkout%401.2.3%2B456?environment=prod');
    // A version written unencoded with a slash still opens it.
    expect(parseRoute('#/releases/3/feature/x@1')).toEqual({ name: 'release', project: 3, version: 'feature/x@1' });
    expect(parseRoute('#/releases/0/x')).toEqual({ name: 'releases' });
  });
});
