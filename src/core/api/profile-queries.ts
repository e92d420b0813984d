/**
 * Profiles as Lookout stores them: `profile` and `profile_chunk` items kept as sent (an `items`
 * row, the bytes in the stored request), read back and aggregated on request by `core/profile`.
 * A v1 profile usually travels in its transaction's envelope but is found wherever it was sent;
 * a v2 chunk stands alone and is tied to a transaction or trace by its `profiler_id` (the
 * transaction's `contexts.profile`, a span's `profiler_id` data) and by its samples' times
 * (`profile-lookup.ts`). Large ones are read from the store and aggregated on a worker thread
 * (`profile/profile-job.ts`); answers are kept in a small cache (`profile/profile-cache.ts`).
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v1/
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v2/#modifying-transactions-payload
 */
import type { EventProfiles, ProfileSource, TraceProfiles } from '../../shared/api-profile';
import type { SentryEvent } from '../../shared/sentry';
import { toEpochMs } from '../ingest/timestamps';
import { ProfileCache } from '../profile/profile-cache';
import { ProfileWorkerError, runProfileJob, type AnswerFrame, type ProfileJobOptions, type ProfileJson } from '../profile/profile-job';
import { cacheVersion } from '../store/cache-versions';
import type { DB } from '../store/db';
import { loadEventPayload, type StoredEventRow } from '../store/event-payload';
import { HttpError } from './http-util';
import { normalizeEventId } from '../pipeline/normalize-event';
import { MAX_WINDOW_CHUNKS, profileLookup, type ProfileItemRow, type WindowChunks } from './profile-lookup';
import { traceSpanRows } from './span-blocks-read';
import type { SourceRootsFor } from './source-scope';
import { traceIdForms } from './trace-id';

