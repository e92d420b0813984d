import type { StreamMessage } from '../../src/shared/api-types';

/** `id` as a number (a deletion's `seq.count` reads as seq + a fraction); `rawId` as sent. */
export interface Frame { id: number; rawId: string; message: StreamMessage }

/**
 * Reads SSE frames from a Lookout's `/_lookout/api/stream` until `until` says stop; `afterOpen`
 * runs once the stream is open (what should produce the frames).
 */
export async function readFrames(baseUrl: string, lastEventId: number | string | null, until: (frames: Frame[]) => boolean,
  afterOpen?: () => Promise<void>): Promise<Frame[]> {
  const ctrl = new AbortController();
  const res = await fetch(`${baseUrl}/_lookout/api/stream`, {
    headers: lastEventId === null ? {} : { 'last-event-id': String(lastEventId) }, signal: ctrl.signal,
  });
  if (!res.headers.get('content-type')?.includes('text/event-stream')) throw new Error(`not an event stream: ${res.headers.get('content-type')}`);
  const frames: Frame[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  // A failing `afterOpen` ends the read at once (the frames it should have caused never come).
  let failed: unknown = null;
  const opened = afterOpen?.().catch((err: unknown) => { failed = err; ctrl.abort(); });
  while (!until(frames) && failed === null) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const id = /^id: (\d+(?:\.\d+)?)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (id && data) frames.push({ id: Number(id), rawId: id, message: JSON.parse(data) as StreamMessage });
    }
  }
  await opened;
  ctrl.abort();
  if (failed !== null) throw failed;
  return frames;
}
