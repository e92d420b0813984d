import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackListItem, FeedbackPage } from '../src/shared/api-feedback';
import type { EventDetail } from '../src/shared/api-types';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

/**
 * The User Feedback page's API (`GET /feedback`, `GET|PUT /feedback/:id`) through the real ingest
 * into a real SQLite file: feedback @sentry/node's captureFeedback sends about an error, on its
 * own, with a screenshot attachment, a user report, and one in another project.
 * @see https://docs.sentry.io/platforms/javascript/user-feedback/
 */
let lookout: TestLookout;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2b3b04d0000000049454e44ae426082', 'hex');
let sent: { errorId: string; linked: string; alone: string; screenshot: string; issueId: number };

beforeAll(async () => {
  lookout = await startTestLookout();
  Sentry.init({ dsn: lookout.dsn, defaultIntegrations: false });
  const errorId = Sentry.captureException(new Error('checkout button does nothing'));
  const linked = Sentry.captureFeedback({ message: 'I pressed Pay and nothing happened', name: 'Ada', email: 'ada@example.com',
    url: 'http://localhost:3000/cart', associatedEventId: errorId });
  // Flushed one by one, so they arrive (and list) in the order sent.
  expect(await Sentry.flush(5000)).toBe(true);
  const alone = Sentry.captureFeedback({ message: 'Please add a dark mode (100% would use it)', email: 'lin@example.com' });
  expect(await Sentry.flush(5000)).toBe(true);
  const screenshot = Sentry.captureFeedback({ message: 'The layout is broken here', name: 'Grace' },
    { attachments: [{ filename: 'screenshot.png', data: new Uint8Array(PNG), contentType: 'image/png' }] });
  expect(await Sentry.flush(5000)).toBe(true);
  // A user report (sentry-python's form) in project 2, about an error Lookout never got.
  const report = { event_id: 'c'.repeat(32), name: 'Sam', email: 'sam@example.com', comments: 'Crashed on save' };
  const body = `${JSON.stringify({ event_id: report.event_id })}\n{"type":"user_report"}\n${JSON.stringify(report)}`;
  expect((await post(`${lookout.url}/api/2/envelope/?sentry_key=k`, body)).status).toBe(200);
  const { issueId } = await lookout.api<EventDetail>(`events/${errorId}`);
  sent = { errorId, linked, alone, screenshot, issueId: issueId! };
});
afterAll(async () => {
  await Sentry.close(2000);
  await lookout.stopAndClean();
});

const page = (query = '') => lookout.api<FeedbackPage>(`feedback${query}`);
const setRead = (id: number, read: unknown) => lookout.api<FeedbackListItem>(`feedback/${id}`,
  { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ read }) });

describe('the User Feedback page', () => {
  it('lists every feedback newest first, with its project, linked issue and screenshot, all unread', async () => {
    const all = await page();
    expect(all.items.map((f) => f.message)).toEqual(['Crashed on save', 'The layout is broken here',
      'Please add a dark mode (100% would use it)', 'I pressed Pay and nothing happened']);
    expect(all.unread).toBe(4);
    expect(all.nextCursor).toBeNull();
    const [report, shot, alone, linked] = all.items as [FeedbackListItem, FeedbackListItem, FeedbackListItem, FeedbackListItem];
    expect(linked).toMatchObject({ kind: 'feedback', projectId: 1, feedbackEventId: sent.linked, associatedEventId: sent.errorId,
      issueId: sent.issueId, issueTitle: expect.stringContaining('checkout button does nothing'), read: false, attachmentCount: 0 });
    expect(alone).toMatchObject({ feedbackEventId: sent.alone, associatedEventId: null, issueId: null, email: 'lin@example.com' });
    expect(shot).toMatchObject({ feedbackEventId: sent.screenshot, attachmentCount: 1 });
    expect(report).toMatchObject({ kind: 'user_report', projectId: 2, associatedEventId: 'c'.repeat(32), issueId: null, attachmentCount: 0 });
    // The screenshot is served by the attachment endpoint as the image it is.
    const detail = await lookout.api<EventDetail>(`events/${sent.screenshot}`);
    const res = await fetch(`${lookout.url}/_lookout/api/attachments/${detail.attachments[0]!.id}`);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
  });

  it('filters by project and by text in the message, name, e-mail or page, taking % literally', async () => {
    expect((await page('?project=2')).items.map((f) => f.name)).toEqual(['Sam']);
    expect((await page('?project=1')).unread).toBe(3);
    expect((await page('?query=ADA%40EXAMPLE')).items.map((f) => f.feedbackEventId)).toEqual([sent.linked]);
    expect((await page('?query=localhost%3A3000%2Fcart')).items.map((f) => f.feedbackEventId)).toEqual([sent.linked]);
    expect((await page(`?query=${encodeURIComponent('100%')}`)).items.map((f) => f.feedbackEventId)).toEqual([sent.alone]);
    expect((await page(`?query=${encodeURIComponent('1%0')}`)).items).toEqual([]);
  });

  it('pages on with the cursor, each feedback once', async () => {
    const first = await page('?limit=3');
    expect(first.items).toHaveLength(3);
    const rest = await page(`?limit=3&before=${encodeURIComponent(first.nextCursor!)}`);
    expect(rest.nextCursor).toBeNull();
    expect([...first.items, ...rest.items].map((f) => f.id)).toEqual((await page()).items.map((f) => f.id));
    await expect(page('?before=yesterday')).rejects.toThrow(/400/);
  });

  it('marks one read and unread again, kept in the store and counted', async () => {
    const { items } = await page();
    const target = items[1]!;
    expect(await setRead(target.id, true)).toMatchObject({ id: target.id, read: true });
    expect((await page()).unread).toBe(3);
    expect((await lookout.api<FeedbackListItem>(`feedback/${target.id}`)).read).toBe(true);
    expect((await setRead(target.id, false)).read).toBe(false);
    expect((await page()).unread).toBe(4);
    await expect(setRead(target.id, 'yes')).rejects.toThrow(/400/);
    await expect(setRead(999_999, true)).rejects.toThrow(/404/);
  });
});
