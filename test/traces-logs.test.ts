/**
 * Traces, logs and single items with real @sentry/node 11: nested `startSpan` spans (span v2
 * containers by default, transaction events with `traceLifecycle: 'static'`), an error captured
 * inside a span (so it carries the trace id and the span id) and `Sentry.logger` calls in it.
 */
import { readFileSync } from 'node:fs';
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  EventDetail, IssueSummary, ItemDetail, ItemSummary, LogEntry, Page, TraceDetail, TraceSpan, TraceSummary,
} from '../src/shared/api-types';
import { SPOTLIGHT_CORPUS } from '../src/core/grouping/test-support/corpus';
import { post, startTestLookout, type TestLookout } from './helpers/lookout';

let lookout: TestLookout;

function initSentry(options: Partial<Sentry.NodeOptions> = {}): void {
  Sentry.init({
    dsn: lookout.dsn, tracesSampleRate: 1, release: 'traces@1.0.0', defaultIntegrations: false, ...options,
  });
}

function priceOf(item: string): never {
  throw new Error(`no price for ${item}`);
}

/** A checkout request: three nested spans, two logs and an error in the innermost span. */
function checkout(): string {
  let errorId = '';
  // A new trace each call: root spans otherwise continue the scope's propagation trace id.
  Sentry.startNewTrace(() => Sentry.startSpan({ name: 'GET /checkout', op: 'http.server' }, () => {
    Sentry.startSpan({ name: 'load cart', op: 'db.query' }, () => {
      Sentry.logger.info(Sentry.logger.fmt`cart ${'c-42'} loaded`, { items: 2 });
    });
    Sentry.startSpan({ name: 'price items', op: 'function' }, () => {
      Sentry.logger.warn('discount 50% off is stale', { code: 'SPRING' });
      Sentry.logger.warn('discount 500 off is unknown');
      try { priceOf('ink'); } catch (err) { errorId = Sentry.captureException(err); }
    });
  }));
  return errorId;
}

