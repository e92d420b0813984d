/**
 * Migration 040's `after` step. First, blocks stored before migration 038 get the page and vitals
 * ingest now reads (`blockVitals`), from their spans read again from the stored request (so an old
 * streamed page load stops reading "Pageload" in the trace list, and old transactions' `measurements`
 * count). Only blocks that can hold them are read: those of a trace with a page-load or navigation
 * root, and `ui.*` roots (a standalone INP span); the newest {@link MAX_REREAD_BLOCKS} of them, in
 * batches of one envelope order, each request decoded once. Then every block with vitals is folded
 * into the aggregates (`writeViews`). A request that cannot be read leaves its block as it was:
 * the migration must not stop the store from opening.
 * @see https://docs.sentry.io/product/insights/frontend/web-vitals/
 */
import { storedEnvelopeReader } from '../api/stored-envelope';
import { blockVitals } from '../performance/web-vitals';
import { spanHead } from '../pipeline/prepare-event';
import { itemSpanSources } from '../pipeline/span-sources';
import type { DB } from './db';
import { foldBlock, writeViews, type ViewState } from './web-vital-aggregates';

/** Blocks re-read at most (the newest): a bound on the migration's time (~10 s for 100,000 blocks each in its own request on a loaded two-core machine, test/web-vitals-backfill.test.ts). */
export const MAX_REREAD_BLOCKS = 100_000;
const BATCH = 1_000;

/** Block ids whose spans may name a page or carry vitals but whose columns were never filled, newest first. */
const CANDIDATES_SQL = `SELECT id FROM span_blocks
  WHERE page_name IS NULL AND vitals IS NULL AND spans IS NULL AND item_index IS NOT NULL AND trace_id IS NOT NULL
    AND (root_op IN ('pageload', 'navigation') OR root_op LIKE 'ui.%'
      OR trace_id IN (SELECT trace_id FROM span_blocks WHERE root_op IN ('pageload', 'navigation') AND trace_id IS NOT NULL))
  ORDER BY id DESC LIMIT ${MAX_REREAD_BLOCKS}`;

interface Candidate { id: number; envelope_id: number; item_index: number; trace_id: string }

/** Fills `page_name` / `vitals` of old page-load blocks from their stored requests; returns how many got either. */
export function rereadOldVitalBlocks(db: DB): number {
  const ids = db.prepare(CANDIDATES_SQL).pluck().all() as number[];
  const batchRows = db.prepare(`SELECT id, envelope_id, item_index, trace_id FROM span_blocks WHERE id IN (SELECT value FROM json_each(?))
    ORDER BY envelope_id, item_index`);
  const update = db.prepare('UPDATE span_blocks SET page_name = ?, vitals = ? WHERE id = ?');
  const envelopeOf = storedEnvelopeReader(db);
  let filled = 0;
  for (let at = 0; at < ids.length; at += BATCH) {
    const found: [string | null, string, number][] = [];
    for (const block of batchRows.all(JSON.stringify(ids.slice(at, at + BATCH))) as Candidate[]) {
      try {
        const { envelope, received } = envelopeOf(block.envelope_id);
        if (!envelope) continue;
        const spans = itemSpanSources(envelope, block.item_index, received).map((raw) => ({ head: spanHead(raw), raw }))
          .filter((s) => s.head.traceId === block.trace_id);
        const columns = blockVitals(spans);
        if (columns.vitals !== undefined) found.push([columns.page_name ?? null, columns.vitals, block.id]);
      } catch {
        // Unreadable request or item: see above.
      }
    }
    for (const row of found) update.run(...row);
    filled += found.length;
  }
  return filled;
}

/** Folds every block with vitals into page views, oldest block first as ingest met them, and writes the aggregates. */
export function foldStoredVitals(db: DB): number {
  const views = new Map<string, ViewState>();
  const rows = db.prepare(`SELECT b.trace_id, b.project_id, b.page_name, b.vitals,
      COALESCE(b.start_ms, (SELECT received FROM envelopes e WHERE e.id = b.envelope_id), 0) AS start_ms
    FROM span_blocks b WHERE b.vitals IS NOT NULL AND b.trace_id IS NOT NULL ORDER BY b.id`).raw(true)
    .iterate() as IterableIterator<[string, number, string | null, string, number]>;
  for (const [traceId, projectId, page, vitals, startMs] of rows) {
    views.set(traceId, foldBlock(views.get(traceId), { projectId, page, vitals, startMs }));
  }
  // Written after the scan: better-sqlite3 refuses writes while an iterator on the connection is open.
  writeViews(db, views);
  return views.size;
}

/** The migration step: old blocks re-read, then the aggregates filled. */
export function backfillWebVitals(db: DB): void {
  rereadOldVitalBlocks(db);
  foldStoredVitals(db);
}
