import { afterEach, describe, expect, it } from 'vitest';
import { envelopeBody } from './event-payload';
import { traceQueries } from '../api/trace-queries';
import { parseEnvelope } from '../ingest/envelope';
import { prepareEnvelope } from '../pipeline/prepare-envelope';
import { prepareRequest } from '../pipeline/prepare-request';
import { containerSpans, sentSpanEnvelopes, spanContainer, transactionOf } from '../pipeline/test-span-envelopes';
import { StoredBodyError } from './body-dictionary';
import type { DB } from './db';
import { planWriter } from './plan-writer';
import { pruneBatch } from './retention';
import { openStore, removeStoreDirs, tempStoreDir } from './test-dictionary-store';

afterEach(removeStoreDirs);

/** A store holding `bodies`, each written as received at its time. */
async function store(bodies: readonly (readonly [Buffer, number])[]): Promise<DB> {
  const db = openStore(tempStoreDir());
  const write = planWriter(db);
  for (const [body, received] of bodies) {
    const request = { received, route: 'envelope', method: 'POST', projectId: 1, client: null, sentryKey: null, headers: {}, body };
    const plan = await prepareEnvelope(parseEnvelope(body), request, 1, null);
    db.transaction(() => write(plan))();
  }
  return db;
}

describe('span blocks in the store', () => {
  it('stores a 50-span container as one row whose spans the trace API returns', async () => {
    const [body] = await sentSpanEnvelopes([{ root: 'GET /search', op: 'http.server', children: 49 }]);
    const db = await store([[body!, Date.now()]]);
    const sent = containerSpans(body!);
    expect(db.prepare('SELECT COUNT(*) AS blocks, SUM(span_count) AS spans FROM span_blocks').get()).toEqual({ blocks: 1, spans: 50 });
    const traceId = sent[0]!.trace_id as string;
    const trace = traceQueries(db).detail(traceId);
    expect(trace.spans.map((s) => s.spanId).sort()).toEqual(sent.map((s) => s.span_id).sort());
    expect(trace.spans.find((s) => s.name === 'GET /search step 7')).toMatchObject({ op: 'db.query', status: 'ok', transactionEventId: null,
      data: expect.objectContaining({ 'sentry.op': 'db.query', 'sentry.sdk.name': 'sentry.javascript.node' }) as unknown });
    expect(traceQueries(db).list({ limit: 10 }).items).toEqual([expect.objectContaining({ traceId, rootName: 'GET /search', spanCount: 50 })]);
    db.close();
  });

  it('deletes the blocks of pruned envelopes and keeps the others', async () => {
    const day = 86_400_000;
    const now = Date.now();
    const [old, kept] = await sentSpanEnvelopes([{ root: 'GET /old', op: 'http.server', children: 2 },
      { root: 'GET /kept', op: 'http.server', children: 2 }]);
    const db = await store([[old!, now - 40 * day], [kept!, now]]);
    // Its return also counts the old envelope's hourly Stats row pruned with it.
    expect(pruneBatch(db, { maxEvents: 1e9, maxAgeDays: 30, maxBytes: 1e15 }, now)).toBeGreaterThanOrEqual(1);
    expect(db.prepare('SELECT count(*) FROM envelopes').pluck().get()).toBe(1);
    expect(db.prepare('SELECT root_name FROM span_blocks').pluck().all()).toEqual(['GET /kept']);
    db.close();
  });

  it('stores no span data in the block and reads the spans from the stored request', async () => {
    const [body] = await sentSpanEnvelopes([{ root: 'GET /lean', op: 'http.server', children: 9 }]);
    const db = await store([[body!, Date.now()]]);
    expect(db.prepare('SELECT envelope_id, item_index, spans, codec FROM span_blocks').all()).toEqual([
      { envelope_id: 1, item_index: 0, spans: null, codec: null }]);
    expect(traceQueries(db).detail(containerSpans(body!)[0]!.trace_id as string).spans).toHaveLength(10);
    db.close();
  });

  it('answers a trace without the blocks of a request body that no longer decodes, with the others', async () => {
    const [body] = await sentSpanEnvelopes([{ root: 'GET /split', op: 'http.server', children: 29 }]);
    const sent = containerSpans(body!);
    const headers = parseEnvelope(body!).headers;
    const now = Date.now();
    const db = await store([[spanContainer(headers, sent.slice(0, 10)), now], [spanContainer(headers, sent.slice(10)), now + 1]]);
    db.prepare("UPDATE envelopes SET body = x'0badc0de', body_codec = 'br' WHERE id = 1").run();
    expect(() => envelopeBody(db, 1)).toThrow(StoredBodyError);
    const traceId = sent[0]!.trace_id as string;
    const trace = traceQueries(db).detail(traceId);
    expect(trace.spans.map((s) => s.spanId).sort()).toEqual(sent.slice(10).map((s) => s.span_id).sort());
    // The list reads only the block columns, so it still counts the damaged request's spans.
    expect(traceQueries(db).summary(traceId)).toMatchObject({ spanCount: 30 });
    db.close();
  });

  it('reads the spans of a transaction sent twice to the legacy store route from its JSON body', async () => {
    const [sent] = await sentSpanEnvelopes([{ root: 'GET /legacy', op: 'http.server', children: 2 }], 'static');
    const event = transactionOf(sent!);
    const body = Buffer.from(JSON.stringify(event));
    const db = openStore(tempStoreDir());
    const write = planWriter(db);
    for (const received of [Date.now(), Date.now() + 1]) {
      const out = await prepareRequest({ route: 'store', body, contentType: 'application/json', received, urlProjectId: '1' }, null);
      if (!out.ok) throw new Error(out.detail);
      const request = { received, route: 'store', method: 'POST', projectId: 1, client: null, sentryKey: null,
        headers: { 'content-type': 'application/json' }, body };
      db.transaction(() => write({ ...out.plan, request }))();
    }
    // The second copy is a duplicate of a stored event: its spans are not summarised again.
    expect(db.prepare('SELECT COUNT(*) FROM span_blocks').pluck().get()).toBe(1);
    const trace = traceQueries(db).detail(event.contexts?.trace?.trace_id as string);
    expect(trace.spans.map((s) => [s.name, s.transactionEventId])).toEqual(['GET /legacy', 'GET /legacy step 0', 'GET /legacy step 1']
      .map((name) => [name, event.event_id]));
    db.close();
  });

  it('reads a trace and lists traces through the span_blocks indexes', () => {
    const db = openStore(tempStoreDir());
    const plan = (sql: string, ...args: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT envelope_id, item_index FROM span_blocks WHERE trace_id = ? ORDER BY id', 'x')).toMatch(/USING INDEX span_blocks_trace/);
    expect(plan('SELECT envelope_id, item_index FROM span_blocks WHERE trace_id = ? ORDER BY id', 'x')).not.toMatch(/TEMP B-TREE/);
    expect(plan('SELECT MAX(id) FROM span_blocks WHERE trace_id = ?', 'x')).toMatch(/span_blocks_trace/);
    db.close();
  });
});