async function get(path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${lookout.url}/_lookout/api/${path}`);
  return { status: res.status, body: await res.json() as unknown };
}

beforeAll(async () => {
  lookout = await startTestLookout();
});

afterAll(async () => {
  await Sentry.close(2000);
  await lookout.stopAndClean();
});

describe('a span-streamed trace (span v2 containers)', () => {
  let errorId = '';
  let traceId = '';

  beforeAll(async () => {
    initSentry();
    errorId = checkout();
    expect(await Sentry.flush(5000)).toBe(true);
    traceId = (await lookout.api<EventDetail>(`events/${errorId}`)).traceId ?? '';
  });

  it('returns the nested spans with their parents, the error in its span and the logs', async () => {
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const trace = await lookout.api<TraceDetail>(`traces/${traceId}`);
    const byName = new Map(trace.spans.map((s) => [s.name, s]));
    const root = byName.get('GET /checkout');
    const load = byName.get('load cart');
    const price = byName.get('price items');
    expect(trace.spans).toHaveLength(3);
    expect(root?.parentSpanId ?? null).toBeNull();
    expect(root?.op).toBe('http.server');
    expect(load?.parentSpanId).toBe(root?.spanId);
    expect(price?.parentSpanId).toBe(root?.spanId);
    expect(load?.op).toBe('db.query');
    expect(trace.spans.every((s: TraceSpan) => s.startMs !== null && s.endMs !== null && s.endMs >= s.startMs)).toBe(true);
    expect(trace.durationMs).toBeGreaterThanOrEqual(0);

    expect(trace.errors.map((e) => e.eventId)).toEqual([errorId]);
    expect(trace.errors[0]?.title).toBe('Error: no price for ink');
    expect(trace.errors[0]?.issueId).not.toBeNull();
    expect(trace.errors[0]?.spanId).toBe(price?.spanId);

    expect(trace.logs.map((l) => [l.level, l.body])).toEqual([
      ['info', 'cart c-42 loaded'], ['warn', 'discount 50% off is stale'], ['warn', 'discount 500 off is unknown'],
    ]);
    expect(trace.logs[0]?.spanId).toBe(load?.spanId);
    expect(trace.logs[0]?.attributes.items).toBe(2);
    expect(trace.logs[1]?.attributes.code).toBe('SPRING');
  });

  it('lists the trace with its root, span count and error count', async () => {
    const page = await lookout.api<Page<TraceSummary>>('traces');
    const row = page.items.find((t) => t.traceId === traceId);
    expect(row).toMatchObject({ rootName: 'GET /checkout', rootOp: 'http.server', spanCount: 3, errorCount: 1, projectId: 1, rootMissing: false });
  });

  it('finds a trace by its root span name or op, or by the start of its id', async () => {
    const ids = async (query: string) => (await lookout.api<Page<TraceSummary>>(`traces?query=${encodeURIComponent(query)}`)).items.map((t) => t.traceId);
    expect(await ids('get /CHECKOUT')).toContain(traceId);
    expect(await ids('http.server')).toContain(traceId);
    expect(await ids(traceId.slice(0, 8))).toEqual([traceId]);
    expect(await ids('no such root')).toEqual([]);
  });

  it('says when no root span has arrived: a trace continued from a service that does not send here', async () => {
    const upstream = { traceId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', spanId: '1a2b3c4d5e6f7081' };
    Sentry.continueTrace({ sentryTrace: `${upstream.traceId}-${upstream.spanId}-1`, baggage: undefined }, () => {
      Sentry.startSpan({ name: 'POST /api/orders', op: 'http.server' }, () => undefined);
    });
    expect(await Sentry.flush(5000)).toBe(true);
    const row = (await lookout.api<Page<TraceSummary>>('traces')).items.find((t) => t.traceId === upstream.traceId);
    expect(row).toMatchObject({ rootName: 'POST /api/orders', rootMissing: true, spanCount: 1 });
  });

  it('answers 404 "trace not captured" for an unknown trace and 400 for a non-id', async () => {
    const missing = await get(`traces/${'ab'.repeat(16)}`);
    expect(missing.status).toBe(404);
    expect(JSON.stringify(missing.body)).toContain('trace not captured');
    expect((await get('traces/not-a-trace-id-at-all-not-a-trace-id')).status).toBe(404);
  });

  it('filters logs by level, body text (with % taken literally) and trace', async () => {
    const bodies = async (q: string) => (await lookout.api<Page<LogEntry>>(`logs?${q}`)).items.map((l) => l.body);
    expect(await bodies('level=warn')).toEqual(['discount 500 off is unknown', 'discount 50% off is stale']);
    expect(await bodies('level=warning')).toEqual(['discount 500 off is unknown', 'discount 50% off is stale']);
    expect(await bodies('level=info')).toEqual(['cart c-42 loaded']);
    expect(await bodies(`query=${encodeURIComponent('50%')}`)).toEqual(['discount 50% off is stale']);
    expect(await bodies('query=DISCOUNT&level=warn')).toHaveLength(2);
    expect(await bodies(`query=${encodeURIComponent('_')}`)).toEqual([]);
    expect(await bodies(`trace=${traceId}`)).toHaveLength(3);
    expect(await bodies(`trace=${'cd'.repeat(16)}`)).toEqual([]);
  });

  it('pages the logs newest first with a cursor, without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: Page<LogEntry> = await lookout.api(`logs?limit=1${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items.map((l) => l.body));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(['discount 500 off is unknown', 'discount 50% off is stale', 'cart c-42 loaded']);
    expect((await get('logs?before=garbage')).status).toBe(400);
  });

  it('returns a log container item with its headers and JSON payload', async () => {
    const items = (await lookout.api<Page<ItemSummary>>('items?limit=1000')).items;
    const log = items.find((i) => i.kind === 'log');
    expect(log).toBeDefined();
    const detail = await lookout.api<ItemDetail>(`items/${log!.seq}`);
    expect(detail.item.seq).toBe(log!.seq);
    expect(detail.headers.type).toBe('log');
    expect(detail.headers.content_type).toBe('application/vnd.sentry.items.log+json');
    const payload = detail.payload as { items: { body: string; trace_id: string }[] };
    expect(payload.items.map((l) => l.body)).toContain('cart c-42 loaded');
    expect(payload.items.every((l) => l.trace_id === traceId)).toBe(true);
    expect(detail.size).toBeGreaterThan(0);

    const span = items.find((i) => i.kind === 'span');
    const spanDetail = await lookout.api<ItemDetail>(`items/${span!.seq}`);
    expect(spanDetail.headers.content_type).toBe('application/vnd.sentry.items.span.v2+json');
    expect((await get('items/999999999')).status).toBe(404);
  });
});

