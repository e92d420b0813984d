import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, UserFeedbackList } from '../src/shared/api-types';
import { ISSUE_FEEDBACK_BY_EVENTS_SQL, ISSUE_FEEDBACK_BY_FEEDBACK_SQL } from '../src/core/api/feedback-queries';
import type { DB } from '../src/core/store/db';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

/**
 * User feedback shown with the issue it is about, through the real ingest into a real SQLite
 * file: `feedback` events (as @sentry/node's captureFeedback sends them) and the deprecated
 * `user_report` item (as sentry-python's capture_user_feedback does), in either order.
 * @see https://develop.sentry.dev/sdk/data-model/envelope-items/#user-feedback
 */
let lookout: TestLookout;
let db: DB;
const newId = () => crypto.randomUUID().replace(/-/g, '');

beforeAll(async () => {
  lookout = await startTestLookout({ onDatabase: (d) => { db = d; } });
  Sentry.init({ dsn: lookout.dsn, defaultIntegrations: false });
});
afterAll(async () => {
  await Sentry.close(2000);
  await lookout.stopAndClean();
});

async function send(eventId: string, type: string, payload: Record<string, unknown>): Promise<void> {
  const body = `${JSON.stringify({ event_id: eventId })}\n${JSON.stringify({ type })}\n${JSON.stringify(payload)}`;
  const res = await post(`${lookout.url}/api/1/envelope/?sentry_key=k`, body);
  expect(res.status).toBe(200);
}

/** An error of its own issue (the exception value names it), with the given id. */
async function sendError(eventId: string, issue: string): Promise<number> {
  await send(eventId, 'event', { event_id: eventId, platform: 'node', exception: { values: [{ type: 'PayError', value: issue }] } });
  return (await lookout.api<EventDetail>(`events/${eventId}`)).issueId!;
}

/** A user report as sentry-python sends it: the error's id as `event_id`, the text as `comments`. */
async function sendUserReport(aboutId: string, comments: string, name = 'Grace', email = 'grace@example.com'): Promise<void> {
  await send(aboutId, 'user_report', { event_id: aboutId, name, email, comments });
}

async function sendFeedbackEvent(aboutId: string, message: string): Promise<string> {
  const id = newId();
  await send(id, 'feedback', { event_id: id, type: 'feedback', level: 'info',
    contexts: { feedback: { message, contact_email: 'lin@example.com', name: 'Lin', url: 'http://localhost:3000/pay', source: 'widget', associated_event_id: aboutId } } });
  return id;
}

const issueFeedback = (issueId: number, limit?: number) =>
  lookout.api<UserFeedbackList>(`issues/${issueId}/feedback${limit ? `?limit=${limit}` : ''}`);

