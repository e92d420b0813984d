import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from './route';

describe("the issue list's trend period in its URL", () => {
  it('keeps 14d and leaves 24h (the default) out', () => {
    const route = parseRoute('#/issues?status=all&trend=14d');
    expect(route).toEqual({ name: 'issues', filters: expect.objectContaining({ status: 'all', trend: '14d' }) });
    expect(formatRoute(route)).toBe('#/issues?status=all&trend=14d');
    expect(parseRoute('#/issues?trend=24h')).toEqual({ name: 'issues', filters: expect.not.objectContaining({ trend: expect.anything() }) });
    expect(parseRoute('#/issues?trend=1y')).toEqual({ name: 'issues', filters: expect.not.objectContaining({ trend: expect.anything() }) });
  });
});
