import * as Sentry from '@sentry/node';
import { describe, expect, it } from 'vitest';
import type { IssueSummary, Page, Project } from '../src/shared/api-types';
import { lookoutForSdk } from './helpers/sdk-lookout';

const ctx = lookoutForSdk();
const api = <T>(path: string, init?: RequestInit) => ctx.lookout.api<T>(path, init);
const json = (method: string, body: object): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Sends a message through the SDK with these tags; answers its issue. */
async function capture(message: string, tags: Record<string, string> = {}): Promise<number> {
  // An event without a stack trace: it groups by its message, as Sentry groups it.
  const id = Sentry.captureEvent({ message, level: 'error', tags });
  await Sentry.flush(3000);
  return (await api<{ issueId: number }>(`events/${id}`)).issueId;
}

const search = async (query: string, extra = '') => api<Page<IssueSummary>>(`issues?status=all&limit=500&query=${encodeURIComponent(query)}${extra}`);
const titles = async (query: string) => (await search(query)).items.map((i) => i.title).sort();

describe("the issue search's free text, as Sentry's", () => {
  it('matches the whole text as one substring of the title, culprit or message, in any case, never a tag value', async () => {
    await capture('Payment failure 12 in checkout');
    await capture('failure 123 at the bank');
    await capture('item 12 had a failure', { order: 'failure 12' });
    await capture('Cache miss', { note: 'failure 12' });
    const phrase = ['Payment failure 12 in checkout', 'failure 123 at the bank'];
    // Before, each word was a separate term over every tag value: all four matched.
    expect(await titles('failure 12')).toEqual(phrase);
    expect(await titles('"failure 12"')).toEqual(phrase);
    expect(await titles('FAILURE   12')).toEqual(phrase);
    // Inside a word, as Sentry's `*ailure 1*`.
    expect(await titles('ailure 1')).toEqual(phrase);
    expect(await titles('ailur')).toEqual(['item 12 had a failure', ...phrase].sort());
    // Shorter than a trigram, and Sentry's `*` wildcard inside the text (the parts in that order).
    expect(await titles('12')).toEqual(['item 12 had a failure', ...phrase].sort());
    expect(await titles('payment*checkout')).toEqual(['Payment failure 12 in checkout']);
    expect(await titles('checkout*payment')).toEqual([]);
    // The tag is reached as `key:value`, as in Sentry.
    expect(await titles('note:"failure 12"')).toEqual(['Cache miss']);
    expect(await titles('cache note:"failure 12"')).toEqual(['Cache miss']);
    expect((await search('failure 12')).total).toBe(2);
  });

  it('reads is:new, is:regressed and is:ongoing as Sentry substatuses, and project: by name, slug or id', async () => {
    const fresh = await capture('Brand new trouble');
    const old = await capture('Old trouble');
    const back = await capture('Trouble that came back');
    const weekAgo = Date.now() - 8 * 86_400_000;
    ctx.db.prepare('UPDATE issues SET first_seen = ? WHERE id IN (?, ?)').run(weekAgo, old, back);
    await api(`issues/${back}`, json('PATCH', { status: 'resolved' }));
    expect(await capture('Trouble that came back')).toBe(back);
    const ids = async (query: string) => (await search(`trouble ${query}`)).items.map((i) => i.id).sort();
    expect(await ids('is:new')).toEqual([fresh]);
    expect(await ids('is:regressed')).toEqual([back]);
    expect(await ids('is:ongoing')).toEqual([old]);
    expect(await ids('!is:new')).toEqual([old, back].sort());
    const [project] = await api<Project[]>('projects');
    expect(project).toBeDefined();
    expect(await ids(`project:${project!.name}`)).toEqual([fresh, old, back].sort());
    expect(await ids(`project:${project!.name.toUpperCase()}`)).toEqual([fresh, old, back].sort());
    expect(await ids(`project:${project!.id}`)).toEqual([fresh, old, back].sort());
    expect(await ids(`!project:${project!.name}`)).toEqual([]);
    const unknown = await search('trouble project:nowhere');
    expect(unknown.items).toEqual([]);
    expect(unknown.notes).toEqual(['No project is named "nowhere", so project:nowhere matches none.']);
  });

  it('changes or deletes every issue the search matches, past any page, the deletion only for the count confirmed', async () => {
    const made = [];
    // Words, not numbers: Sentry's grouping parameterizes numbers in a message, so `Bulk failure 1` and `2` are one issue.
    for (const word of ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf']) made.push(await capture(`Bulk failure ${word}`));
    await capture('Bystander');
    const answer = await api<{ updated: number }>(`issues?matching=1&status=unresolved&query=${encodeURIComponent('bulk failure')}`,
      json('PUT', { status: 'resolved' }));
    expect(answer).toMatchObject({ updated: 7 });
    const resolved = await search('bulk failure', '&status=resolved');
    expect(resolved.items.map((i) => i.id).sort()).toEqual([...made].sort());
    expect((await search('bystander')).items.map((i) => i.status)).toEqual(['unresolved']);
    const refused = await fetch(`${ctx.lookout.url}/_lookout/api/issues?matching=1&status=resolved&query=bulk&count=6`, { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('7 issues match this search now');
    const deleted = await api<{ issues: number; events: number }>('issues?matching=1&status=resolved&query=bulk&count=7', { method: 'DELETE' });
    expect(deleted).toEqual({ issues: 7, events: 7 });
    expect((await search('bulk')).total).toBe(0);
    expect((await search('bystander')).total).toBe(1);
  });
});