describe('a transaction-event trace (traceLifecycle static)', () => {
  it('takes the spans of the transaction event, its root from the trace context', async () => {
    await Sentry.close(2000);
    initSentry({ traceLifecycle: 'static' });
    const errorId = checkout();
    expect(await Sentry.flush(5000)).toBe(true);
    const traceId = (await lookout.api<EventDetail>(`events/${errorId}`)).traceId!;
    const trace = await lookout.api<TraceDetail>(`traces/${traceId}`);
    expect(trace.spans.map((s) => s.name).sort()).toEqual(['GET /checkout', 'load cart', 'price items']);
    const root = trace.spans.find((s) => s.name === 'GET /checkout');
    expect(root?.transactionEventId).toMatch(/^[0-9a-f]{32}$/);
    expect(trace.spans.filter((s) => s !== root).every((s) => s.parentSpanId === root?.spanId)).toBe(true);
    expect(trace.errors.map((e) => e.eventId)).toEqual([errorId]);
    const list = await lookout.api<Page<TraceSummary>>('traces');
    expect(list.items[0]).toMatchObject({ traceId, rootName: 'GET /checkout', spanCount: 3 });
    // The live stream and the event page label a transaction by its name, as Sentry does.
    const items = (await lookout.api<Page<ItemSummary>>('items?limit=1000')).items;
    const transaction = items.find((i) => i.kind === 'transaction' && i.eventId === root?.transactionEventId);
    expect(transaction).toMatchObject({ title: 'GET /checkout', level: 'info' });
    expect(await lookout.api<EventDetail>(`events/${root!.transactionEventId!}`)).toMatchObject({ title: 'GET /checkout', culprit: 'GET /checkout' });
  });
});

describe('trace list paging', () => {
  it('pages traces newest first with a cursor, each trace once', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const errorId = checkout();
      expect(await Sentry.flush(5000)).toBe(true);
      made.push((await lookout.api<EventDetail>(`events/${errorId}`)).traceId!);
    }
    const listed: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page: Page<TraceSummary> = await lookout.api(`traces?limit=2${cursor ? `&before=${cursor}` : ''}`);
      listed.push(...page.items.map((t) => t.traceId));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.slice(0, 5)).toEqual([...made].reverse());
    expect(listed.length).toBeGreaterThanOrEqual(7);
  });
});

