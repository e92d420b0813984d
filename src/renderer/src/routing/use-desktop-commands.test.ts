import { describe, expect, it } from 'vitest';
import { APP_PAGES } from '../../../shared/ipc-contract';
import { formatRoute, parseRoute, DEFAULT_FILTERS } from './route';
import { routeOfTarget } from './use-desktop-commands';

describe('routeOfTarget', () => {
  it('gives every page of the Go menu a route that survives the URL', () => {
    const hashes = APP_PAGES.map((page) => formatRoute(routeOfTarget({ kind: page }, DEFAULT_FILTERS)));
    expect(hashes).toEqual(['#/issues', '#/traces', '#/logs', '#/replays', '#/crons', '#/releases', '#/stats', '#/settings', '#/setup']);
    for (const [index, hash] of hashes.entries()) {
      expect(parseRoute(hash).name, hash).toBe(APP_PAGES[index]);
    }
  });

  it('opens an issue, and the issue list with the filters last used', () => {
    expect(formatRoute(routeOfTarget({ kind: 'issue', issueId: 42 }, DEFAULT_FILTERS))).toBe('#/issues/42');
    expect(formatRoute(routeOfTarget({ kind: 'issues' }, { ...DEFAULT_FILTERS, status: 'resolved', query: 'checkout' })))
      .toBe(formatRoute({ name: 'issues', filters: { ...DEFAULT_FILTERS, status: 'resolved', query: 'checkout' } }));
  });
});
