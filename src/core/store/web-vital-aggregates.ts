/**
 * Keeps migration 040's web vital aggregates: each page view (a trace) with its vitals merged from
 * its blocks, and per project, page and hour (and UTC day) its views, score sum and vital
 * histograms. Only blocks with a page or vitals come here (`vitals` set by performance/web-vitals.ts),
 * so other span blocks cost nothing. A view counts once its page-load root (its page) arrived; a
 * later block of it (LCP, CLS, INP often come in a later envelope) takes the view out of its rows
 * and puts it back merged. A view's time is its root block's start, as the trace list shows it.
 * @see https://docs.sentry.io/product/insights/frontend/web-vitals/
 */
import { WEB_VITALS, performanceScore, type VitalValues } from '../../shared/web-vitals';
import { mergeVitals } from '../performance/web-vitals';
import { countView, decodeSparse, emptySparse, encodeHistogram, type SparseHistogram } from '../performance/vital-histogram';
import type { DB } from './db';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** One page view as aggregated: its page (null until its root arrived), the hour it started and its merged vitals. */
export interface ViewState { projectId: number; page: string | null; hour: number; values: VitalValues }

/** A block's part of a view: the `span_blocks` columns of migration 038. */
export interface VitalsBlock { projectId: number; page: string | null; vitals: string | null; startMs: number }

/** A block's `vitals` column read back (untrusted JSON: non-numbers are left out). */
export function parseVitals(json: string | null): VitalValues {
  if (!json) return {};
  try {
    const parsed = JSON.parse(json) as Record<string, unknown>;
    const values: VitalValues = {};
    for (const v of WEB_VITALS) if (typeof parsed[v] === 'number' && Number.isFinite(parsed[v]) && parsed[v] >= 0) values[v] = parsed[v];
    return values;
  } catch { return {}; }
}

const hourOf = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

/** `view` with one more block folded in: the first page named wins, and with it the view's hour; each vital's worst value. */
export function foldBlock(view: ViewState | undefined, block: VitalsBlock): ViewState {
  const values = mergeVitals({ ...view?.values }, parseVitals(block.vitals));
  if (!view) return { projectId: block.projectId, page: block.page, hour: hourOf(block.startMs), values };
  const named = view.page === null && block.page !== null;
  return { projectId: view.projectId, page: view.page ?? block.page, hour: named ? hourOf(block.startMs) : view.hour, values };
}

/** One aggregate row's totals. */
export interface RowTotals { views: number; scoreSum: number; scored: number; histogram: SparseHistogram }

/** Adds (1) or takes out (-1) a named view's part of `row`. */
export function countInto(row: RowTotals, view: ViewState, sign: 1 | -1): void {
  const score = performanceScore(view.values)?.total;
  row.views += sign;
  if (score !== undefined) { row.scoreSum += sign * score; row.scored += sign; }
  countView(row.histogram, view.values, sign);
}

/** The hour and day rows a named view counts in, as `table|start|project|page` keys. */
export function rowKeysOf(view: ViewState & { page: string }): [string, string] {
  const day = Math.floor(view.hour / DAY_MS) * DAY_MS;
  const tail = `${view.projectId}|${view.page}`;
  return [`hours|${view.hour}|${tail}`, `days|${day}|${tail}`];
}

/** Splits a row key back into its table, start, project and page (pages may hold `|`). */
export function splitRowKey(key: string): { table: 'hours' | 'days'; start: number; projectId: number; page: string } {
  const [table, start, project, ...page] = key.split('|');
  return { table: table === 'days' ? 'days' : 'hours', start: Number(start), projectId: Number(project), page: page.join('|') };
}

const emptyTotals = (): RowTotals => ({ views: 0, scoreSum: 0, scored: 0, histogram: emptySparse() });

