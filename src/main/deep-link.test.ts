import { describe, expect, it } from 'vitest';
import { findDeepLink, parseDeepLink } from './deep-link';

describe('parseDeepLink', () => {
  it('opens an issue by id, and the Go menu’s pages by name', () => {
    expect(parseDeepLink('lookout://issues/123')).toEqual({ kind: 'issue', issueId: 123 });
    expect(parseDeepLink('lookout://issues/123/')).toEqual({ kind: 'issue', issueId: 123 });
    expect(parseDeepLink('lookout:///issues/7')).toEqual({ kind: 'issue', issueId: 7 });
    expect(parseDeepLink('LOOKOUT://Issues/9')).toEqual({ kind: 'issue', issueId: 9 });
    for (const page of ['issues', 'traces', 'logs', 'replays', 'crons', 'releases', 'stats', 'settings', 'setup'] as const) {
      expect(parseDeepLink(`lookout://${page}`), page).toEqual({ kind: page });
    }
  });

  it('refuses other schemes, unknown pages, bad ids and extra parts', () => {
    for (const link of [
      'https://issues/123', 'lookout-evil://issues/1', 'lookout://admin', 'lookout://issues/0', 'lookout://issues/-1',
      'lookout://issues/1e3', 'lookout://issues/12abc', 'lookout://issues/9999999999999999', 'lookout://traces/abc',
      'lookout://issues/1/events', 'lookout://user:pw@issues/1', 'lookout://issues:80/1', 'lookout://', 'lookout:',
      `lookout://issues/${'1'.repeat(3000)}`, 42, null,
    ]) {
      expect(parseDeepLink(link), String(link)).toBeNull();
    }
  });
});

describe('findDeepLink', () => {
  it('finds the link the OS appended to the command line', () => {
    expect(findDeepLink(['/opt/Lookout/lookout', '--no-sandbox', 'lookout://issues/5'])).toBe('lookout://issues/5');
    expect(findDeepLink(['electron', 'out/main/index.js'])).toBeNull();
  });
});
