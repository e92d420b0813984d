/**
 * Applies a trace search (`trace-search.ts`) to the traces the list meets, newest first. The root
 * and id are read from the block columns; span filters and free text not met there read the
 * trace's spans once, from its stored requests (no span index is kept), so each page spends at
 * most `budgetMs` reading spans and then hands a cursor on (the list goes on from there).
 * @see https://docs.sentry.io/product/explore/traces/
 */
import { spanHead } from '../pipeline/prepare-event';
import type { DB } from '../store/db';
import { blobRows, itemSpanReader, type BlockRow } from './span-blocks-read';
import { traceIdForms } from './trace-id';
import { headMatches, needsSpans, spanMatches, type SpanFacts, type TraceSearch } from './trace-search';

/** Time a list page spends reading spans for a search before it returns what it found and a cursor. */
export const SEARCH_BUDGET_MS = 50;
/** Spans of one trace read for a search at most (the trace page's cap). */
const MAX_SPANS_READ = 10_000;

export interface BlockHeadRow { trace_id: string; root_name: string | null; root_op: string | null; page_name: string | null }

export function traceSearchMatcher(db: DB, search: TraceSearch, budgetMs = SEARCH_BUDGET_MS) {
  const blocksOf = db.prepare(`SELECT project_id, envelope_id, item_index, trace_id, transaction_event_id, spans, codec FROM span_blocks
    WHERE trace_id = ? ORDER BY id`);
  const errorOf = db.prepare("SELECT 1 FROM events WHERE trace_id IN (?, ?) AND kind = 'event' LIMIT 1").pluck();
  const readItem = itemSpanReader(db);
  const spanFilters = search.op !== null || search.description !== null || search.duration !== null;
  const judged = new Map<string, boolean>();
  const errorJudged = new Map<string, boolean>();
  let spentMs = 0;

  /** Whether one of the trace's spans meets every span condition; stops at the first that does. */
  function anySpan(traceId: string, textDone: boolean): boolean {
    let read = 0;
    for (const block of blocksOf.iterate(traceId) as IterableIterator<BlockRow>) {
      const spans: SpanFacts[] = block.spans !== null || block.item_index === null
        ? blobRows(block).map((r) => ({ op: r.op, name: r.name, startMs: r.start_ms, endMs: r.end_ms }))
        : readItem(block.envelope_id, block.item_index).flatMap((raw) => {
          const h = spanHead(raw);
          return h.traceId === traceId ? [{ op: h.op, name: h.name, startMs: h.startMs, endMs: h.endMs }] : [];
        });
      for (const span of spans) if (spanMatches(search, span, textDone)) return true;
      read += spans.length;
      if (read >= MAX_SPANS_READ) return false;
    }
    return false;
  }

  return {
    /** False once a page has spent its budget: the list stops and hands on a cursor. */
    get withinBudget(): boolean { return spentMs < budgetMs; },
    /**
     * Whether a block's trace matches. Each block's own root columns are judged (the trace's root
     * or page may sit in a later block than the one met first); the trace's spans are read once
     * per trace, and again only if a later block's root met the free text the spans did not.
     */
    matches(r: BlockHeadRow): boolean {
      if (search.hasError !== null) {
        let hasError = errorJudged.get(r.trace_id);
        if (hasError === undefined) {
          hasError = errorOf.get(...(traceIdForms(r.trace_id) ?? [r.trace_id, r.trace_id])) !== undefined;
          errorJudged.set(r.trace_id, hasError);
        }
        if (hasError !== search.hasError) return false;
      }
      const head = headMatches(search, r.trace_id, `${r.root_op ?? ''} ${r.root_name ?? ''} ${r.page_name ?? ''}`);
      if (head && !spanFilters) return true;
      if (!needsSpans(search)) return head;
      const key = head ? `${r.trace_id}\u0000head` : r.trace_id;
      const known = judged.get(key);
      if (known !== undefined) return known;
      const started = performance.now();
      const found = anySpan(r.trace_id, head);
      spentMs += performance.now() - started;
      judged.set(key, found);
      return found;
    },
  };
}