/** Reads, changes and writes back aggregate rows (a row left without views goes). */
function rowStore(db: DB) {
  const stmts = (['hours', 'days'] as const).map((table) => {
    const col = table === 'hours' ? 'hour' : 'day';
    return {
      get: db.prepare(`SELECT views, score_sum, scored, histogram FROM web_vital_${table} WHERE ${col} = ? AND project_id = ? AND page = ?`),
      put: db.prepare(`INSERT OR REPLACE INTO web_vital_${table} (${col}, project_id, page, views, score_sum, scored, histogram) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      drop: db.prepare(`DELETE FROM web_vital_${table} WHERE ${col} = ? AND project_id = ? AND page = ?`),
    };
  });
  const of = (table: 'hours' | 'days') => stmts[table === 'hours' ? 0 : 1]!;
  return {
    read(key: string): RowTotals {
      const { table, start, projectId, page } = splitRowKey(key);
      const row = of(table).get.get(start, projectId, page) as { views: number; score_sum: number; scored: number; histogram: Buffer } | undefined;
      if (!row) return emptyTotals();
      return { views: row.views, scoreSum: row.score_sum, scored: row.scored, histogram: decodeSparse(row.histogram) };
    },
    write(key: string, t: RowTotals): void {
      const { table, start, projectId, page } = splitRowKey(key);
      if (t.views <= 0) of(table).drop.run(start, projectId, page);
      else of(table).put.run(start, projectId, page, t.views, t.scoreSum, t.scored, encodeHistogram(t.histogram));
    },
  };
}

/** Writes every aggregate row of `views` at once (the migration's backfill: the tables start empty). */
export function writeViews(db: DB, views: ReadonlyMap<string, ViewState>): void {
  const rows = new Map<string, RowTotals>();
  const putView = db.prepare('INSERT OR REPLACE INTO web_vital_views (trace_id, project_id, page, hour, vitals) VALUES (?, ?, ?, ?, ?)');
  for (const [traceId, view] of views) {
    putView.run(traceId, view.projectId, view.page, view.hour, JSON.stringify(view.values));
    if (view.page === null) continue;
    for (const key of rowKeysOf({ ...view, page: view.page })) {
      let row = rows.get(key);
      if (!row) rows.set(key, (row = emptyTotals()));
      countInto(row, view, 1);
    }
  }
  const store = rowStore(db);
  for (const [key, row] of rows) store.write(key, row);
}

/**
 * The ingest side: `addBlock` for each stored block with vitals (inside the writer's transaction),
 * `dropTraces` before blocks are deleted and `refoldTraces` after, so the aggregates count what
 * the store holds (retention, "Delete issue").
 */
export function webVitalAggregates(db: DB) {
  const getView = db.prepare('SELECT project_id, page, hour, vitals FROM web_vital_views WHERE trace_id = ?');
  const putView = db.prepare('INSERT OR REPLACE INTO web_vital_views (trace_id, project_id, page, hour, vitals) VALUES (?, ?, ?, ?, ?)');
  const dropView = db.prepare('DELETE FROM web_vital_views WHERE trace_id = ?');
  // A block without a start counts at its envelope's arrival, as ingest counts it.
  const blocksOf = db.prepare(`SELECT b.project_id, b.page_name, b.vitals,
      COALESCE(b.start_ms, (SELECT received FROM envelopes e WHERE e.id = b.envelope_id), 0) AS start_ms
    FROM span_blocks b WHERE b.trace_id = ? AND b.vitals IS NOT NULL ORDER BY b.id`);
  const rows = rowStore(db);

  const viewOf = (traceId: string): ViewState | undefined => {
    const r = getView.get(traceId) as { project_id: number; page: string | null; hour: number; vitals: string } | undefined;
    return r && { projectId: r.project_id, page: r.page, hour: r.hour, values: parseVitals(r.vitals) };
  };

  /** Moves a view from `before` (its counted state, if any) to `after` in the aggregate rows. */
  const recount = (before: ViewState | undefined, after: ViewState | undefined) => {
    const changes = new Map<string, { sign: 1 | -1; view: ViewState }[]>();
    const note = (view: ViewState | undefined, sign: 1 | -1) => {
      if (view?.page == null) return;
      for (const key of rowKeysOf({ ...view, page: view.page })) changes.set(key, [...(changes.get(key) ?? []), { sign, view }]);
    };
    note(before, -1);
    note(after, 1);
    for (const [key, list] of changes) {
      const row = rows.read(key);
      for (const { sign, view } of list) countInto(row, view, sign);
      rows.write(key, row);
    }
  };

  function addBlock(traceId: string | null, block: VitalsBlock): void {
    if (traceId === null) return; // the report counts page views by trace
    const before = viewOf(traceId);
    const after = foldBlock(before, block);
    if (before && before.page === after.page && before.hour === after.hour && JSON.stringify(before.values) === JSON.stringify(after.values)) return;
    recount(before, after);
    putView.run(traceId, after.projectId, after.page, after.hour, JSON.stringify(after.values));
  }

  /** Takes these traces' views out of the aggregates (their blocks are about to go). */
  function dropTraces(traceIds: readonly string[]): void {
    for (const traceId of traceIds) {
      recount(viewOf(traceId), undefined);
      dropView.run(traceId);
    }
  }

  /** Folds these traces' remaining blocks back in (after some of their blocks went). */
  function refoldTraces(traceIds: readonly string[]): void {
    for (const traceId of traceIds) {
      const blocks = blocksOf.all(traceId) as { project_id: number; page_name: string | null; vitals: string | null; start_ms: number }[];
      for (const b of blocks) addBlock(traceId, { projectId: b.project_id, page: b.page_name, vitals: b.vitals, startMs: b.start_ms });
    }
  }

  return { addBlock, dropTraces, refoldTraces };
}
