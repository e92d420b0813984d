import * as Sentry from '@sentry/node';
import { describe, expect, it } from 'vitest';
import type { IssueSummary, Page } from '../src/shared/api-types';
import { lookoutForSdk } from './helpers/sdk-lookout';

const ctx = lookoutForSdk();
const api = <T>(path: string) => ctx.lookout.api<T>(path);

/** Sends a message as this user through the SDK; answers its issue. */
async function capture(message: string, user: Sentry.User): Promise<number> {
  const id = Sentry.captureEvent({ message, level: 'error', user });
  await Sentry.flush(3000);
  return (await api<{ issueId: number }>(`events/${id}`)).issueId;
}

const found = async (query: string) =>
  (await api<Page<IssueSummary>>(`issues?status=all&query=${encodeURIComponent(query)}`)).items.map((i) => i.id).sort();

describe('the `user:` key, as Sentry\'s user tag', () => {
  it('reads a bare `user:42` as the user by any field (id, email, username, ip), `user:"id:42"` as the tag', async () => {
    const byId = await capture('User search alpha', { id: '42' });
    const byEmail = await capture('User search bravo', { email: 'ada@example.com' });
    const byName = await capture('User search charlie', { username: '42', id: '7' });
    // Before: `user:42` looked for a tag value "42", which no event has (its tag is `id:42`): 0 issues, nothing said.
    expect(await found('user search user:42')).toEqual([byId, byName].sort());
    expect(await found('user search user:ada@example.com')).toEqual([byEmail]);
    expect(await found('user search !user:42')).toEqual([byEmail]);
    expect(await found('user search user:"id:42"')).toEqual([byId]);
    expect(await found('user search user:nobody')).toEqual([]);
  });
});
