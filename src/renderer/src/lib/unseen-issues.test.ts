import { describe, expect, it } from 'vitest';
import { MAX_UNSEEN, addUnseen, markSeen, parseUnseen, seenOnPage, titleWithCount } from './unseen-issues';

describe('unseen issues', () => {
  it('counts an issue once, however often it is new or regressed', () => {
    let ids: number[] = [];
    for (const id of [4, 9, 4, 12]) ids = addUnseen(ids, id);
    expect(ids).toEqual([9, 4, 12]);
  });

  it('the Issues list sees them all, an issue page only its issue', () => {
    expect(markSeen([3, 5, 8], 5)).toEqual([3, 8]);
    expect(markSeen([3, 5, 8], 'all')).toEqual([]);
    expect(seenOnPage({ name: 'issues' })).toBe('all');
    expect(seenOnPage({ name: 'issue', issueId: 7 })).toBe(7);
    expect(seenOnPage({ name: 'settings' })).toBeNull();
  });

  it('reads back what it stored, and nothing from a damaged or foreign value', () => {
    expect(parseUnseen(JSON.stringify(addUnseen([1, 2], 3)))).toEqual([1, 2, 3]);
    expect(parseUnseen(null)).toEqual([]);
    expect(parseUnseen('{"ids":[1]}')).toEqual([]);
    expect(parseUnseen('[1,"2",-3,1.5,4,4]')).toEqual([1, 4]);
    expect(parseUnseen('not json')).toEqual([]);
  });

  it('forgets the oldest beyond the cap and says so in the title', () => {
    let ids: number[] = [];
    for (let id = 1; id <= MAX_UNSEEN + 5; id++) ids = addUnseen(ids, id);
    expect(ids).toHaveLength(MAX_UNSEEN);
    expect(ids[0]).toBe(6);
    expect(titleWithCount('Lookout', ids.length)).toBe(`(${MAX_UNSEEN}+) Lookout`);
    expect(titleWithCount('Lookout', 3)).toBe('(3) Lookout');
    expect(titleWithCount('Lookout', 0)).toBe('Lookout');
  });
});
