/**
 * What a bug report's trace summary reads from the store (`export/report-trace-summary.ts`): the
 * featured event's trace as the trace page has it (its spans, performance issues), and each
 * service taking part: its project's name and platform and the SDKs its events and spans named.
 * @see https://develop.sentry.dev/sdk/telemetry/traces/
 */
import type { TraceDetail } from '../../shared/api-types';
import { traceQueries } from '../api/trace-queries';
import { traceIdForms } from '../api/trace-id';
import type { TraceService, TraceSummaryInput } from '../export/report-trace-summary';
import type { DB } from '../store/db';

/** The SDK name of an `events.sdk` value (`sentry.javascript.node/11.12.0`). */
const sdkName = (sdk: string): string => sdk.split('/', 1)[0] ?? sdk;

function servicesOf(db: DB, trace: TraceDetail, ids: readonly [string, string]): TraceService[] {
  const spanCounts = new Map<number, number>();
  const sdks = new Map<number, Set<string>>();
  const add = (projectId: number, sdk: unknown) => {
    if (typeof sdk !== 'string' || sdk === '') return;
    const set = sdks.get(projectId) ?? new Set<string>();
    set.add(sdkName(sdk));
    sdks.set(projectId, set);
  };
  for (const s of trace.spans) {
    spanCounts.set(s.projectId, (spanCounts.get(s.projectId) ?? 0) + 1);
    add(s.projectId, s.data['sentry.sdk.name']);
  }
  const rows = db.prepare(`SELECT DISTINCT project_id, sdk FROM events WHERE trace_id IN (?, ?) AND sdk IS NOT NULL LIMIT 100`)
    .all(...ids) as { project_id: number; sdk: string }[];
  for (const r of rows) add(r.project_id, r.sdk);
  const project = db.prepare('SELECT name, platform FROM projects WHERE id = ?');
  return trace.projectIds.map((projectId) => {
    const p = project.get(projectId) as { name: string; platform: string | null } | undefined;
    return { projectId, name: p?.name ?? `project ${projectId}`, platform: p?.platform ?? null,
      sdks: [...(sdks.get(projectId) ?? [])].sort(), spanCount: spanCounts.get(projectId) ?? 0 };
  });
}

/** The trace summary's input for `traceId`; null when no span of it is stored (the report then says only its id and logs). */
export function traceSummaryInput(db: DB, traceId: string | null): TraceSummaryInput | null {
  const ids = traceId ? traceIdForms(traceId) : null;
  if (!ids) return null;
  let trace: TraceDetail;
  try { trace = traceQueries(db).detail(ids[0]); } catch { return null; } // 404: nothing of the trace stored
  if (trace.spans.length === 0) return null;
  return { spans: trace.spans, spansTruncated: trace.spansTruncated, durationMs: trace.durationMs,
    services: servicesOf(db, trace, ids), performanceIssues: trace.performanceIssues };
}
