import * as Sentry from '@sentry/node';
import { describe, expect, it } from 'vitest';
import type { IssueSummary, Page } from '../src/shared/api-types';
import { lookoutForSdk } from './helpers/sdk-lookout';

const ctx = lookoutForSdk();
const api = <T>(path: string) => ctx.lookout.api<T>(path);

/** One event through the SDK, grouped by its message, with these fields; answers its event id. */
async function capture(message: string, fields: { tags?: Record<string, string>; release?: string; environment?: string; email?: string;
  timestamp?: number }): Promise<string> {
  const id = Sentry.captureEvent({ message, level: 'error', tags: fields.tags, release: fields.release, environment: fields.environment,
    ...(fields.email ? { user: { email: fields.email } } : {}), ...(fields.timestamp ? { timestamp: fields.timestamp } : {}) });
  await Sentry.flush(3000);
  return id;
}

const titles = async (query: string) =>
  (await api<Page<IssueSummary>>(`issues?status=all&limit=500&query=${encodeURIComponent(query)}`)).items.map((i) => i.title).sort();

describe("`*` in a search value, as Sentry's wildcard", () => {
  it('matches tags, releases, environments and user fields by prefix, suffix or middle, and `%`/`_` only as themselves', async () => {
    await capture('alpha', { tags: { customer: 'c91' }, release: 'app1@1.9.0', environment: 'production', email: 'user42@example.com' });
    await capture('beta', { tags: { customer: 'c19' }, release: 'app1@2.0.0', environment: 'prod-eu', email: 'user7@example.com' });
    await capture('gamma', { tags: { customer: 'x9' }, release: 'app2@1.9.0', environment: 'staging', email: 'user420@other.org' });
    await capture('delta', { tags: { customer: '50%_off' }, release: 'app3@1.0', environment: 'dev', email: 'a_b@example.com' });
    await capture('epsilon', { tags: { customer: '50xyoff' }, release: 'app3@1.1', environment: 'dev', email: 'axb@example.com' });

    expect(await titles('customer:c9*')).toEqual(['alpha']);
    expect(await titles('customer:*9')).toEqual(['beta', 'gamma']);
    expect(await titles('customer:*9*')).toEqual(['alpha', 'beta', 'gamma']);
    expect(await titles('release:app1@*')).toEqual(['alpha', 'beta']);
    expect(await titles('release:*1.9.0')).toEqual(['alpha', 'gamma']);
    expect(await titles('environment:prod*')).toEqual(['alpha', 'beta']);
    expect(await titles('!environment:prod*')).toEqual(['delta', 'epsilon', 'gamma']);
    expect(await titles('environment:[staging,prod*]')).toEqual(['alpha', 'beta', 'gamma']);
    expect(await titles('user.email:*@example.com')).toEqual(['alpha', 'beta', 'delta', 'epsilon']);
    expect(await titles('user.email:user42*')).toEqual(['alpha', 'gamma']);
    expect(await titles('!user.email:user42*')).toEqual(['beta', 'delta', 'epsilon']);
    // LIKE's own wildcards are literal characters in a search value.
    expect(await titles('customer:50%_*')).toEqual(['delta']);
    expect(await titles('user.email:a_b*')).toEqual(['delta']);
    // Without `*` a value is still matched whole.
    expect(await titles('customer:c9')).toEqual([]);
    // The total (read through the side tables) agrees with the page.
    for (const query of ['release:app1@*', '!user.email:user42*', 'customer:*9']) {
      const page = await api<Page<IssueSummary>>(`issues?status=all&query=${encodeURIComponent(query)}`);
      expect(page.total).toBe(page.items.length);
    }
  });
});

describe('first release, as first seen, by event time', () => {
  it('is the release of the earliest-dated event, also when that event arrives later', async () => {
    const now = Date.now() / 1000;
    const late = await capture('zeta happened', { release: 'zapp@2.0.0', timestamp: now });
    const { issueId } = await api<{ issueId: number }>(`events/${late}`);
    expect((await api<{ firstRelease: string | null }>(`issues/${issueId}`)).firstRelease).toBe('zapp@2.0.0');
    // An older event of the same issue, sent afterwards (an offline client catching up).
    await capture('zeta happened', { release: 'zapp@1.0.0', timestamp: now - 10 * 86_400 });
    // A newer one in a third release changes neither.
    await capture('zeta happened', { release: 'zapp@3.0.0', timestamp: now + 60 });
    const issue = await api<{ firstRelease: string | null; firstSeen: number | string }>(`issues/${issueId}`);
    expect(issue.firstRelease).toBe('zapp@1.0.0');
    expect(await titles('firstRelease:zapp@1.0.0')).toEqual(['zeta happened']);
    expect(await titles('firstRelease:zapp@2.0.0')).toEqual([]);
  });
});
