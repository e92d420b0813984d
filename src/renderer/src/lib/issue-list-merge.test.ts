import { describe, expect, it } from 'vitest';
import type { IssueSummary } from '../../../shared/api-types';
import { DEFAULT_FILTERS } from '../routing/route';
import { matchesFilters, mergeIssueMessage } from './issue-list-merge';

function issue(id: number, patch: Partial<IssueSummary> = {}): IssueSummary {
  return {
    id, projectId: 1, title: `TypeError: boom ${id}`, culprit: 'app.js in handler', level: 'error', type: 'error',
    status: 'unresolved', regressed: false, regressedInRelease: null, firstSeen: 1, lastSeen: 2, count: 1, users: 0,
    firstRelease: 'app@1', lastRelease: 'app@2', environments: ['production'], sparkline: [], latestEventId: null,
    ...patch,
  };
}

describe('live issue list merge', () => {
  const rows = [issue(3), issue(2), issue(1)];

  it('replaces a known row in place without moving it', () => {
    const out = mergeIssueMessage(rows, { type: 'issue', change: 'updated', issue: issue(2, { count: 9 }) }, DEFAULT_FILTERS);
    expect(out.rows.map((r) => r.id)).toEqual([3, 2, 1]);
    expect(out.rows[1]?.count).toBe(9);
    expect(out.addedOnTop).toBe(0);
  });

  it('takes a row out of a list of another status once it is resolved or ignored, and keeps it under "all"', () => {
    const resolved = { type: 'issue' as const, change: 'updated' as const, issue: issue(2, { status: 'resolved' }) };
    const out = mergeIssueMessage(rows, resolved, DEFAULT_FILTERS);
    expect(out.rows.map((r) => r.id)).toEqual([3, 1]);
    expect(out.newToList).toBe(-1);
    // "Resolved in next release" is listed under Resolved by the server: a new event of it keeps the row there.
    const later = { type: 'issue' as const, change: 'updated' as const, issue: issue(2, { status: 'resolved_next_release', count: 5 }) };
    const resolvedRows = rows.map((r) => ({ ...r, status: 'resolved_next_release' as const }));
    expect(mergeIssueMessage(resolvedRows, later, { ...DEFAULT_FILTERS, status: 'resolved' }).rows.map((r) => r.id)).toEqual([3, 2, 1]);
    const all = mergeIssueMessage(rows, resolved, { ...DEFAULT_FILTERS, status: 'all' });
    expect(all.rows.map((r) => [r.id, r.status])).toEqual([[3, 'unresolved'], [2, 'resolved'], [1, 'unresolved']]);
  });

  it('puts a new matching issue on top when sorted by time, and counts it in the total', () => {
    const out = mergeIssueMessage(rows, { type: 'issue', change: 'created', issue: issue(4) }, DEFAULT_FILTERS);
    expect(out.rows.map((r) => r.id)).toEqual([4, 3, 2, 1]);
    expect([out.addedOnTop, out.newToList]).toEqual([1, 1]);
  });

  it('moves a loaded issue seen again to the top when sorted by last seen, and only then', () => {
    const seenAgain = { type: 'issue' as const, change: 'updated' as const, issue: issue(1, { lastSeen: 9, count: 2 }) };
    const out = mergeIssueMessage(rows, seenAgain, DEFAULT_FILTERS);
    expect(out.rows.map((r) => [r.id, r.count])).toEqual([[1, 2], [3, 1], [2, 1]]);
    expect(out.addedOnTop).toBe(0);
    expect(mergeIssueMessage(rows, seenAgain, { ...DEFAULT_FILTERS, sort: 'first_seen' }).rows.map((r) => r.id)).toEqual([3, 2, 1]);
  });

  it('does not count an issue beyond the loaded rows in the total again when it is seen again', () => {
    const out = mergeIssueMessage(rows, { type: 'issue', change: 'updated', issue: issue(0, { lastSeen: 9 }) }, DEFAULT_FILTERS);
    expect(out.rows.map((r) => r.id)).toEqual([0, 3, 2, 1]);
    expect([out.addedOnTop, out.newToList]).toEqual([1, 0]);
    const back = mergeIssueMessage(rows, { type: 'issue', change: 'regressed', issue: issue(0, { lastSeen: 9 }) }, DEFAULT_FILTERS);
    expect(back.newToList).toBe(1);
  });

  it('counts a new issue as pending when sorted by events', () => {
    const out = mergeIssueMessage(rows, { type: 'issue', change: 'created', issue: issue(4) }, { ...DEFAULT_FILTERS, sort: 'count' });
    expect(out.rows).toBe(rows);
    expect(out.pendingNew).toBe(1);
  });

  it('offers a new issue as a refresh when the search holds key:value filters only the server can check', () => {
    const filters = { ...DEFAULT_FILTERS, query: 'browser:Firefox boom' };
    const out = mergeIssueMessage(rows, { type: 'issue', change: 'created', issue: issue(4) }, filters);
    expect(out).toEqual({ rows, addedOnTop: 0, pendingNew: 1 });
    expect(mergeIssueMessage(rows, { type: 'issue', change: 'updated', issue: issue(5) }, filters).pendingNew).toBe(0);
    // A colon followed by a space is text ("TypeError: boom"), judged here as before.
    expect(mergeIssueMessage(rows, { type: 'issue', change: 'created', issue: issue(4) }, { ...DEFAULT_FILTERS, query: 'TypeError: boom' }).addedOnTop).toBe(1);
  });

  it('ignores issues outside the filters', () => {
    const out = mergeIssueMessage(rows, { type: 'issue', change: 'created', issue: issue(5, { level: 'warning' }) }, { ...DEFAULT_FILTERS, level: 'error' });
    expect(out.rows).toBe(rows);
    expect(out.pendingNew).toBe(0);
  });

  it('matches every search term against title and culprit', () => {
    expect(matchesFilters(issue(1), { ...DEFAULT_FILTERS, query: 'typeerror HANDLER' })).toBe(true);
    expect(matchesFilters(issue(1), { ...DEFAULT_FILTERS, query: 'typeerror missing' })).toBe(false);
    expect(matchesFilters(issue(1, { status: 'resolved' }), DEFAULT_FILTERS)).toBe(false);
    expect(matchesFilters(issue(1, { environments: undefined as unknown as string[] }), { ...DEFAULT_FILTERS, environment: 'x' })).toBe(false);
  });
});
