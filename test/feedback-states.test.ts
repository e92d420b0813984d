import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackChange, FeedbackListItem, FeedbackPage } from '../src/shared/api-feedback';
import type { StreamMessage } from '../src/shared/api-types';
import { startTestLookout, type TestLookout } from './helpers/lookout';

/**
 * User Feedback's mailboxes as Sentry's feedback list has them (Inbox = `unresolved`, Resolved,
 * Spam = `ignored`) and read state, one feedback or many, through the real ingest into a real
 * SQLite file: feedback @sentry/node's captureFeedback sends, resolved, marked as spam (gone from
 * the default list), moved back, read and unread, each change told to open windows on the stream.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/components/feedback/list/useBulkEditFeedbacks.tsx
 */
let lookout: TestLookout;
let ids: Record<'pay' | 'spam' | 'layout', number>;

beforeAll(async () => {
  lookout = await startTestLookout();
  Sentry.init({ dsn: lookout.dsn, defaultIntegrations: false });
  for (const message of ['Pay does nothing', 'BUY CHEAP WATCHES', 'The layout is broken']) {
    Sentry.captureFeedback({ message, email: 'someone@example.com' });
    // One by one, so they list in the order sent.
    expect(await Sentry.flush(5000)).toBe(true);
  }
  const inbox = await page();
  const idOf = (m: string) => inbox.items.find((i) => i.message === m)!.id;
  ids = { pay: idOf('Pay does nothing'), spam: idOf('BUY CHEAP WATCHES'), layout: idOf('The layout is broken') };
});
afterAll(async () => {
  await Sentry.close(2000);
  await lookout.stopAndClean();
});

const page = (query = '') => lookout.api<FeedbackPage>(`feedback${query}`);
const messages = (p: FeedbackPage) => p.items.map((i) => i.message);
const put = (path: string, body: unknown) =>
  fetch(`${lookout.url}/_lookout/api/${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const changeOne = async (id: number, change: FeedbackChange) => (await put(`feedback/${id}`, change)).json() as Promise<FeedbackListItem>;
const changeMany = async (list: number[], change: FeedbackChange) =>
  ((await put(`feedback?${list.map((id) => `id=${id}`).join('&')}`, change)).json() as Promise<{ items: FeedbackListItem[] }>);

/** The live stream, read until a `feedback` message comes (what another open window is told). */
async function nextFeedbackMessage(during: () => Promise<unknown>): Promise<StreamMessage> {
  const abort = new AbortController();
  const res = await fetch(`${lookout.url}/_lookout/api/stream`, { signal: abort.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  // The stream's first frame (`retry:`) says it is attached: what is published after reaches it.
  let text = (await reader.read()).value ?? '';
  await during();
  try {
    for (;;) {
      const frame = /event: feedback\ndata: (.*)\n/.exec(text);
      if (frame) return JSON.parse(frame[1]!) as StreamMessage;
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      text += value;
    }
  } finally { abort.abort(); }
}

describe('User Feedback states', () => {
  it('lists the Inbox by default, every feedback unresolved and counted per mailbox', async () => {
    const inbox = await page();
    expect(messages(inbox)).toEqual(['The layout is broken', 'BUY CHEAP WATCHES', 'Pay does nothing']);
    expect(inbox.items.every((i) => i.status === 'unresolved')).toBe(true);
    expect(inbox.counts).toEqual({ unresolved: 3, resolved: 0, ignored: 0 });
    expect(await page('?status=unresolved')).toEqual(inbox);
  });

  it('marks one as spam: gone from the Inbox, listed under Spam, and told to open windows', async () => {
    const message = await nextFeedbackMessage(() => changeOne(ids.spam, { status: 'ignored' }));
    expect(message).toEqual({ type: 'feedback', ids: [ids.spam], change: { status: 'ignored' } });
    expect(messages(await page())).toEqual(['The layout is broken', 'Pay does nothing']);
    const spam = await page('?status=ignored');
    expect(messages(spam)).toEqual(['BUY CHEAP WATCHES']);
    expect(spam.items[0]).toMatchObject({ status: 'ignored', read: false });
    expect(spam.counts).toEqual({ unresolved: 2, resolved: 0, ignored: 1 });
    // Unread counts the mailbox shown.
    expect(spam.unread).toBe(1);
    expect((await page()).unread).toBe(2);
    // A search counts each mailbox's matches.
    expect((await page('?query=watches')).counts).toEqual({ unresolved: 0, resolved: 0, ignored: 1 });
  });

  it('resolves many at once, marks them read and unread, and moves them back (undo)', async () => {
    const resolved = await changeMany([ids.pay, ids.layout], { status: 'resolved', read: true });
    expect(resolved.items.map((i) => [i.id, i.status, i.read])).toEqual([[ids.pay, 'resolved', true], [ids.layout, 'resolved', true]]);
    expect((await page()).items).toEqual([]);
    const done = await page('?status=resolved');
    expect(messages(done)).toEqual(['The layout is broken', 'Pay does nothing']);
    expect(done.unread).toBe(0);

    const told = await nextFeedbackMessage(() => changeMany([ids.pay, ids.layout], { read: false }));
    expect(told).toEqual({ type: 'feedback', ids: [ids.pay, ids.layout], change: { read: false } });
    expect((await page('?status=resolved')).unread).toBe(2);

    // Undo: back to the Inbox, the spam too.
    await changeMany([ids.pay, ids.layout, ids.spam], { status: 'unresolved' });
    const inbox = await page();
    expect(messages(inbox)).toEqual(['The layout is broken', 'BUY CHEAP WATCHES', 'Pay does nothing']);
    expect(inbox.counts).toEqual({ unresolved: 3, resolved: 0, ignored: 0 });
  });

  it('refuses what it cannot do', async () => {
    expect((await put(`feedback/${ids.pay}`, { status: 'spam' })).status).toBe(400);
    expect((await put(`feedback/${ids.pay}`, {})).status).toBe(400);
    expect((await put('feedback/999999', { status: 'resolved' })).status).toBe(404);
    expect((await put('feedback', { read: true })).status).toBe(400);
    expect((await put('feedback?id=x', { read: true })).status).toBe(400);
    await expect(page('?status=archived')).rejects.toThrow(/400/);
    // Ids of no feedback are skipped.
    expect((await changeMany([ids.pay, 999999], { read: true })).items.map((i) => i.id)).toEqual([ids.pay]);
  });
});
