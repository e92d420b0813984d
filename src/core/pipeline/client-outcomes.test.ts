import { describe, expect, it } from 'vitest';
import { clientReportOutcomes } from './client-outcomes';

const received = Date.UTC(2026, 10, 24, 12, 0, 0);

describe('client report outcomes, as relay reads them', () => {
  it('reads every list relay reads, each as its outcome, and adds equal entries up', () => {
    const read = clientReportOutcomes({
      timestamp: received / 1000 - 30,
      discarded_events: [
        { reason: 'queue_overflow', category: 'error', quantity: 900 },
        { reason: 'queue_overflow', category: 'error', quantity: 36 },
        { reason: 'event_processor', category: 'error', quantity: 2 },
      ],
      rate_limited_events: [{ reason: 'key_quota', category: 'transaction', quantity: 5 }],
      filtered_events: [{ reason: 'browser-extensions', category: 'error', quantity: 1 }],
      filtered_sampling_events: [{ reason: 'Sampled:1001', category: 'transaction', quantity: 7 }],
    }, received);
    expect(read.timestamp).toBe(received - 30_000);
    expect(read.outcomes).toEqual([
      { outcome: 'client_discard', reason: 'queue_overflow', category: 'error', quantity: 936 },
      { outcome: 'client_discard', reason: 'event_processor', category: 'error', quantity: 2 },
      { outcome: 'rate_limited', reason: 'key_quota', category: 'transaction', quantity: 5 },
      { outcome: 'filtered', reason: 'browser-extensions', category: 'error', quantity: 1 },
      { outcome: 'filtered_sampling', reason: 'Sampled:1001', category: 'transaction', quantity: 7 },
    ]);
  });

  it('ignores an overlong reason (over 200 characters) and entries that are not counts', () => {
    const read = clientReportOutcomes({
      discarded_events: [
        { reason: 'x'.repeat(201), category: 'error', quantity: 1 },
        { reason: 'x'.repeat(200), category: 'error', quantity: 1 },
        { reason: 'before_send', category: 'error', quantity: -3 },
        { reason: 'before_send', category: 'error', quantity: 1.5 },
        { reason: 'before_send', category: 'error', quantity: '4' },
        { reason: 'before_send', category: '', quantity: 4 },
        { reason: 42, category: 'error', quantity: 4 },
        'junk', null,
      ],
      rate_limited_events: 'not a list',
    }, received);
    expect(read.outcomes).toEqual([{ outcome: 'client_discard', reason: 'x'.repeat(200), category: 'error', quantity: 1 }]);
  });

  it("dates the report by its RFC 3339 timestamp, else by its arrival, never after it", () => {
    expect(clientReportOutcomes({ timestamp: '2026-11-24T11:17:00Z', discarded_events: [] }, received).timestamp)
      .toBe(Date.UTC(2026, 10, 24, 11, 17));
    expect(clientReportOutcomes({ discarded_events: [] }, received).timestamp).toBe(received);
    expect(clientReportOutcomes({ timestamp: received / 1000 + 3600 }, received).timestamp).toBe(received);
    expect(clientReportOutcomes({ timestamp: 'yesterday' }, received).timestamp).toBe(received);
    // Older than relay's 90 days: relay would drop it; counted at its arrival instead.
    expect(clientReportOutcomes({ timestamp: received / 1000 - 91 * 86400 }, received).timestamp).toBe(received);
    expect(clientReportOutcomes(null, received)).toEqual({ timestamp: received, outcomes: [] });
  });
});
