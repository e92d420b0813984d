/**
 * Test support: envelopes of spans as @sentry/node 11 sends them, kept by an in-memory transport
 * (nothing leaves the process). Span streaming (the default) sends one span v2 container per
 * trace; `traceLifecycle: 'static'` sends a transaction event holding the spans.
 * @see https://develop.sentry.dev/sdk/telemetry/spans/span-protocol/
 */
import * as Sentry from '@sentry/node';
import type { SentryEvent } from '../../shared/sentry';
import { parseEnvelope, type Envelope } from '../ingest/envelope';
import { spanData, spanHead } from './prepare-event';
import type { PreparedSpan } from './types';

export interface TraceShape { root: string; op: string; children: number }

/** One envelope per trace, in the order the traces ran: a root span and `children` spans under it. */
export async function sentSpanEnvelopes(traces: readonly TraceShape[], lifecycle: 'stream' | 'static' = 'stream'): Promise<Buffer[]> {
  const sent: Buffer[] = [];
  Sentry.init({
    dsn: 'http://k@127.0.0.1:1/1', tracesSampleRate: 1, defaultIntegrations: false, release: 'shop@5.0.0', traceLifecycle: lifecycle,
    transport: (options) => Sentry.createTransport(options, async (request) => {
      sent.push(Buffer.from(request.body));
      return { statusCode: 200 };
    }),
  });
  for (const t of traces) {
    Sentry.startNewTrace(() => Sentry.startSpan({ name: t.root, op: t.op }, () => {
      for (let i = 0; i < t.children; i++) Sentry.startSpan({ name: `${t.root} step ${i}`, op: 'db.query' }, () => undefined);
    }));
  }
  await Sentry.close(5000);
  return sent;
}

const line = (v: unknown) => JSON.stringify(v);

/** The spans of a span v2 container envelope. */
export function containerSpans(body: Buffer): Record<string, unknown>[] {
  const item = parseEnvelope(body).items.find((i) => i.headers.type === 'span');
  if (!item) throw new Error('no span item in the envelope');
  return (JSON.parse(item.payload.toString('utf8')) as { items: Record<string, unknown>[] }).items;
}

/** A span v2 container envelope holding `spans` (as a proxy or a batching SDK may send spans of several traces). */
export function spanContainer(headers: Envelope['headers'], spans: readonly unknown[]): Buffer {
  const payload = line({ version: 2, items: spans });
  return Buffer.from(`${line(headers)}\n${line({ type: 'span', item_count: spans.length,
    content_type: 'application/vnd.sentry.items.span.v2+json' })}\n${payload}`);
}

/** The transaction event of an envelope sent with `traceLifecycle: 'static'`. */
export function transactionOf(body: Buffer): SentryEvent {
  const item = parseEnvelope(body).items.find((i) => i.headers.type === 'transaction');
  if (!item) throw new Error('no transaction item in the envelope');
  return JSON.parse(item.payload.toString('utf8')) as SentryEvent;
}

/** One span with its data, as the trace API reads it back: what tests compare blocks against. */
export function toSpan(raw: unknown): PreparedSpan {
  return { ...spanHead(raw), data: spanData(raw) };
}