const MAX_TRANSACTIONS = 200;
/** Transactions and spans whose data is searched for a profiler id. */
const PROFILER_ID_TRANSACTIONS = 20;
const PROFILER_ID_SPANS = 2_000;
const PROFILER_ID = /"(?:sentry\.)?profiler_id":(?:\{"type":"string","value":|\{"value":)?"([0-9a-fA-F-]{32,36})"/g;

type TransactionRow = StoredEventRow & { event_id: string; title: string };
type Window = { startMs: number; endMs: number };

/** What a transaction says about its profiles and time, from its payload (Sentry's event page reads the same). */
interface TransactionFacts { profileId: string | null; profilerId: string | null; threadId: string | null; window: Window | null }

function transactionFacts(event: SentryEvent): TransactionFacts {
  const profile = event.contexts?.profile ?? {};
  const data = event.contexts?.trace?.data;
  const thread = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)['thread.id'] : undefined;
  const startMs = toEpochMs(event.start_timestamp);
  const endMs = toEpochMs(event.timestamp);
  return {
    profileId: normalizeEventId(profile.profile_id), profilerId: normalizeEventId(profile.profiler_id),
    threadId: typeof thread === 'string' || typeof thread === 'number' ? String(thread).slice(0, 100) : null,
    window: startMs !== undefined && endMs !== undefined && startMs <= endMs ? { startMs, endMs } : null,
  };
}

/** `GET /profiles/items/:seq`, `GET /profiles/events/:eventId`, `GET /events/:id/profiles`, `GET /traces/:id/profiles` and `GET /traces/:id/profile`. */
export function profileQueries(db: DB, opts: { workerFile?: string; nativeBinding?: string; cache?: ProfileCache; sourceRoots?: SourceRootsFor } = {}) {
  const itemBySeq = db.prepare('SELECT seq, kind, envelope_id, item_index FROM items WHERE seq = ?');
  const transaction = db.prepare(`SELECT id, event_id, title, envelope_id, item_index, received, kind, payload, payload_codec, grouping
    FROM events WHERE project_id IN (SELECT id FROM projects) AND event_id = ? AND kind = 'transaction' ORDER BY id LIMIT 1`);
  const transactionsOf = db.prepare(`SELECT id, event_id, title, envelope_id, item_index, received, kind, payload, payload_codec, grouping
    FROM events WHERE trace_id IN (?, ?) AND kind = 'transaction' ORDER BY timestamp, id LIMIT ${MAX_TRANSACTIONS}`);
  const spanRange = db.prepare('SELECT MIN(start_ms) AS startMs, MAX(COALESCE(end_ms, start_ms)) AS endMs FROM span_blocks WHERE trace_id IN (?, ?)');
  const lookup = profileLookup(db);

  const itemExists = db.prepare('SELECT 1 FROM items WHERE seq = ?').pluck();
  const projectsOf = db.prepare('SELECT DISTINCT project_id FROM items WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY project_id').pluck();

  /**
   * The folders whose source maps resolve these items' JS frames: their projects' configured
   * ones, as their errors use. Part of the cache key, so adding a folder reads the profile again.
   */
  function rootsOf(itemSeqs: readonly number[]): string[] {
    if (!opts.sourceRoots) return [];
    const projects = projectsOf.all(JSON.stringify(itemSeqs)) as number[];
    return [...new Set(projects.flatMap((p) => opts.sourceRoots!(p, null)))];
  }
  const cache = opts.cache ?? new ProfileCache();
  let idsVersion = cacheVersion(db, 'ids');

  /** Lets cached answers of deleted items go; every deletion of items or envelopes bumps this version (`keepIdsTaken`). */
  function forgetDeleted(): void {
    if (cacheVersion(db, 'ids') === idsVersion) return;
    idsVersion = cacheVersion(db, 'ids');
    cache.dropDeleted((seq) => itemExists.get(seq) !== undefined);
  }

  /** The answer for these items read this way: from the cache, else read and aggregated (large ones on the worker). */
  async function respond(kind: ProfileSource['kind'], rows: readonly ProfileItemRow[], jobOpts: ProfileJobOptions = {},
    frame: Omit<AnswerFrame, 'kind' | 'itemSeqs'> = {}): Promise<ProfileJson> {
    const itemSeqs = rows.map((r) => r.seq);
    const sourceRoots = rootsOf(itemSeqs);
    if (sourceRoots.length > 0) jobOpts = { ...jobOpts, sourceRoots };
    const key = JSON.stringify([kind, itemSeqs, jobOpts, frame]);
    const hit = cache.get(key);
    if (hit) return hit;
    const items = rows.map((r) => ({ seq: r.seq, envelopeId: r.envelope_id, itemIndex: r.item_index }));
    let answer: ProfileJson;
    try {
      answer = await runProfileJob({ db, workerFile: opts.workerFile, nativeBinding: opts.nativeBinding }, items, jobOpts, { kind, itemSeqs, ...frame });
    } catch (err) {
      if (err instanceof ProfileWorkerError) throw new HttpError(503, `the profile could not be read: ${err.message}`);
      throw err;
    }
    // A request that could not be read may read next time (a busy store); it is not kept.
    if (!answer.unreadable) cache.set(key, answer, itemSeqs);
    return answer;
  }

  /** The chunks of a window aggregated and cut to it; 404 when none of their samples falls in it. */
  async function windowProfile(found: WindowChunks, profilerIds: string[], window: Window, activeThreadId?: string, traceId?: string): Promise<ProfileJson> {
    const laterProblems = found.capped ? [{ code: 'samples_capped' as const, message: `only the first ${MAX_WINDOW_CHUNKS} profile chunks in this time were read` }] : [];
    const out = await respond('chunks', found.rows, { window, filter: { profilerIds }, ...(activeThreadId ? { activeThreadId } : {}) },
      { window, laterProblems, ...(traceId ? { traceId } : {}) });
    if (out.threadCount === 0) throw new HttpError(404, 'no sample of the profiler falls in this time');
    return out;
  }

  function byItem(seq: number): Promise<ProfileJson> {
    forgetDeleted();
    const row = itemBySeq.get(seq) as ProfileItemRow | undefined;
    if (!row) throw new HttpError(404, 'no such item');
    if (row.kind !== 'profile' && row.kind !== 'profile_chunk') throw new HttpError(404, `item ${seq} is a ${row.kind}, not a profile`);
    return respond(row.kind, [row]);
  }

  /** A transaction, what it says of its profiles, its v1 profiles and its profiler's chunks in its time. */
  function discoverEvent(rawId: string) {
    const eventId = normalizeEventId(rawId);
    if (eventId === null) throw new HttpError(400, 'not an event id (32 hex digits)');
    const tx = transaction.get(eventId) as TransactionRow | undefined;
    if (!tx) throw new HttpError(404, 'no such transaction');
    let facts: TransactionFacts = { profileId: null, profilerId: null, threadId: null, window: null };
    try { facts = transactionFacts(loadEventPayload(db, tx)); } catch { /* an unreadable transaction names nothing */ }
    const profiles = lookup.transactionProfiles({ eventId, envelopeId: tx.envelope_id, profileId: facts.profileId });
    const chunks = profiles.length === 0 && facts.profilerId && facts.window ? lookup.windowChunks([facts.profilerId], facts.window) : null;
    return { eventId, facts, profiles, chunks };
  }

  /** `GET /events/:id/profiles`: what the event page links to, found without reading a profile. */
  function ofEvent(rawId: string): EventProfiles {
    const { facts, profiles, chunks } = discoverEvent(rawId);
    return { profileItemSeq: profiles[0]?.seq ?? null, profilerId: facts.profilerId, chunkCount: chunks?.rows.length ?? 0 };
  }

  /** A transaction's v1 profile, wherever it was sent; else its profiler's chunks cut to its time. */
  function byEvent(rawId: string): Promise<ProfileJson> {
    forgetDeleted();
    const { eventId, facts, profiles, chunks } = discoverEvent(rawId);
    if (profiles.length > 0) return respond('profile', profiles, { filter: { transactionId: eventId } });
    if (!chunks || chunks.rows.length === 0 || !facts.profilerId || !facts.window) throw new HttpError(404, 'no profile was sent for this transaction');
    return windowProfile(chunks, [facts.profilerId], facts.window, facts.threadId ?? undefined);
  }

  /** Profiler ids named by the trace's transactions (`contexts.profile`) and spans (`profiler_id` data), and the profile ids its transactions name. */
  function namedIds(ids: readonly [string, string], transactions: readonly TransactionRow[]) {
    const profilers = new Set<string>();
    const profileIds = new Map<string, string>();
    for (const tx of transactions.slice(0, PROFILER_ID_TRANSACTIONS)) {
      try {
        const facts = transactionFacts(loadEventPayload(db, tx));
        if (facts.profilerId !== null) profilers.add(facts.profilerId);
        if (facts.profileId !== null) profileIds.set(tx.event_id, facts.profileId);
      } catch { /* an unreadable transaction names no profiler */ }
    }
    for (const span of traceSpanRows(db, ids, PROFILER_ID_SPANS)) {
      for (const m of (span.data ?? '').matchAll(PROFILER_ID)) {
        const profiler = normalizeEventId(m[1]);
        if (profiler !== null) profilers.add(profiler);
      }
    }
    return { profilers, profileIds };
  }

  /** What a trace offers: v1 profiles of its transactions, its profilers and their chunks in its time. */
  function discover(rawId: string) {
    const ids = traceIdForms(rawId);
    if (!ids) throw new HttpError(400, 'not a trace id (32 hex digits)');
    const transactions = transactionsOf.all(...ids) as TransactionRow[];
    const { profilers, profileIds } = namedIds(ids, transactions);
    const withProfile = transactions.flatMap((tx) => {
      const row = lookup.transactionProfiles({ eventId: tx.event_id, envelopeId: tx.envelope_id, profileId: profileIds.get(tx.event_id) ?? null })[0];
      return row ? [{ eventId: tx.event_id, name: tx.title, itemSeq: row.seq }] : [];
    });
    const range = spanRange.get(...ids) as { startMs: number | null; endMs: number | null };
    const window = range.startMs !== null && range.endMs !== null ? { startMs: range.startMs, endMs: range.endMs } : null;
    const chunks = window && profilers.size > 0 ? lookup.windowChunks(profilers, window) : { rows: [], capped: false };
    return { withProfile, profilers, window, chunks };
  }

  function ofTrace(rawId: string): TraceProfiles {
    const found = discover(rawId);
    return { transactions: found.withProfile, profilerIds: [...found.profilers], chunkCount: found.chunks.rows.length };
  }

  /** The trace's profilers' chunks, cut to the time of its spans. */
  function traceProfile(rawId: string): Promise<ProfileJson> {
    forgetDeleted();
    const { profilers, window, chunks } = discover(rawId);
    if (profilers.size === 0) throw new HttpError(404, 'no span or transaction of this trace names a profiler (continuous profiling)');
    if (chunks.rows.length === 0 || !window) throw new HttpError(404, "no profile chunk of this trace's profilers covers its time");
    return windowProfile(chunks, [...profilers], window, undefined, traceIdForms(rawId)![0]);
  }

  return { byItem, byEvent, ofEvent, ofTrace, traceProfile, cache };
}
