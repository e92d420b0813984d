import { describe, expect, it } from 'vitest';
import type { OutcomeStats, OutcomeTotal } from '../../../shared/api-stats';
import { formatRoute, parseRoute } from '../routing/route';
import { categoryLabel, dropNotice, quantityText, sinceText } from './outcome-text';

const HOUR = 3_600_000;
const now = 1000 * HOUR + 20 * 60_000;
const total = (o: Partial<OutcomeTotal>): OutcomeTotal => ({ outcome: 'client_discard', reason: 'queue_overflow', category: 'error', quantity: 1,
  firstMs: now - 10 * 60_000, lastMs: now - 5 * 60_000, ...o });
const stats = (outcomes: OutcomeTotal[], byProject: OutcomeStats['byProject'] = []): OutcomeStats => ({ since: now - 24 * HOUR, until: now, hours: 24,
  project: null, outcomes, byProject, rejected: [], keptDays: 30, oldestHourMs: null });

describe('the notice of what the SDK dropped', () => {
  it("says the reviewer's burst as Sentry names it, with what to do", () => {
    const notice = dropNotice(stats([
      total({ outcome: 'accepted', reason: '', quantity: 82 }),
      total({ quantity: 936 }),
      total({ reason: 'event_processor', quantity: 2 }),
    ]), now, 0);
    expect(notice?.lines.map((l) => l.text)).toEqual(['The SDK dropped 936 errors in the last hour: its queue overflowed (queue_overflow).']);
    expect(notice?.lines[0]?.advice).toContain('transportOptions.bufferSize');
    expect(notice?.newestMs).toBe(now - 5 * 60_000);
  });

  it('says what Lookout itself dropped as invalid (an event item that was not JSON), not a relay', () => {
    const notice = dropNotice(stats([total({ outcome: 'invalid', reason: 'invalid_json' })]), now, 0);
    expect(notice?.lines.map((l) => l.text)).toEqual(['Lookout could not read 1 error in the last hour: it is not valid JSON (invalid_json).']);
    expect(notice?.lines[0]?.advice).toContain('kept the item as sent');
  });

  it('orders reasons by quantity, names relay outcomes and unknown reasons, and counts the hours since the first', () => {
    const notice = dropNotice(stats([
      total({ reason: 'network_error', category: 'transaction', quantity: 1, firstMs: now - 5 * HOUR }),
      total({ outcome: 'rate_limited', reason: 'key_quota', category: 'span', quantity: 1200 }),
      total({ reason: 'brand_new', category: 'log_item', quantity: 3 }),
    ]), now, 0);
    expect(notice?.lines.map((l) => l.text)).toEqual([
      'A relay in front of Lookout dropped 1,200 spans in the last hour: rate limited (key_quota).',
      'The SDK dropped 3 logs in the last hour: of a reason Lookout does not know (brand_new).',
      'The SDK dropped 1 transaction in the last 5 hours: it could not reach Lookout (network_error).',
    ]);
  });

  it('stays away for losses the app asked for, and once dismissed until a newer drop', () => {
    expect(dropNotice(stats([total({ reason: 'sample_rate', quantity: 50 }), total({ reason: 'before_send' })]), now, 0)).toBeNull();
    const dropped = stats([total({ quantity: 10 })]);
    expect(dropNotice(dropped, now, now - 5 * 60_000)).toBeNull();
    expect(dropNotice(dropped, now, now - 6 * 60_000)).not.toBeNull();
    expect(sinceText(now - 90 * 60_000, now)).toBe('in the last 2 hours');
  });

  it('names the projects whose SDK dropped, most first, over all projects', () => {
    const burst = total({ quantity: 42_767 });
    const names: Record<number, string> = { 1: 'web', 2: 'api', 3: 'billing', 4: 'jobs' };
    const nameOf = (id: number) => names[id] ?? String(id);
    const one = dropNotice(stats([burst], [{ ...burst, projectId: 2 }]), now, 0, nameOf);
    expect(one?.lines[0]?.text).toBe('The SDK of api dropped 42,767 errors in the last hour: its queue overflowed (queue_overflow).');
    expect(one?.lines[0]?.projects).toEqual(['api']);
    const two = dropNotice(stats([burst], [{ ...burst, projectId: 1, quantity: 767 }, { ...burst, projectId: 2, quantity: 42_000 }]), now, 0, nameOf);
    expect(two?.lines[0]?.text).toBe('The SDKs of api (42,000) and web (767) dropped 42,767 errors in the last hour: their queue overflowed (queue_overflow).');
    const many = [1, 2, 3, 4].map((projectId) => ({ ...burst, projectId, quantity: projectId }));
    expect(dropNotice(stats([burst], many), now, 0, nameOf)?.lines[0]?.text).toMatch(/^The SDKs of jobs \(4\), billing \(3\) and 2 more dropped/);
    // A list filtered to one project reads the counts of that project only: no names.
    expect(dropNotice({ ...stats([burst]), project: 3 }, now, 0, nameOf)?.lines[0]?.text).toMatch(/^The SDK dropped/);
  });

  it("words the SDK's `unknown` category: a message dropped before it had a type", () => {
    const notice = dropNotice(stats([total({ category: 'unknown', quantity: 196 })]), now, 0);
    expect(notice?.lines[0]?.text).toBe('The SDK dropped 196 events of no known type (messages) in the last hour: its queue overflowed (queue_overflow).');
    expect(categoryLabel('unknown', 1)).toBe('event of no known type (a message)');
  });

  it('keeps the Stats window in its URL', () => {
    expect(parseRoute(formatRoute({ name: 'stats', hours: 168 }))).toEqual({ name: 'stats', hours: 168 });
    expect(formatRoute({ name: 'stats' })).toBe('#/stats');
    expect(parseRoute('#/stats?hours=5')).toEqual({ name: 'stats' });
  });

  it('says byte categories as sizes, as an SDK reports lost attachments and log bytes', () => {
    const notice = dropNotice(stats([
      total({ reason: 'ratelimit_backoff', category: 'attachment', quantity: 7_000 }),
      total({ reason: 'ratelimit_backoff', category: 'attachment_item', quantity: 2 }),
      total({ reason: 'buffer_overflow', category: 'log_byte', quantity: 3 * 1024 * 1024 }),
    ]), now, 0);
    expect(notice?.lines.map((l) => l.text.split(' in the last')[0])).toEqual([
      'The SDK dropped 3.0 MiB of logs', 'The SDK dropped 6.8 KiB of attachments', 'The SDK dropped 2 attachments',
    ]);
    expect(quantityText('attachment', 1_024)).toBe('1.0 KiB');
    expect(quantityText('attachment_item', 1_024)).toBe('1,024');
    expect(categoryLabel('attachment')).toBe('attachments (size)');
  });
});