describe('hostile items through the new endpoints', () => {
  const envelope = (...lines: string[]) => post(`${lookout.url}/api/1/envelope/?sentry_key=k`, lines.join('\n'));
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  const newest = async () => (await lookout.api<Page<ItemSummary>>('items?limit=1')).items[0]!;

  it('items/:seq answers a 100,000-deep log item as text and a binary attachment with a size note', async () => {
    expect((await envelope('{}', '{"type":"log","item_count":1}', `{"items":${deep(100_000)}}`)).status).toBe(200);
    const deepItem = await lookout.api<ItemDetail>(`items/${(await newest()).seq}`);
    expect(deepItem.payload).toBeUndefined();
    expect(deepItem.note).toBe('JSON nested deeper than 100 levels, shown as text');
    expect(deepItem.text?.startsWith('{"items":[[[')).toBe(true);

    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]);
    const body = Buffer.concat([Buffer.from(`{}\n{"type":"attachment","length":${bytes.length},"filename":"a.png"}\n`), bytes]);
    expect((await post(`${lookout.url}/api/1/envelope/?sentry_key=k`, body)).status).toBe(200);
    const binary = await lookout.api<ItemDetail>(`items/${(await newest()).seq}`);
    expect(binary).toMatchObject({ size: 7, note: 'binary payload, 7 bytes', headers: { type: 'attachment', filename: 'a.png' } });
  });

  it('a log with attributes nested 3,000 deep is listed with a note, not a 500', async () => {
    const traceId = 'fe'.repeat(16);
    const log = `{"timestamp":${Date.now() / 1000},"level":"error","body":"deep attrs","trace_id":"${traceId}","attributes":{"x":${deep(3000)}}}`;
    expect((await envelope('{}', '{"type":"log","item_count":1}', `{"items":[${log}]}`)).status).toBe(200);
    const page = await lookout.api<Page<LogEntry>>('logs?query=deep%20attrs');
    expect(page.items.map((l) => l.attributes)).toEqual([{ '…': 'attributes nested deeper than 32 levels, not shown' }]);
    const trace = await lookout.api<TraceDetail>(`traces/${traceId}`);
    expect(trace.logs.map((l) => l.body)).toEqual(['deep attrs']);
    expect(trace.spans).toEqual([]);
  });

  it('items/:seq re-reads a legacy store event through the same conversion as ingest', async () => {
    const id = 'ab'.repeat(16);
    const res = await post(`${lookout.url}/api/1/store/?sentry_key=k`, JSON.stringify({ event_id: id, message: 'from the store route' }),
      { 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    const item = await lookout.api<ItemDetail>(`items/${(await newest()).seq}`);
    expect(item.headers.type).toBe('event');
    expect((item.payload as { message?: string }).message).toBe('from the store route');
  });
});

describe('issue list total', () => {
  it('counts the issues matching the filters on the first page only', async () => {
    const first = await lookout.api<Page<IssueSummary>>('issues?limit=1&status=all');
    const all = await lookout.api<Page<IssueSummary>>('issues?limit=500&status=all');
    expect(first.total).toBe(all.items.length);
    expect(all.items.length).toBeGreaterThanOrEqual(1);
    expect((await lookout.api<Page<IssueSummary>>('issues?query=nothing-matches-this')).total).toBe(0);
    if (first.nextCursor) {
      const next = await lookout.api<Page<IssueSummary>>(`issues?limit=1&status=all&cursor=${encodeURIComponent(first.nextCursor)}`);
      expect(next.total).toBeUndefined();
    }
  });
});

describe('search over text printed with terminal colours', () => {
  it('finds a coloured log line and a coloured message by the words they show, not by their escape codes', async () => {
    await Sentry.close(2000);
    initSentry();
    Sentry.logger.info('\x1b[32m✓\x1b[39m \x1b[1mconnected\x1b[22m to database \x1b[36musers\x1b[39m');
    Sentry.captureMessage('\x1b[31mqueue\x1b[39m \x1b[1mstalled\x1b[22m at job 7');
    expect(await Sentry.flush(5000)).toBe(true);
    const logs = async (q: string) => (await lookout.api<Page<LogEntry>>(`logs?query=${encodeURIComponent(q)}`)).items;
    expect(await logs('connected to database users')).toHaveLength(1);
    expect(await logs('✓ connected')).toHaveLength(1);
    expect(await logs('[36m')).toEqual([]);
    const plain = await logs('cart c-42');
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.every((l) => l.body === 'cart c-42 loaded')).toBe(true);
    const issues = async (q: string) => (await lookout.api<Page<IssueSummary>>(`issues?status=all&query=${encodeURIComponent(q)}`)).items;
    expect((await issues('queue stalled')).map((i) => i.title)).toEqual(['queue stalled at job 7']);
    expect(await issues('31mqueue')).toEqual([]);
  });
});

