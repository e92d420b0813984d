/**
 * Profiles as Lookout stores them: `profile` and `profile_chunk` items kept as sent (an `items`
 * row, the bytes in the stored request), read back and aggregated on request by `core/profile`.
 * A v1 profile travels in its transaction's envelope; a v2 chunk stands alone and is tied to a
 * trace by its `profiler_id` (the transaction's `contexts.profile`, a span's `profiler_id` data)
 * and by time.
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v1/
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v2/#modifying-transactions-payload
 */
import type { ProfileProblem, ProfileResponse, ProfileSource, TraceProfiles } from '../../shared/api-profile';
import type { ProfileSummary } from '../profile';
import { runProfileJob, type ProfileJobOptions } from '../profile/profile-job';
import type { DB } from '../store/db';
import { loadEventPayload, type StoredEventRow } from '../store/event-payload';
import { HttpError } from './http-util';
import { normalizeEventId } from '../pipeline/normalize-event';
import { traceSpanRows } from './span-blocks-read';
import { storedEnvelopeReader } from './stored-envelope';
import { traceIdForms } from './trace-id';

/** Chunks read for one trace; a profiler sends one a minute, so 64 cover an hour. */
export const MAX_TRACE_CHUNKS = 64;
const MAX_TRANSACTIONS = 200;
/** Chunk rows looked at by title around a trace (16 processes sending one a minute for 6 minutes: 96). */
const MAX_CHUNK_ROWS = 20_000;
const TITLE_PROFILER = /^profile_chunk(?:_ui)? ([0-9a-f]{32}) \(/;
/** Transactions and spans whose data is searched for a profiler id. */
const PROFILER_ID_TRANSACTIONS = 20;
const PROFILER_ID_SPANS = 2_000;
/** A chunk is sent after its samples, within its 60 s interval; the rest is clock slack. */
const CHUNK_BEFORE_MS = 60_000;
const CHUNK_AFTER_MS = 5 * 60_000;
const PROFILER_ID = /"(?:sentry\.)?profiler_id":(?:\{"type":"string","value":|\{"value":)?"([0-9a-fA-F-]{32,36})"/g;

interface ItemRow { seq: number; kind: string; envelope_id: number; item_index: number; title?: string }

/** Whether a chunk row is one of these profilers' by its title; null when its title does not say. */
function chunkOfProfilers(row: ItemRow, profilerIds: ReadonlySet<string>): boolean | null {
  const id = TITLE_PROFILER.exec(row.title ?? '')?.[1];
  return id === undefined ? null : profilerIds.has(id);
}


function sourceOf(kind: ProfileSource['kind'], parsed: readonly ProfileSummary[], seqs: number[]): ProfileSource {
  const first = parsed[0];
  return {
    kind, platform: first?.platform ?? null, release: first?.release ?? null, environment: first?.environment ?? null,
    transactionName: first?.transactionName ?? null, transactionId: first?.transactionId ?? null, traceId: first?.traceId ?? null,
    profilerIds: [...new Set(parsed.flatMap((p) => (p.profilerId ? [p.profilerId] : [])))], itemSeqs: seqs,
    windowStartMs: null, windowEndMs: null,
  };
}

/** `GET /profiles/items/:seq`, `GET /profiles/events/:eventId`, `GET /traces/:id/profiles` and `GET /traces/:id/profile`. */
export function profileQueries(db: DB, opts: { workerFile?: string } = {}) {
  const itemBySeq = db.prepare('SELECT seq, kind, envelope_id, item_index FROM items WHERE seq = ?');
  const profilesIn = db.prepare("SELECT seq, kind, envelope_id, item_index FROM items WHERE envelope_id = ? AND kind = 'profile' ORDER BY seq");
  const transaction = db.prepare(`SELECT event_id, envelope_id FROM events WHERE project_id IN (SELECT id FROM projects)
    AND event_id = ? AND kind = 'transaction' ORDER BY id LIMIT 1`);
  const transactionsOf = db.prepare(`SELECT id, event_id, title, envelope_id, item_index, received, kind, payload, payload_codec, grouping
    FROM events WHERE trace_id IN (?, ?) AND kind = 'transaction' ORDER BY timestamp, id LIMIT ${MAX_TRANSACTIONS}`);
  const spanRange = db.prepare('SELECT MIN(start_ms) AS startMs, MAX(COALESCE(end_ms, start_ms)) AS endMs FROM span_blocks WHERE trace_id IN (?, ?)');
  // Titles name each chunk's profiler (prepare-items.ts): other profilers' chunks are passed over
  // without reading their bytes. Chunks stored before that have none and are read to be sure.
  const chunksReceived = db.prepare(`SELECT seq, kind, envelope_id, item_index, title FROM items WHERE kind = 'profile_chunk'
    AND received BETWEEN ? AND ? ORDER BY seq LIMIT ${MAX_CHUNK_ROWS}`);

  /** The item's bytes as sent; a request that no longer decodes is a problem, not a failure. */
  function payloadOf(read: ReturnType<typeof storedEnvelopeReader>, row: ItemRow, problems: ProfileProblem[]): Buffer | null {
    try {
      const bytes = read(row.envelope_id).envelope?.items[row.item_index]?.payload;
      if (bytes) return bytes;
      problems.push({ code: 'unreadable_item', message: `item ${row.seq}: its stored request no longer holds it` });
    } catch (err) {
      problems.push({ code: 'unreadable_item', message: `item ${row.seq}: its stored request cannot be read: ${(err as Error).message}` });
    }
    return null;
  }

  async function respond(kind: ProfileSource['kind'], rows: readonly ItemRow[], jobOpts: ProfileJobOptions = {}): Promise<ProfileResponse> {
    const read = storedEnvelopeReader(db);
    const problems: ProfileProblem[] = [];
    const payloads: { data: Uint8Array; label: string }[] = [];
    for (const row of rows) {
      const data = payloadOf(read, row, problems);
      if (data) payloads.push({ data, label: `item ${row.seq}` });
    }
    const { aggregate, parsed } = await runProfileJob({ payloads, opts: jobOpts }, opts.workerFile);
    return { ...aggregate, problems: [...problems, ...aggregate.problems], source: sourceOf(kind, parsed, rows.map((r) => r.seq)) };
  }

  function byItem(seq: number): Promise<ProfileResponse> {
    const row = itemBySeq.get(seq) as ItemRow | undefined;
    if (!row) throw new HttpError(404, 'no such item');
    if (row.kind !== 'profile' && row.kind !== 'profile_chunk') throw new HttpError(404, `item ${seq} is a ${row.kind}, not a profile`);
    return respond(row.kind, [row]);
  }

  /** The v1 profile sent with a transaction, in the same envelope as the spec asks. */
  function byEvent(rawId: string): Promise<ProfileResponse> {
    const eventId = normalizeEventId(rawId);
    if (eventId === null) throw new HttpError(400, 'not an event id (32 hex digits)');
    const tx = transaction.get(eventId) as { envelope_id: number } | undefined;
    if (!tx) throw new HttpError(404, 'no such transaction');
    const rows = profilesIn.all(tx.envelope_id) as ItemRow[];
    if (rows.length === 0) throw new HttpError(404, 'no profile was sent with this transaction');
    return respond('profile', rows, { filter: { transactionId: eventId } });
  }

  /** Profiler ids named by the trace's transactions (`contexts.profile`) and spans (`profiler_id` data). */
  function profilerIdsOf(ids: readonly [string, string], transactions: (StoredEventRow & { event_id: string })[]): Set<string> {
    const found = new Set<string>();
    for (const tx of transactions.slice(0, PROFILER_ID_TRANSACTIONS)) {
      try {
        const id = (loadEventPayload(db, tx).contexts?.profile as { profiler_id?: unknown } | undefined)?.profiler_id;
        const profiler = normalizeEventId(id);
        if (profiler !== null) found.add(profiler);
      } catch { /* an unreadable transaction names no profiler */ }
    }
    for (const span of traceSpanRows(db, ids, PROFILER_ID_SPANS)) {
      for (const m of (span.data ?? '').matchAll(PROFILER_ID)) {
        const profiler = normalizeEventId(m[1]);
        if (profiler !== null) found.add(profiler);
      }
    }
    return found;
  }

  /** What a trace offers: v1 profiles of its transactions, its profilers and their chunks in its time. */
  function discover(rawId: string) {
    const ids = traceIdForms(rawId);
    if (!ids) throw new HttpError(400, 'not a trace id (32 hex digits)');
    const transactions = transactionsOf.all(...ids) as (StoredEventRow & { event_id: string; title: string })[];
    const withProfile = transactions.flatMap((tx) => {
      const row = profilesIn.get(tx.envelope_id) as ItemRow | undefined;
      return row ? [{ eventId: tx.event_id, name: tx.title, itemSeq: row.seq }] : [];
    });
    const profilerIds = profilerIdsOf(ids, transactions);
    const range = spanRange.get(...ids) as { startMs: number | null; endMs: number | null };
    let chunks: ItemRow[] = [];
    if (profilerIds.size > 0 && range.startMs !== null && range.endMs !== null) {
      chunks = (chunksReceived.all(range.startMs - CHUNK_BEFORE_MS, range.endMs + CHUNK_AFTER_MS) as ItemRow[])
        .filter((row) => chunkOfProfilers(row, profilerIds) !== false);
    }
    return { withProfile, profilerIds, range, chunks };
  }

  function ofTrace(rawId: string): TraceProfiles {
    const found = discover(rawId);
    const read = storedEnvelopeReader(db);
    const needles = [...found.profilerIds];
    // The id's bytes in the payload are enough to offer the view; the view itself checks the field.
    const chunkCount = found.chunks.slice(0, MAX_TRACE_CHUNKS).filter((row) => {
      if (chunkOfProfilers(row, found.profilerIds)) return true;
      const bytes = payloadOf(read, row, []);
      return bytes !== null && needles.some((id) => bytes.includes(id));
    }).length;
    return { transactions: found.withProfile, profilerIds: needles, chunkCount };
  }

  /** The trace's profilers' chunks, cut to the time of its spans. */
  async function traceProfile(rawId: string): Promise<ProfileResponse> {
    const { profilerIds, range, chunks } = discover(rawId);
    if (profilerIds.size === 0) throw new HttpError(404, 'no span or transaction of this trace names a profiler (continuous profiling)');
    if (chunks.length === 0 || range.startMs === null || range.endMs === null) throw new HttpError(404, 'no profile chunk was received in the time of this trace');
    const window = { startMs: range.startMs, endMs: range.endMs };
    const out = await respond('chunks', chunks.slice(0, MAX_TRACE_CHUNKS), { window, filter: { profilerIds: [...profilerIds] } });
    if (chunks.length > MAX_TRACE_CHUNKS) {
      out.problems.push({ code: 'samples_capped', message: `only the first ${MAX_TRACE_CHUNKS} profile chunks received in the trace's time were read` });
    }
    if (out.threads.length === 0) throw new HttpError(404, "no sample of this trace's profilers falls in the time of its spans");
    return { ...out, source: { ...out.source, traceId: traceIdForms(rawId)![0], windowStartMs: window.startMs, windowEndMs: window.endMs } };
  }

  return { byItem, byEvent, ofTrace, traceProfile };
}
