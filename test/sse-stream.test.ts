import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamMessage } from '../src/shared/api-types';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;
beforeAll(async () => { lookout = await startTestLookout(); });
afterAll(async () => { await lookout.stopAndClean(); });

interface Frame { id: number; message: StreamMessage }

/** Reads SSE frames from the stream until `until` says stop. */
async function readFrames(lastEventId: number | null, until: (frames: Frame[]) => boolean, afterOpen?: () => Promise<void>): Promise<Frame[]> {
  const ctrl = new AbortController();
  const res = await fetch(`${lookout.url}/_lookout/api/stream`, {
    headers: lastEventId === null ? {} : { 'last-event-id': String(lastEventId) }, signal: ctrl.signal,
  });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const frames: Frame[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const opened = afterOpen?.();
  while (!until(frames)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const id = /^id: (\d+)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (id && data) frames.push({ id: Number(id), message: JSON.parse(data) as StreamMessage });
    }
  }
  await opened;
  ctrl.abort();
  return frames;
}

const send = (message: string) => post(`${lookout.url}/api/1/envelope/`, `{}\n{"type":"event"}\n{"message":"${message}"}`);

describe('SSE stream', () => {
  it('pushes item and issue messages, and resumes without gaps from Last-Event-ID', async () => {
    const live = await readFrames(null, (f) => f.some((x) => x.message.type === 'issue'), async () => { await send('first message'); });
    const item = live.find((f) => f.message.type === 'item')!;
    expect(item.message.type === 'item' && item.message.item.title).toBe('first message');
    const issue = live.find((f) => f.message.type === 'issue')!;
    expect(issue.message.type === 'issue' && issue.message.change).toBe('created');

    // Disconnected: two more arrive; a reconnect with the last id gets exactly those.
    await send('second message');
    await send('third message');
    const resumed = await readFrames(item.id, (f) => f.filter((x) => x.message.type === 'item').length >= 2);
    const titles = resumed.flatMap((f) => (f.message.type === 'item' ? [f.message.item.title] : []));
    expect(titles).toEqual(['second message', 'third message']);
  });

  it('sends every item of an error loop, but its issue once per commit: first as created, last with the full count', async () => {
    const N = 40;
    const isItem = (f: Frame) => f.message.type === 'item' && f.message.item.title === 'loop message';
    const frames = await readFrames(null, (f) => f.filter(isItem).length >= N
      && f.some((x) => x.message.type === 'issue' && x.message.issue.count === N), async () => {
      await Promise.all(Array.from({ length: N }, () => send('loop message')));
    });
    const issueFrames = frames.filter((f) => f.message.type === 'issue' && f.message.issue.title.includes('loop message'));
    expect(frames.filter(isItem)).toHaveLength(N);
    expect(issueFrames.length).toBeGreaterThan(0);
    expect(issueFrames.length).toBeLessThan(N);
    expect(issueFrames[0]!.message.type === 'issue' && issueFrames[0]!.message.change).toBe('created');
    // Each comes after the items of its commit, with the id of the last of them.
    for (const f of issueFrames) expect(frames.some((x) => isItem(x) && x.id === f.id && frames.indexOf(x) < frames.indexOf(f))).toBe(true);
  });
});