describe("sentry-python's transaction (span times as RFC 3339 strings)", () => {
  it('keeps every span timed and lists the trace under its transaction', async () => {
    const body = readFileSync(`${SPOTLIGHT_CORPUS}/envelope_python.txt`);
    expect((await post(`${lookout.url}/api/1/envelope/?sentry_key=k`, body)).status).toBe(200);
    const payload = JSON.parse(body.toString('utf8').split('\n')[2]!) as { contexts: { trace: { trace_id: string } }; spans: unknown[]; transaction: string };
    const traceId = payload.contexts.trace.trace_id;
    const trace = await lookout.api<TraceDetail>(`traces/${traceId}`);
    expect(trace.spans).toHaveLength(payload.spans.length + 1);
    expect(trace.spans.every((s) => Number.isFinite(s.startMs) && Number.isFinite(s.endMs) && s.endMs! >= s.startMs!)).toBe(true);
    const list = await lookout.api<Page<TraceSummary>>('traces?limit=100');
    const row = list.items.find((t) => t.traceId === traceId);
    expect(row).toMatchObject({ rootName: payload.transaction, rootOp: 'http.server' });
    // Sent in 2023: moved to the receive time as Relay moves an event over 30 days old (event-clock.ts), and listed as arrived now.
    expect(row!.startMs!).toBeGreaterThan(Date.now() - 60_000);
    expect(row!.lastReceivedMs).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('a trace whose log comes after its last span', () => {
  it('says the same duration in the list and on its page (its spans\'), and the page still reaches the log', async () => {
    initSentry();
    let traceId = '';
    await Sentry.startNewTrace(async () => {
      traceId = Sentry.getCurrentScope().getPropagationContext().traceId;
      Sentry.startSpan({ name: 'GET /late-log', op: 'http.server' }, () => undefined);
      await new Promise((r) => setTimeout(r, 120));
      Sentry.logger.info('written after the request ended');
    });
    expect(await Sentry.flush(5000)).toBe(true);
    await expect.poll(async () => (await lookout.api<Page<LogEntry>>(`logs?trace=${traceId}&limit=1`)).items.length, { timeout: 10_000 }).toBe(1);
    const trace = await lookout.api<TraceDetail>(`traces/${traceId}`);
    const row = (await lookout.api<Page<TraceSummary>>('traces?limit=100')).items.find((t) => t.traceId === traceId);
    const span = trace.spans[0]!;
    expect(trace.durationMs).toBe(span.endMs! - span.startMs!);
    expect(row?.durationMs).toBe(trace.durationMs);
    expect(trace.endMs).toBe(trace.logs[0]!.timestamp);
    expect(trace.endMs! - trace.startMs!).toBeGreaterThanOrEqual(100);
  });
});

describe('a trace of logs only, more than the 1,000 a trace lists', () => {
  it('lasts until its last log and belongs to the logs\' project', async () => {
    initSentry();
    let traceId = '';
    await Sentry.startNewTrace(async () => {
      traceId = Sentry.getCurrentScope().getPropagationContext().traceId;
      for (let i = 0; i < 1000; i++) Sentry.logger.info(`step ${i}`);
      await new Promise((r) => setTimeout(r, 300));
      for (let i = 1000; i < 1100; i++) Sentry.logger.info(`step ${i}`);
    });
    expect(await Sentry.flush(5000)).toBe(true);
    await expect.poll(async () => (await lookout.api<Page<LogEntry>>(`logs?trace=${traceId}&limit=1`)).items[0]?.body, { timeout: 10_000 }).toBe('step 1099');
    const newest = (await lookout.api<Page<LogEntry>>(`logs?trace=${traceId}&limit=1`)).items[0]!;
    const trace = await lookout.api<TraceDetail>(`traces/${traceId}`);
    expect(trace.logsTruncated).toBe(true);
    expect(trace.logs).toHaveLength(1000);
    expect(trace.endMs).toBe(newest.timestamp);
    expect(trace.durationMs).toBeGreaterThanOrEqual(300);
    expect(trace.projectIds).toEqual([1]);
  });
});
