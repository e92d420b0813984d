import type { ServerResponse } from 'node:http';
import type { StreamMessage } from '../../shared/api-types';

/**
 * Server-Sent Events to every open UI. Item messages carry the item's `seq` as their id, and
 * the issue messages of an envelope carry the id of its last item, so a client reconnecting
 * with `Last-Event-ID` gets exactly what it missed from the store. A deletion's message carries
 * `seq.count` (deletion-mark.ts): a client that missed it is told to read everything again.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
export class SseHub {
  private clients = new Set<ServerResponse>();
  private heartbeat: NodeJS.Timeout;
  /** Frames published in this turn of the event loop, written to every client in one go. */
  private pending = '';
  private flushScheduled = false;

  constructor() {
    this.heartbeat = setInterval(() => { for (const c of this.clients) c.write(': keep-alive\n\n'); }, 15_000);
    this.heartbeat.unref();
  }

  get size(): number { return this.clients.size; }

  attach(res: ServerResponse, backlog: { id: number | string; message: StreamMessage | null }[]): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 1000\n\n');
    for (const { id, message } of backlog) res.write(frame(id, message));
    // What was published before it is committed, so the backlog (read from the store) has it.
    this.flush();
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  /**
   * Queues a message for every open UI. A commit of many events publishes many messages at once:
   * they go out as one write per client (one system call, not one per message).
   */
  publish(id: number | string, message: StreamMessage): void {
    if (this.clients.size === 0) return;
    this.pending += frame(id, message);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const text = this.pending;
    this.pending = '';
    if (text) for (const c of this.clients) c.write(text);
  }

  close(): void {
    this.flush();
    clearInterval(this.heartbeat);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }
}

/** A message, or (`null`) an id alone: it sets the client's last event id and dispatches nothing. */
function frame(id: number | string, message: StreamMessage | null): string {
  if (message === null) return `id: ${id}\n\n`;
  return `id: ${id}\nevent: ${message.type}\ndata: ${JSON.stringify(message)}\n\n`;
}
