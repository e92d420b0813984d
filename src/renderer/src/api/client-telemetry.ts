/**
 * The telemetry reads of Lookout's read API (items, traces, profiles, logs, stats, crons, replays):
 * the half of {@link LookoutClient} that only reads what SDKs sent. Split out so each file stays
 * small; the views still use one client.
 */
import type {
  CronMonitorDetail, CronMonitorOverview, ItemDetail, ItemSummary, LogEntry, LogQuery, Page, ReplayDetail, ReplayRecording, ReplaySort, ReplaySummary,
  TraceDetail, TraceSummary,
} from '../../../shared/api-types';
import type { OutcomeStats } from '../../../shared/api-stats';
import type { WebVitalsReport } from '../../../shared/api-web-vitals';
import type { ReleaseList, ReleasePage, ReleaseQuery } from '../../../shared/api-releases';
import type { EventProfiles, ProfileResponse, TraceProfiles } from '../../../shared/api-profile';
import { ApiError, queryString, requestJson } from './http';

/** Accepts a bare array or a `{items}` page, since list endpoints may answer either way. */
export function listOf<T>(value: unknown): T[] {
  if (Array.isArray(value)) return value as T[];
  const items = typeof value === 'object' && value !== null ? (value as { items?: unknown }).items : undefined;
  return Array.isArray(items) ? items as T[] : [];
}

export async function nullOn404<T>(pending: Promise<T>): Promise<T | null> {
  try {
    return await pending;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

export class TelemetryClient {
  /** @param base origin of the server without trailing slash; '' = same origin. */
  constructor(readonly base: string) {}

  protected url(path: string): string {
    return `${this.base}/_lookout/api/${path}`;
  }

  items(q: { limit?: number; before?: string | number } = {}): Promise<Page<ItemSummary>> {
    return requestJson(this.url(`items${queryString(q)}`));
  }

  /** One stored item with its headers and payload as sent (re-read from the raw envelope). */
  item(seq: number): Promise<ItemDetail> {
    return requestJson(this.url(`items/${seq}`));
  }

  /** Traces by their newest span, newest first; pass `nextCursor` as `before`. */
  traces(q: { project?: number; query?: string; limit?: number; before?: string } = {}): Promise<Page<TraceSummary>> {
    return requestJson(this.url(`traces${queryString(q)}`));
  }

  /** A profile aggregated: one stored item, a transaction's (v1 profile, else its profiler's chunks), or a trace's chunks; `null` on 404. */
  profile(source: 'item' | 'event' | 'trace', id: string): Promise<ProfileResponse | null> {
    const path = source === 'trace' ? `traces/${encodeURIComponent(id)}/profile` : `profiles/${source}s/${encodeURIComponent(id)}`;
    return nullOn404(requestJson<ProfileResponse>(this.url(path)));
  }

  /** What a trace or a transaction's event page links to (`TraceProfiles`, `EventProfiles`), found without aggregating; `null` on 404. */
  profilesOf<K extends 'traces' | 'events'>(of: K, id: string): Promise<(K extends 'traces' ? TraceProfiles : EventProfiles) | null> {
    return nullOn404(requestJson<K extends 'traces' ? TraceProfiles : EventProfiles>(this.url(`${of}/${encodeURIComponent(id)}/profiles`)));
  }

  /** Every stored span of a trace with its errors and logs, or `null` when it was not captured (404). */
  trace(traceId: string): Promise<TraceDetail | null> {
    return nullOn404(requestJson<TraceDetail>(this.url(`traces/${encodeURIComponent(traceId)}`)));
  }

  /** Sentry's Web Vitals page: pages with the p75 of each vital and their Performance Score over the last `hours`. */
  webVitals(q: { hours: number; project?: number }): Promise<WebVitalsReport> {
    return requestJson(this.url(`web-vitals${queryString(q)}`));
  }

  /** Logs, newest first; pass `nextCursor` as `before`. */
  logs(q: LogQuery = {}): Promise<Page<LogEntry>> {
    return requestJson(this.url(`logs${queryString({ ...q })}`));
  }

  /** Sentry's Stats: accepted and dropped per category and reason over the last `hours`, and Lookout's own rejections. */
  stats(q: { hours: number; project?: number }): Promise<OutcomeStats> {
    return requestJson(this.url(`stats${queryString(q)}`));
  }

  /** Sentry's releases list with each release's health, last seen first. */
  releases(q: ReleaseQuery = {}): Promise<ReleaseList> {
    return requestJson(this.url(`releases${queryString({ project: q.project, environment: q.environment, query: q.query, limit: q.limit, cursor: q.cursor })}`));
  }

  /** A release's page (404: no such release in the project). */
  release(project: number, version: string, environment?: string): Promise<ReleasePage> {
    return requestJson(this.url(`releases/detail${queryString({ project, version, environment })}`));
  }

  /** Cron monitors (one per slug, with its environments), the most recently checked-in first. */
  crons(q: { project?: number } = {}): Promise<CronMonitorOverview[]> {
    return requestJson(this.url(`crons${queryString(q)}`));
  }

  /** A monitor's runs, newest first (pass `nextCursor` as `before`); `null` when it has no check-in (404). */
  cronMonitor(q: { project: number; slug: string; environment?: string; before?: string; limit?: number }): Promise<CronMonitorDetail | null> {
    return nullOn404(requestJson<CronMonitorDetail>(this.url(`crons/monitor${queryString({ ...q })}`)));
  }

  /** A captured replay's summary, or `null` when none was received under this id (404). */
  replay(replayId: string): Promise<ReplayDetail | null> {
    return nullOn404(requestJson<ReplayDetail>(this.url(`replays/${encodeURIComponent(replayId)}`)));
  }

  /** The replay's rrweb events, decoded by the server; `null` when not captured. */
  replayRecording(replayId: string): Promise<ReplayRecording | null> {
    return nullOn404(requestJson<ReplayRecording>(this.url(`replays/${encodeURIComponent(replayId)}/recording`)));
  }

  /** Captured replays, newest first or by `sort` (Sentry's names: `-count_dead_clicks`…), matching `query` (URL, user). */
  async replays(q: { project?: number; sort?: ReplaySort; query?: string } = {}): Promise<ReplaySummary[]> {
    return listOf<ReplaySummary>(await requestJson<unknown>(this.url(`replays${queryString(q)}`)));
  }

  /** URL of one mobile replay segment's mp4, for a `<video>` (the server honours Range requests). */
  replayVideoUrl(replayId: string, segmentId: number): string {
    return this.url(`replays/${encodeURIComponent(replayId)}/video/${segmentId}`);
  }
}
