/**
 * An issue that mixes errors: real @sentry/node sends errors thrown by one
 * line with different messages to a real in-process Lookout. They are one issue (same stack), and
 * the issue says it holds 2 distinct messages (the page and the Markdown report), while each event's
 * grouping says whether it opened the issue or which of its hashes joined it.
 */
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, IssueDetail } from '../src/shared/api-types';
import { startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;

function reserve(sku: string): never {
  throw new Error(`out of stock: ${sku}`);
}

async function captureAll(skus: string[]): Promise<string[]> {
  const ids = skus.map((sku) => {
    try { reserve(sku); } catch (err) { return Sentry.captureException(err); }
  });
  if (!(await Sentry.flush(10_000))) throw new Error('@sentry/node did not flush');
  return ids;
}

beforeAll(async () => {
  lookout = await startTestLookout();
  Sentry.init({ dsn: lookout.dsn, defaultIntegrations: false });
});

afterAll(async () => {
  await Sentry.close();
  await lookout.stopAndClean();
});

describe('an issue whose events carry different messages', () => {
  it('counts the distinct titles, says which hash joined each event, and puts the count in the report', async () => {
    // One at a time from one call site: the first is stored before the next is sent, so it opens the issue.
    const ids: string[] = [];
    for (const sku of ['A-1', 'B-2', 'A-1']) ids.push(...await captureAll([sku]));
    const [first, second, third] = ids;
    const events = await Promise.all([first, second, third].map((id) => lookout.api<EventDetail>(`events/${id ?? ''}`)));
    expect(new Set(events.map((e) => e.issueId)).size).toBe(1);
    const issue = await lookout.api<IssueDetail>(`issues/${events[0]!.issueId}`);
    expect(issue.titles).toEqual({ distinct: 2, top: [{ title: 'Error: out of stock: A-1', count: 2 }, { title: 'Error: out of stock: B-2', count: 1 }] });

    expect(events[0]!.grouping?.match).toEqual({ opened: true, joinedBy: null, differs: [] });
    // The second joined by its in-app hash; whichever of its hashes the first lacks (here the system
    // one: the frames below the test differ between calls) is said to differ.
    const [opener, joined] = [events[0]!.grouping!, events[1]!.grouping!];
    const appHash = joined.variants.find((v) => v.name === 'app')?.hash;
    expect(appHash).toBeTruthy();
    expect(joined.match).toEqual({ opened: false, joinedBy: appHash, differs: joined.hashes.filter((h) => !opener.hashes.includes(h)) });

    const report = await (await fetch(`${lookout.url}/_lookout/api/issues/${issue.id}/report?format=md`)).text();
    expect(report).toContain('**3 events** (2 distinct messages)');
  });

  it('says nothing of titles for an issue whose events all say the same', async () => {
    // Thrown through another call path: its own issue, whose one event has one title.
    const only = await (async () => { const [id] = await captureAll(['C-3']); return id; })();
    const event = await lookout.api<EventDetail>(`events/${only}`);
    const issue = await lookout.api<IssueDetail>(`issues/${event.issueId}`);
    expect(issue.count).toBe(1);
    expect(issue.titles).toBeUndefined();
    const report = await (await fetch(`${lookout.url}/_lookout/api/issues/${issue.id}/report?format=md`)).text();
    expect(report).toContain('· **1 event** · **0 users**');
  });
});
