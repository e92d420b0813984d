/**
 * Seeded transactions for the detectors' differential test (`detect-differential.test.ts`): every
 * shape a detector reads (N+1 and MN+1 runs, consecutive and slow `SELECT`s, slow and parallel HTTP
 * calls, large payloads, render-blocking and uncompressed assets) mixed at random with noise
 * (Redis, `default` spans, custom span fingerprints, spans without ids, nested parents, RFC 3339
 * times), and streamed segments like the bench's `spanItems`. The same seed gives the same events,
 * span ids included, so their problems can be pinned and compared exactly.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/transaction/
 */
import type { SentryEvent } from '../../shared/sentry';

/** mulberry32: a small, well-mixed 32-bit generator, seeded. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  return { next, int, pick, hex, chance: (p: number): boolean => next() < p };
}
type Random = ReturnType<typeof seededRandom>;

type Span = Record<string, unknown>;
const T0 = 1_767_225_600;
const TABLES = ['users', 'posts', 'orders', 'items', 'carts'];
const HOSTS = ['api.example.com', 'billing.example', 'cdn.example.net', '10.0.0.7'];

/** A query of a small set, its values varied (so some spans hash alike and differ in their descriptions). */
function query(r: Random): string {
  const table = r.pick(TABLES);
  switch (r.int(0, 7)) {
    case 0: return `SELECT "${table}".* FROM "${table}" WHERE "${table}"."id" = ${r.int(1, 40)}`;
    case 1: return `SELECT * FROM ${table} WHERE owner = $1`;
    case 2: return `SELECT COUNT(*) FROM "${table}"`;
    case 3: return `SELECT * FROM ${table} WHERE id IN (${r.int(1, 9)}, ${r.int(1, 9)}, ?)`;
    case 4: return `SELECT name FROM ${table} WHERE name = '${r.pick(['a', "o''k", 'b'])}' AND flag = ${r.pick(['true', 'false'])}`;
    case 5: return r.pick(['SAVEPOINT "sp_1"', 'SAVEPOINT sp2', `UPDATE ${table} SET n = ${r.int(1, 3)}`, 'prisma:engine:connection']);
    case 6: return `  select * from ${table} limit ${r.int(1, 3)}...`;
    default: return `SELECT * FROM ${table}`;
  }
}

function url(r: Random): string {
  const path = r.pick([`/api/users/${r.int(1, 30)}`, `/api/items?id=${r.int(1, 9)}&page=${r.int(1, 2)}`, '/static/app.js', '/graphql',
    `/api/orders/${r.hex(8)}-${r.hex(4)}`, '/_next/data/build/page.json', '/api/export.json']);
  return `${r.pick(['https', 'http'])}://${r.pick(HOSTS)}${path}`;
}

interface Builder { spans: Span[]; at: number; ids: string[] }

/** Appends a span after the last (or, at times, overlapping it); `fanOut` starts it with the previous span, under the same parent. */
function push(b: Builder, r: Random, op: string | null, description: string | null, ms: number, extra: Span = {}, fanOut = false, parentId?: string): string {
  const id = r.hex(16);
  const previous = b.spans.at(-1);
  const start = fanOut && typeof previous?.start_timestamp === 'number' ? previous.start_timestamp + r.int(0, 5) / 1000
    : r.chance(0.15) ? b.at - ms / 1000 : b.at + (r.chance(0.3) ? r.int(0, 600) / 1000 : 0);
  const end = start + ms / 1000;
  b.at = Math.max(b.at, end);
  const parent = parentId ?? (fanOut && previous ? previous.parent_span_id : r.chance(0.7) ? b.ids[0] : r.pick(b.ids));
  const time = (s: number): unknown => (r.chance(0.05) ? new Date(s * 1000).toISOString() : s);
  b.spans.push({ span_id: r.chance(0.03) ? undefined : id, parent_span_id: parent, op: op ?? undefined, description: description ?? undefined,
    start_timestamp: time(start), timestamp: time(end), ...extra });
  if (r.chance(0.3)) b.ids.push(id);
  return id;
}

