/**
 * Migration 007 moves the per-span rows of an older store into span blocks. The same envelopes
 * (real @sentry/node output) are stored twice — as the pipeline before 007 wrote them, then
 * migrated, and through today's pipeline — and the trace API must answer both alike.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { traceQueries } from '../api/trace-queries';
import { CORPUS_DIR } from '../export/test-report-input';
import { parseEnvelope } from '../ingest/envelope';
import { normalizeEvent } from '../pipeline/normalize-event';
import { prepareEnvelope } from '../pipeline/prepare-envelope';
import { containerSpans, sentSpanEnvelopes, spanContainer, toSpan, transactionOf } from '../pipeline/test-span-envelopes';
import type { DB } from './db';
import { MIGRATIONS } from './migrations';
import { planWriter } from './plan-writer';
import { openStore, removeStoreDirs, tempStoreDir } from './test-dictionary-store';

afterEach(removeStoreDirs);
const RECEIVED = Date.now();

type Row = Record<string, unknown>;
const columns = (raw: unknown, transactionEventId: string | null): Row => {
  const s = toSpan(raw);
  return { trace_id: s.traceId, span_id: s.spanId, parent_span_id: s.parentSpanId, transaction_event_id: transactionEventId, op: s.op,
    name: s.name, status: s.status, start_ms: s.startMs, end_ms: s.endMs, data: s.data };
};

/** The `spans` rows the pipeline wrote before migration 007: span items in order, then the transaction's spans. */
function legacyRows(body: Buffer): Row[] {
  const rows: Row[] = [];
  const txn: Row[] = [];
  for (const item of parseEnvelope(body).items) {
    const json = JSON.parse(item.payload.toString('utf8')) as Row;
    if (item.headers.type === 'span') {
      for (const s of Array.isArray(json.items) ? json.items as unknown[] : [json]) rows.push(columns(s, null));
    } else if (item.headers.type === 'transaction') {
      const event = normalizeEvent(json, null, RECEIVED);
      const root = { ...event.contexts?.trace, description: event.transaction, start_timestamp: event.start_timestamp, timestamp: event.timestamp };
      for (const s of [root, ...(event.spans ?? [])]) txn.push(columns(s, event.event_id ?? null));
    }
  }
  return [...rows, ...txn];
}

function legacyStore(dir: string, bodies: readonly Buffer[]): void {
  const db = new Database(path.join(dir, 'lookout.db'));
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  for (const m of MIGRATIONS.filter((x) => x.version <= 6)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?, ?)').run(m.version, m.name, createHash('sha256').update(m.sql).digest('hex'), RECEIVED);
  }
  const insert = db.prepare(`INSERT INTO spans (project_id, envelope_id, trace_id, span_id, parent_span_id, transaction_event_id, op, name,
    status, start_ms, end_ms, data) VALUES (1, @envelope_id, @trace_id, @span_id, @parent_span_id, @transaction_event_id, @op, @name,
    @status, @start_ms, @end_ms, @data)`);
  // Each span's envelope, as ingest recorded it (the trace list reads when its newest spans arrived).
  const envelope = db.prepare(`INSERT INTO envelopes (id, received, route, method, project_id, outcome, status, size, headers)
    VALUES (?, ?, 'envelope /api/1/envelope/', 'POST', 1, 'accepted', 200, ?, '{}')`);
  bodies.forEach((body, i) => {
    envelope.run(i + 1, RECEIVED, body.length);
    for (const row of legacyRows(body)) insert.run({ ...row, envelope_id: i + 1 });
  });
  db.close();
}

async function currentStore(dir: string, bodies: readonly Buffer[]): Promise<DB> {
  const db = openStore(dir);
  const write = planWriter(db);
  for (const body of bodies) {
    const request = { received: RECEIVED, route: 'envelope', method: 'POST', projectId: 1, client: null, sentryKey: null, headers: {}, body };
    const plan = await prepareEnvelope(parseEnvelope(body), request, 1, null);
    db.transaction(() => write(plan))();
  }
  return db;
}

/** Every page of the trace list (two traces a page) and every listed trace in detail. */
function answers(db: DB) {
  const traces = traceQueries(db);
  const pages = [];
  let before: number | undefined;
  for (let i = 0; i < 20; i++) {
    const page = traces.list({ limit: 2, before });
    pages.push(page);
    if (!page.nextCursor) break;
    before = Number(page.nextCursor);
  }
  const ids = pages.flatMap((p) => p.items.map((t) => t.traceId));
  return { pages, all: traces.list({ limit: 50 }), details: ids.map((id) => traces.detail(id)) };
}

describe('migration 007 (span blocks)', () => {
  it('moves spans written before it into blocks the trace API reads as it read the spans', async () => {
    const [a, b] = await sentSpanEnvelopes([{ root: 'GET /cart', op: 'http.server', children: 4 },
      { root: 'GET /pay', op: 'http.server', children: 2 }]);
    const [txn] = await sentSpanEnvelopes([{ root: 'GET /checkout', op: 'http.server', children: 3 }], 'static');
    const spansA = containerSpans(a!);
    const headers = parseEnvelope(a!).headers;
    // A v1 span without `op`: the list then reads it from the span's `sentry.op` data entry.
    const v1 = readFileSync(path.join(CORPUS_DIR, 'envelope_with_only_span.txt'), 'utf8').replace('"op":"ui.interaction.click",', '');
    const bodies = [spanContainer(headers, [spansA[0], ...containerSpans(b!), spansA[1]]), txn!, Buffer.from(v1),
      spanContainer(headers, spansA.slice(2))];

    const oldDir = tempStoreDir();
    legacyStore(oldDir, bodies);
    const migrated = openStore(oldDir);
    const fresh = await currentStore(tempStoreDir(), bodies);

    expect(migrated.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'spans%'").all()).toEqual([]);
    expect(migrated.prepare('SELECT envelope_id, span_count, codec FROM span_blocks ORDER BY id').all()).toEqual([
      { envelope_id: 1, span_count: 3, codec: 'raw' }, { envelope_id: 1, span_count: 2, codec: 'raw' },
      { envelope_id: 2, span_count: 4, codec: 'raw' }, { envelope_id: 3, span_count: 1, codec: 'raw' },
      { envelope_id: 4, span_count: 3, codec: 'raw' }]);
    const before = answers(migrated);
    expect(before).toEqual(answers(fresh));

    expect(before.all.items.map((t) => [t.rootName, t.rootOp, t.spanCount])).toEqual([['GET /cart', 'http.server', 5],
      ['body > div#sentry-spotlight-root', 'ui.interaction.click', 1], ['GET /checkout', 'http.server', 4], ['GET /pay', 'http.server', 3]]);
    expect(before.pages.flatMap((p) => p.items)).toEqual(before.all.items);
    const byStart = [...spansA].sort((x, y) => (x.start_timestamp as number) - (y.start_timestamp as number));
    expect(before.details[0]!.spans.map((s) => s.name)).toEqual(byStart.map((s) => s.name));
    const txnId = transactionOf(txn!).event_id;
    expect(before.details[2]!.spans.map((s) => s.transactionEventId)).toEqual([txnId, txnId, txnId, txnId]);
    migrated.close();
    fresh.close();
  });
});
