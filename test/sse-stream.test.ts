import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';
import { readFrames as readFrames_, type Frame } from './helpers/sse';

let lookout: TestLookout;
beforeAll(async () => { lookout = await startTestLookout(); });
afterAll(async () => { await lookout.stopAndClean(); });

const readFrames = (lastEventId: number | null, until: (frames: Frame[]) => boolean, afterOpen?: () => Promise<void>) =>
  readFrames_(lookout.url, lastEventId, until, afterOpen);

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