/** One random block of spans: a shape some detector reads, or noise. */
function block(b: Builder, r: Random): void {
  switch (r.int(0, 9)) {
    case 0: case 1: { // N+1: a source query, then repeats of one query.
      push(b, r, 'db', query(r), r.int(1, 20));
      const repeated = query(r);
      for (let i = r.int(2, 9); i > 0; i--) push(b, r, r.pick(['db', 'db.sql.query']), r.chance(0.8) ? repeated : query(r), r.int(1, 30));
      return;
    }
    case 2: { // MN+1: a pattern of two or three spans repeated, under one parent span (or under any).
      const parent = r.chance(0.8) ? push(b, r, 'function', 'resolve', 1) : undefined;
      const pattern = Array.from({ length: r.int(2, 3) }, () => (r.chance(0.6) ? ['db', query(r)] : [r.pick(['function', 'default', 'db.redis']), `step ${r.int(1, 2)}`]));
      for (let i = r.int(2, 6); i > 0; i--) for (const [op, d] of pattern) push(b, r, op ?? null, d ?? null, r.int(1, 25), {}, false, parent);
      return;
    }
    case 3: for (let i = r.int(1, 4); i > 0; i--) push(b, r, 'db', query(r), r.int(20, 900)); return; // consecutive and slow SELECTs
    case 4: case 5: { // HTTP calls: slow, parallel, large.
      const u = url(r);
      const fanOut = r.chance(0.5);
      for (let i = r.int(1, fanOut ? 9 : 6); i > 0; i--) {
        const data = r.chance(0.3) ? { 'http.response_content_length': r.pick([1000, 400_000, '900000']) } : undefined;
        // Fanned out: mostly one endpoint called with other ids (an N+1 API call).
        const description = fanOut && r.chance(0.85) ? `GET https://${HOSTS[0] ?? ''}/api/users/${r.int(1, 30)}`
          : `${r.pick(['GET', 'GET', 'POST', 'get'])} ${r.chance(0.5) ? u : url(r)}`;
        push(b, r, r.pick(['http.client', 'http.client', 'http']), description, fanOut ? r.int(5, 300) : r.int(300, 1500), data ? { data } : {}, fanOut);
      }
      return;
    }
    case 6: { // Assets: render-blocking, uncompressed, compressed.
      const size = r.pick([1000, 600_000, 800_000]);
      const compressed = r.chance(0.4);
      push(b, r, r.pick(['resource.script', 'resource.link', 'resource.css']), `https://cdn.example.net/assets/main.${r.hex(8)}.${r.pick(['js', 'css', 'png'])}`, r.int(10, 3000), { data: {
        'http.response_transfer_size': size + 300, 'http.response_content_length': size, 'http.decoded_response_content_length': compressed ? size * 3 : size,
        ...(r.chance(0.2) ? { 'resource.render_blocking_status': 'non-blocking' } : {}) } });
      return;
    }
    case 7: push(b, r, r.pick([null, 'db', 'function']), r.pick([null, 'SELECT 1', 'work']), r.int(1, 50), { fingerprint: r.pick([['a', 'b'], ['{{ default }}', 'x'], []]) }); return;
    default: push(b, r, r.pick(['function', 'ui.render', 'cache.get', 'default', 'db.redis', 'db.connection', 'gen_ai.tool']), r.pick(['GET k:1', 'work', `step ${r.int(1, 3)}`, 'pg-pool.connect']), r.int(1, 200));
  }
}

/** A transaction of `blocks` random blocks with random event-level traits (SDK, root op, browser, FCP, GraphQL request). */
export function randomTransaction(r: Random, blocks: number): SentryEvent {
  const rootId = r.hex(16);
  const b: Builder = { spans: [], at: T0, ids: [rootId] };
  for (let i = 0; i < blocks; i++) block(b, r);
  const event: SentryEvent = {
    type: 'transaction', event_id: r.hex(32), transaction: r.pick(['GET /authors', '/checkout', '']), platform: 'javascript',
    start_timestamp: T0, timestamp: b.at + 0.01,
    sdk: { name: r.pick(['sentry.javascript.node', 'sentry.javascript.browser', 'sentry.php', 'sentry.python']), version: '1' },
    contexts: { trace: { trace_id: r.hex(32), span_id: rootId, ...(r.chance(0.8) ? { op: r.pick(['http.server', 'pageload', 'navigation']) } : {}) },
      ...(r.chance(0.5) ? { browser: { name: r.pick(['Chrome', 'Firefox', 'Opera']) } } : {}) },
    spans: b.spans,
  };
  if (r.chance(0.5)) event.measurements = { fcp: { value: r.int(1500, 6000), unit: 'millisecond' } };
  if (r.chance(0.1)) event.request = { url: 'https://x.example/graphql', method: 'POST' };
  return event;
}

/** Span v2 items of one segment, as `spanItems` in `bench/payload-parts.mjs` builds them (ops at random, names from a few verbs and nouns). */
export function randomSegmentSpans(r: Random, count: number): Span[] {
  const traceId = r.hex(32);
  const root = r.hex(16);
  return Array.from({ length: count }, (_, i) => {
    const start = T0 + i * 0.004;
    const op = i === 0 ? 'http.server' : r.pick(['db', 'http.client', 'function', 'cache.get', 'middleware.express']);
    return {
      trace_id: traceId, span_id: i === 0 ? root : r.hex(16), parent_span_id: i === 0 ? undefined : root,
      name: i === 0 ? 'GET /api/items/:id' : `${op} ${r.pick(['get', 'list', 'save'])}${r.pick(['User', 'Order', 'Cart'])}`,
      status: 'ok', is_segment: i === 0, start_timestamp: +start.toFixed(6), end_timestamp: +(start + r.int(1, 40) / 1000).toFixed(6),
      attributes: { 'sentry.op': { type: 'string', value: op }, 'sentry.segment.id': { type: 'string', value: root }, 'thread.id': { type: 'integer', value: r.int(1, 16) } },
    };
  });
}

/**
 * One span item as `segmentGroups` reads it: spans of one to three segments (some of one trace),
 * interleaved, some nested under other children, some not naming their segment, some without a trace.
 */
export function randomSpanItem(r: Random): Span[] {
  const segments = Array.from({ length: r.int(1, 3) }, () => randomSegmentSpans(r, r.int(1, 30)));
  const first = segments[0]?.[0];
  for (const segment of segments.slice(1)) if (first && r.chance(0.5)) for (const s of segment) s.trace_id = first.trace_id;
  const spans = segments.flat();
  for (let i = spans.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    if (r.chance(0.3)) [spans[i], spans[j]] = [spans[j] as Span, spans[i] as Span];
  }
  for (const s of spans) {
    const attributes = s.attributes as Span;
    if (r.chance(0.3)) delete attributes['sentry.segment.id'];
    if (s.is_segment !== true && r.chance(0.2)) s.parent_span_id = r.pick(spans).span_id;
    if (r.chance(0.03)) delete s.trace_id;
    if (r.chance(0.03)) s.is_segment = true;
  }
  return spans;
}
