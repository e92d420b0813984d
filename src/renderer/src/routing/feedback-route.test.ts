import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from './route';

describe('the User Feedback page route', () => {
  it('keeps its project, search and open feedback in the URL, and reads them back', () => {
    const route = { name: 'feedback', project: 2, query: 'pay & ship', id: 17 } as const;
    expect(formatRoute(route)).toBe('#/feedback?project=2&query=pay+%26+ship&id=17');
    expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(parseRoute('#/feedback')).toEqual({ name: 'feedback' });
    expect(formatRoute({ name: 'feedback' })).toBe('#/feedback');
  });

  it('leaves out a project or id that is no positive number', () => {
    expect(parseRoute('#/feedback?project=x&id=-3&query=')).toEqual({ name: 'feedback' });
  });
});
