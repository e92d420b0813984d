import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackPage, UserFeedbackList } from '../src/shared/api-feedback';
import type { EventDetail } from '../src/shared/api-types';
import type { DB } from '../src/core/store/db';
import { startTestLookout, type TestLookout } from './helpers/lookout';

/**
 * Feedback marked as spam is left out of its issue's and its event's feedback (counted, for a note
 * linking to the Spam mailbox), and feedback is deleted one or many, as in Sentry's feedback list:
 * with its feedback event and the request that carried it. Through the real ingest of what
 * @sentry/node's captureException and captureFeedback send, into a real SQLite file.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/list/useBulkEditFeedbacks.tsx
 */
let lookout: TestLookout;
let db: DB;
let issueId: number;
let errorId: string;
const feedbackIds: Record<string, string> = {};

beforeAll(async () => {
  lookout = await startTestLookout({ onDatabase: (d) => { db = d; } });
  Sentry.init({ dsn: lookout.dsn, defaultIntegrations: false });
  errorId = Sentry.captureException(new Error('checkout total is NaN'));
  expect(await Sentry.flush(5000)).toBe(true);
  for (const message of ['The total says NaN', 'BUY CHEAP WATCHES', 'Still NaN after a reload', 'Also NaN on mobile']) {
    feedbackIds[message] = Sentry.captureFeedback({ message, email: 'someone@example.com', associatedEventId: errorId });
    expect(await Sentry.flush(5000)).toBe(true);
  }
  issueId = (await lookout.api<EventDetail>(`events/${errorId}`)).issueId!;
});
afterAll(async () => {
  await Sentry.close(2000);
  await lookout.stopAndClean();
});

const rowId = async (message: string) => (await lookout.api<FeedbackPage>('feedback')).items.find((i) => i.message === message)!.id;
const call = (method: string, path: string, body?: unknown) => fetch(`${lookout.url}/_lookout/api/${path}`, {
  method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const messages = (list: UserFeedbackList) => list.items.map((f) => f.message);

describe('spam on the issue page, and Delete', () => {
  it('leaves feedback marked as spam out of the issue and the event, and counts it', async () => {
    expect((await call('PUT', `feedback/${await rowId('BUY CHEAP WATCHES')}`, { status: 'ignored' })).status).toBe(200);
    const onIssue = await lookout.api<UserFeedbackList>(`issues/${issueId}/feedback`);
    expect(messages(onIssue)).toEqual(['Also NaN on mobile', 'Still NaN after a reload', 'The total says NaN']);
    expect(onIssue).toMatchObject({ total: 3, spam: 1 });
    const onEvent = await lookout.api<UserFeedbackList>(`events/${errorId}/feedback`);
    expect(onEvent).toMatchObject({ total: 3, spam: 1 });
    expect(messages(onEvent)).not.toContain('BUY CHEAP WATCHES');
  });

  it('deletes one feedback with its feedback event and its request, and leaves the error', async () => {
    const id = await rowId('The total says NaN');
    const feedbackEvent = feedbackIds['The total says NaN']!;
    const envelope = db.prepare('SELECT envelope_id FROM feedback WHERE id = ?').pluck().get(id) as number;
    const res = await call('DELETE', `feedback/${id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: [id] });
    expect((await call('GET', `feedback/${id}`)).status).toBe(404);
    expect((await call('GET', `events/${feedbackEvent}`)).status).toBe(404);
    expect(db.prepare('SELECT COUNT(*) FROM envelopes WHERE id = ?').pluck().get(envelope)).toBe(0);
    expect(messages(await lookout.api<UserFeedbackList>(`issues/${issueId}/feedback`))).toEqual(['Also NaN on mobile', 'Still NaN after a reload']);
    expect((await lookout.api<EventDetail>(`events/${errorId}`)).issueId).toBe(issueId);
    expect((await call('DELETE', `feedback/${id}`)).status).toBe(404);
  });

  it('deletes ticked ones in one request, spam included', async () => {
    const ids = [await rowId('Also NaN on mobile'), (await lookout.api<FeedbackPage>('feedback?status=ignored')).items[0]!.id];
    const res = await call('DELETE', `feedback?${ids.map((id) => `id=${id}`).join('&')}&id=999999`);
    expect(await res.json()).toEqual({ deleted: expect.arrayContaining(ids) as number[] });
    const left = await lookout.api<UserFeedbackList>(`issues/${issueId}/feedback`);
    expect(left).toMatchObject({ total: 1, spam: 0 });
    expect((await lookout.api<FeedbackPage>('feedback')).counts).toEqual({ unresolved: 1, resolved: 0, ignored: 0 });
    expect((await call('DELETE', 'feedback')).status).toBe(400);
  });
});
