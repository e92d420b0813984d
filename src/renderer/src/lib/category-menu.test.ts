import { describe, expect, it } from 'vitest';
import { categoryMenuValue, withCategory } from './category-menu';

describe("the Category menu's reading of the search", () => {
  it('shows the category a token names, in any case, quoted, or by a wildcard', () => {
    expect(categoryMenuValue('issue.category:performance')).toBe('performance');
    expect(categoryMenuValue('issue.category:Performance')).toBe('performance');
    expect(categoryMenuValue('timeout ISSUE.CATEGORY:ERROR')).toBe('error');
    expect(categoryMenuValue('issue.category:"performance"')).toBe('performance');
    expect(categoryMenuValue('issue.category:perf*')).toBe('performance');
  });

  it('reads a list as any of its values, and `!` as the other categories', () => {
    // Two of the three categories (error, performance, cron): the menu says they come from the search.
    expect(categoryMenuValue('issue.category:[error,performance]')).toBe('some');
    expect(categoryMenuValue('issue.category:[error, performance] boom')).toBe('some');
    expect(categoryMenuValue('issue.category:[error,performance,cron]')).toBe('');
    expect(categoryMenuValue('issue.category:Cron')).toBe('cron');
    expect(categoryMenuValue('issue.category:[Performance]')).toBe('performance');
    expect(categoryMenuValue('issue.category:[performance,feedback]')).toBe('performance');
    expect(categoryMenuValue('!issue.category:error')).toBe('some');
    expect(categoryMenuValue('!issue.category:[error,performance]')).toBe('cron');
    expect(categoryMenuValue('!issue.category:[error,performance,cron]')).toBe('none');
  });

  it('holds every token, as the server ANDs them, and shows no category when nothing is left', () => {
    expect(categoryMenuValue('issue.category:error issue.category:performance')).toBe('none');
    expect(categoryMenuValue('issue.category:[error,performance] !issue.category:error')).toBe('performance');
    expect(categoryMenuValue('issue.category:crons')).toBe('none');
  });

  it('shows both categories when the search names none, or only mentions the key in text', () => {
    expect(categoryMenuValue(undefined)).toBe('');
    expect(categoryMenuValue('level:error browser:Firefox')).toBe('');
    expect(categoryMenuValue('my.issue.category:performance')).toBe('');
  });

  it('picking a category replaces every issue.category: token, lists and negations too, and keeps the rest', () => {
    expect(withCategory('issue.category:[error, performance] boom environment:prod', 'error')).toBe('boom environment:prod issue.category:error');
    expect(withCategory('!issue.category:error boom', 'performance')).toBe('boom issue.category:performance');
    expect(withCategory('issue.category:Performance issue.category:"error"', '')).toBeUndefined();
    expect(withCategory(undefined, 'performance')).toBe('issue.category:performance');
  });
});
