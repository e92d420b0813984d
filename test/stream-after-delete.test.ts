import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ItemSummary, Page } from '../src/shared/api-types';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';
import { readFrames, type Frame } from './helpers/sse';
import { errorEvent, eventEnvelope, newEventId } from './reliability/support';

// A client that saw the newest items, then missed their deletion, must neither skip the items
// stored after it (SQLite would hand the deleted ids out again) nor keep showing deleted rows.
let lookout: TestLookout;
const dataDir = mkdtempSync(join(tmpdir(), 'lookout-stream-delete-'));
beforeAll(async () => { lookout = await startTestLookout({ dataDir }); });
afterAll(async () => { await lookout.close(); rmSync(dataDir, { recursive: true, force: true }); });

/** Sends one error of `kind` (each kind is its own issue); answers its stream item. */
async function send(kind: number): Promise<ItemSummary> {
  const id = newEventId();
  const res = await post(`${lookout.url}/api/1/envelope/?sentry_key=k`, eventEnvelope(id, errorEvent(id, kind)));
  expect(res.status).toBe(200);
  const page = await lookout.api<Page<ItemSummary>>('items?limit=50');
  return page.items.find((i) => i.eventId === id)!;
}
const del = (path: string) => fetch(`${lookout.url}/_lookout/api/${path}`, { method: 'DELETE' });
const types = (frames: Frame[]) => frames.map((f) => f.message.type);
const backlogFor = (lastEventId: string | number) =>
  readFrames(lookout.url, lastEventId, (f) => f.some((x) => x.message.type === 'item' && x.message.item.kind === 'event'));

describe('the live stream across deletions', () => {
  it('never hands a deleted item or envelope id out again, and tells a client that was away to read everything again', async () => {
    await send(1);
    const newest = await send(2);
    let deletion: Frame | undefined;
    await readFrames(lookout.url, null, (f) => (deletion = f.find((x) => x.message.type === 'issues_deleted')) !== undefined,
      async () => { expect((await del(`issues/${newest.issueId}`)).status).toBe(200); });
    expect(deletion!.rawId).toBe(`${newest.seq}.1`);

    const after = await send(3);
    expect(after.seq).toBe(newest.seq + 1);
    expect(after.envelopeId).toBe(newest.envelopeId + 1);

    // Away since the deleted item: told to start over, then given what came after.
    const missed = await backlogFor(newest.seq);
    expect(types(missed)).toEqual(['resync', 'item', 'issue']);
    expect(missed[0]!.rawId).toBe(`${newest.seq}.1`);
    expect(missed[1]!.id).toBe(after.seq);
    // Got the deletion's message before it went away: only what came after.
    expect(types(await backlogFor(deletion!.rawId))).toEqual(['item', 'issue']);
    // Connected since: no resync; the next item is the first thing it hears.
    const current = await readFrames(lookout.url, after.seq, (f) => f.length > 0, async () => { await send(6); });
    expect(current[0]?.message.type).toBe('item');
  });

  it('keeps the ids taken across Delete all data and a restart', async () => {
    const newest = await send(4);
    expect((await del('data')).status).toBe(200);
    await lookout.close();
    lookout = await startTestLookout({ dataDir });
    const after = await send(5);
    expect(after.seq).toBe(newest.seq + 1);
    expect(after.envelopeId).toBe(newest.envelopeId + 1);
    expect(types(await backlogFor(newest.seq))).toEqual(['resync', 'item', 'issue']);
    expect(types(await backlogFor(`${newest.seq}.2`))).toEqual(['item', 'issue']);
  });

  it('tells a new client where the stream is, so one cut off before any message still learns of a deletion', async () => {
    await send(7);
    const kept = await send(8);
    const position = await firstBlock(null);
    expect(position).toBe(`id: ${kept.seq}`);
    expect((await del(`issues/${kept.issueId}`)).status).toBe(200);
    const away = position.slice('id: '.length);
    expect(types(await readFrames(lookout.url, away, (f) => f.length > 0))).toEqual(['resync']);
    // Right after a deletion the position is the deletion's own id.
    expect(await firstBlock(null)).toMatch(new RegExp(`^id: ${kept.seq}\\.\\d+$`));
  });
});

/** The first SSE block after the `retry:` line, as sent. */
async function firstBlock(lastEventId: string | null): Promise<string> {
  const ctrl = new AbortController();
  const res = await fetch(`${lookout.url}/_lookout/api/stream`, { headers: lastEventId ? { 'last-event-id': lastEventId } : {}, signal: ctrl.signal });
  const reader = res.body!.getReader();
  let text = '';
  while (text.split('\n\n').length < 3) text += new TextDecoder().decode((await reader.read()).value);
  ctrl.abort();
  return text.split('\n\n')[1]!;
}
