import type { IncomingMessage, ServerResponse } from 'node:http';
import { spotlightEnvelopeJson } from './spotlight-envelope';

/** A stored envelope to replay to a client that connects (the newest last). */
export interface PastEnvelope { id: number; body: Buffer }

const LOCAL_ORIGIN = /^https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?$/i;
const LOCAL_HOST = /^(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?$/i;
const MIME = 'application/x-sentry-envelope';

/**
 * Spotlight's `GET /stream`: every envelope Lookout accepts, as Server-Sent Events in the
 * sidecar's format, so Spotlight's overlay and `spotlight tail` work against Lookout on its port.
 * A new client first gets the recent envelopes (after `Last-Event-ID` when it reconnects). Only
 * pages on this machine may read it: the events hold the developer's data, and any site could
 * otherwise fetch them from a loopback port.
 */
export class SpotlightStream {
  private readonly clients = new Set<{ res: ServerResponse; event: string }>();

  constructor(private readonly recent: (afterId: number) => PastEnvelope[]) {}

  get size(): number { return this.clients.size; }

  subscribe(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const origin = req.headers.origin;
    if (!LOCAL_HOST.test(req.headers.host ?? '') || (origin !== undefined && !LOCAL_ORIGIN.test(origin))) {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ detail: 'the Spotlight stream is only for pages on this machine (localhost)' }));
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive',
      ...(origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {}),
    });
    res.write(': lookout\n\n');
    const client = { res, event: url.searchParams.has('base64') ? `${MIME};base64` : MIME };
    const after = Number(req.headers['last-event-id']);
    for (const past of this.recent(Number.isSafeInteger(after) ? after : 0)) this.send(client, past.id, spotlightEnvelopeJson(past.body));
    this.clients.add(client);
    req.on('close', () => this.clients.delete(client));
  }

  /** Sends an accepted envelope to every client (nothing is parsed when none is connected). */
  publish(id: number, body: Buffer): void {
    if (this.clients.size === 0) return;
    const data = spotlightEnvelopeJson(body);
    for (const client of this.clients) this.send(client, id, data);
  }

  private send(client: { res: ServerResponse; event: string }, id: number, data: string | null): void {
    if (data !== null) client.res.write(`id: ${id}\nevent: ${client.event}\ndata: ${data}\n\n`);
  }

  close(): void {
    for (const { res } of this.clients) res.end();
    this.clients.clear();
  }
}