describe('user feedback about an issue', () => {
  it('lists a feedback event captured by the SDK after its error, on the issue and on the event', async () => {
    const errorId = Sentry.captureException(new Error('the pay button does nothing'));
    const feedbackId = Sentry.captureFeedback({ message: 'I pressed Pay twice\nand nothing happened', name: 'Ada', email: 'ada@example.com',
      url: 'http://localhost:3000/cart', associatedEventId: errorId });
    expect(await Sentry.flush(5000)).toBe(true);
    const { issueId } = await lookout.api<EventDetail>(`events/${errorId}`);
    const list = await issueFeedback(issueId!);
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      kind: 'feedback', message: 'I pressed Pay twice\nand nothing happened', name: 'Ada', email: 'ada@example.com',
      url: 'http://localhost:3000/cart', source: null, associatedEventId: errorId, feedbackEventId: feedbackId,
    });
    expect(list.items[0]!.received).toBeGreaterThan(Date.now() - 60_000);
    expect(await lookout.api<UserFeedbackList>(`events/${errorId}/feedback`)).toEqual(list);
  });

  it('finds user reports and feedback events sent before their error once the error arrives', async () => {
    const errorId = newId();
    // A dashed, upper-case id, as some SDKs write event ids: it still names the error.
    const dashed = `${errorId.slice(0, 8)}-${errorId.slice(8, 12)}-${errorId.slice(12, 16)}-${errorId.slice(16, 20)}-${errorId.slice(20)}`.toUpperCase();
    await sendUserReport(dashed, 'It crashed when I paid');
    const feedbackId = await sendFeedbackEvent(errorId, 'Still broken after a reload');
    const issueId = await sendError(errorId, 'feedback came first');
    const list = await issueFeedback(issueId);
    expect(list.total).toBe(2);
    expect(list.items.map((f) => [f.kind, f.message])).toEqual([
      ['feedback', 'Still broken after a reload'], ['user_report', 'It crashed when I paid'],
    ]);
    expect(list.items[1]).toMatchObject({ name: 'Grace', email: 'grace@example.com', url: null, source: null, associatedEventId: errorId, feedbackEventId: null });
    expect(list.items[0]).toMatchObject({ feedbackEventId: feedbackId, url: 'http://localhost:3000/pay', source: 'widget' });

    // The bug report quotes both; e-mail addresses go with the export's e-mail rule.
    const report = async (query: string) => (await fetch(`${lookout.url}/_lookout/api/issues/${issueId}/report?format=md${query}`)).text();
    const md = await report('');
    expect(md).toContain('## What the user said');
    expect(md).toMatch(/```text\nStill broken after a reload\n```[\s\S]*```text\nIt crashed when I paid\n```/);
    expect(md).toContain('`grace@example.com`');
    expect(await report('&emails=1')).not.toContain('grace@example.com');
  });

  it('gathers the feedback of every event of the issue, only those, newest first, counted beyond the limit', async () => {
    const first = newId();
    const issueId = await sendError(first, 'many reports');
    const second = newId();
    expect(await sendError(second, 'many reports')).toBe(issueId);
    const other = newId();
    await sendError(other, 'another issue');
    await sendUserReport(other, 'about the other issue');
    for (let i = 0; i < 104; i++) await sendFeedbackEvent(i % 2 ? first : second, `report ${i}`);
    await sendFeedbackEvent(second, 'the newest');

    const all = await issueFeedback(issueId);
    expect(all.total).toBe(105);
    expect(all.items).toHaveLength(100);
    expect(all.items[0]!.message).toBe('the newest');
    expect(all.items.some((f) => f.message === 'about the other issue')).toBe(false);
    const received = all.items.map((f) => [f.received, f.id]);
    expect(received).toEqual([...received].sort((a, b) => b[0]! - a[0]! || b[1]! - a[1]!));

    const three = await issueFeedback(issueId, 3);
    expect(three.total).toBe(105);
    expect(three.items.map((f) => f.message)).toEqual(['the newest', 'report 103', 'report 102']);
    const ofFirst = await lookout.api<UserFeedbackList>(`events/${first}/feedback?limit=2`);
    expect(ofFirst.total).toBe(52);
    expect(ofFirst.items.map((f) => f.message)).toEqual(['report 103', 'report 101']);
  });

  it('walks the feedback or the issue events to the same answer', () => {
    const issues = db.prepare('SELECT id FROM issues').pluck().all() as number[];
    for (const id of issues) {
      expect(db.prepare(ISSUE_FEEDBACK_BY_EVENTS_SQL).pluck().all(id)).toEqual(db.prepare(ISSUE_FEEDBACK_BY_FEEDBACK_SQL).pluck().all(id));
    }
  });

  it('stores a feedback event sent again once, and keeps feedback about nothing out of every issue', async () => {
    const errorId = newId();
    const issueId = await sendError(errorId, 'sent twice');
    const id = newId();
    const body = `{"event_id":"${id}"}\n{"type":"feedback"}\n${JSON.stringify({ event_id: id, contexts: { feedback: { message: 'twice', associated_event_id: errorId } } })}`;
    for (let i = 0; i < 2; i++) expect((await post(`${lookout.url}/api/1/envelope/?sentry_key=k`, body)).status).toBe(200);
    await sendUserReport('not-an-event-id', 'about nothing');
    await send(newId(), 'feedback', { contexts: { feedback: { message: 'general feedback' } } });
    expect((await issueFeedback(issueId)).items.map((f) => f.message)).toEqual(['twice']);
  });

  it('answers 404 for an issue or event that does not exist, and an empty list for an issue without feedback', async () => {
    await expect(issueFeedback(999_999)).rejects.toThrow(/404/);
    await expect(lookout.api(`events/${newId()}/feedback`)).rejects.toThrow(/404/);
    expect(await issueFeedback(await sendError(newId(), 'nobody complained'))).toEqual({ items: [], total: 0, spam: 0 });
  });

  it('keeps one user report per event, as Sentry does: one sent again (a retry, an edit) replaces it', async () => {
    const errorId = newId();
    const issueId = await sendError(errorId, 'reported twice');
    await sendUserReport(errorId, 'it broke');
    await sendUserReport(errorId, 'it broke');
    await sendUserReport(errorId, 'it broke when I paid');
    const list = await lookout.api<UserFeedbackList>(`events/${errorId}/feedback`);
    expect(list.total).toBe(1);
    expect(list.items[0]!.message).toBe('it broke when I paid');
    expect((await issueFeedback(issueId)).total).toBe(1);
  });

  it("travels with the issue's bundle: an import into another Lookout shows the feedback, once however often it is imported", async () => {
    const errorId = newId();
    const issueId = await sendError(errorId, 'exported with feedback');
    await sendFeedbackEvent(errorId, 'the total was wrong');
    await sendUserReport(errorId, 'paid twice');
    const bundle = await (await fetch(`${lookout.url}/_lookout/api/issues/${issueId}/report?format=json`)).text();
    const target = await startTestLookout();
    try {
      const importOnce = async () => (await fetch(`${target.url}/_lookout/api/import`, { method: 'POST', body: bundle })).json() as
        Promise<{ issueIds: number[]; events: number; duplicates: number }>;
      const once = await importOnce();
      expect([once.events, once.duplicates]).toEqual([1, 0]);
      const imported = await target.api<UserFeedbackList>(`issues/${once.issueIds[0]}/feedback`);
      expect(imported.items.map((f) => f.message).sort()).toEqual(['paid twice', 'the total was wrong']);
      await importOnce();
      expect((await target.api<UserFeedbackList>(`issues/${once.issueIds[0]}/feedback`)).total).toBe(2);
    } finally {
      await target.stopAndClean();
    }
  });
});
