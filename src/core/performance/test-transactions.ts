/**
 * Transactions shaped as SDKs send them (`contexts.trace`, `spans[]` with ids, ops, descriptions and
 * float-second times), for the detector tests.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/transaction/
 */
import { randomBytes } from 'node:crypto';
import type { SentryEvent } from '../../shared/sentry';

export const spanId = (): string => randomBytes(8).toString('hex');

export interface SpanSpec { op: string; description: string; durationMs: number; gapMs?: number; parent?: string; data?: Record<string, unknown>;
  /** Start at the same time as the previous span (parallel requests). */ parallel?: boolean }

/** A transaction whose root span (`contexts.trace`) has op `rootOp`; spans run one after another unless `parallel`. */
export function transaction(name: string, specs: SpanSpec[], rootOp = 'http.server'): SentryEvent & { rootSpanId: string } {
  const traceId = randomBytes(16).toString('hex');
  const rootSpanId = spanId();
  const start = 1_767_225_600;
  let at = start;
  let lastStart = start;
  const spans = specs.map((s) => {
    const begin = s.parallel ? lastStart : at + (s.gapMs ?? 0) / 1000;
    lastStart = begin;
    at = Math.max(at, begin + s.durationMs / 1000);
    return { trace_id: traceId, span_id: spanId(), parent_span_id: s.parent ?? rootSpanId, op: s.op, description: s.description,
      start_timestamp: begin, timestamp: begin + s.durationMs / 1000, ...(s.data ? { data: s.data } : {}) };
  });
  return {
    type: 'transaction', event_id: randomBytes(16).toString('hex'), transaction: name, platform: 'node',
    start_timestamp: start, timestamp: at + 0.001, rootSpanId,
    contexts: { trace: { trace_id: traceId, span_id: rootSpanId, op: rootOp } }, spans,
  } as SentryEvent & { rootSpanId: string };
}

/** A source query, then `n` runs of one query under the root span: Sentry's "N+1" shape. */
export function nPlusOneQueries(n: number, eachMs: number, opts: { source?: string; query?: string; name?: string; rootOp?: string } = {}) {
  const repeated: SpanSpec = { op: 'db', description: opts.query ?? 'SELECT "posts".* FROM "posts" WHERE "posts"."author_id" = $1', durationMs: eachMs };
  return transaction(opts.name ?? 'GET /authors', [
    { op: 'db', description: opts.source ?? 'SELECT "authors".* FROM "authors" LIMIT 10', durationMs: 3 },
    ...Array.from({ length: n }, () => repeated),
  ], opts.rootOp);
}
