import { describe, expect, it } from 'vitest';
import type { GroupingVariantInfo } from '../../../../shared/api-types';
import { groupingMatchText } from './grouping-match';

const variants: GroupingVariantInfo[] = [
  { name: 'app', hash: 'aaa', contributes: true, explanation: null },
  { name: 'system', hash: 'sss', contributes: true, explanation: null },
];

describe('groupingMatchText', () => {
  it('names the variant that joined the event and the one that differs (a one-frame Go main)', () => {
    expect(groupingMatchText({ opened: false, joinedBy: 'sss', differs: ['aaa'] }, variants))
      .toBe('Grouped by: system stack trace (the in-app one differs between events)');
    expect(groupingMatchText({ opened: false, joinedBy: 'aaa', differs: [] }, variants)).toBe('Grouped by: in-app stack trace');
  });

  it('says when the event opened the issue or came by a merge', () => {
    expect(groupingMatchText({ opened: true, joinedBy: null, differs: [] }, variants)).toMatch(/^This event opened the issue/);
    expect(groupingMatchText({ opened: false, joinedBy: null, differs: ['aaa', 'sss'] }, variants)).toMatch(/^Grouped by: a merge/);
  });
});
