import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { IssueSummary, MergedIssues, StreamMessage, UnmergedIssue } from '../shared/api-types';
import { createReadApi } from './api/read-api';
import { issueQueries } from './api/issue-queries';
import { SseHub } from './api/sse-hub';
import { SpotlightStream } from './ingest/spotlight-stream';
import { LargeRequestGate } from './ingest/large-request-gate';
import { claimDataDir, DataDirNotWritableError } from './data-dir-guard';
import { settingsStore } from './api/settings';
import { createHttpServer, hostsForBind, type HttpTimeouts } from './http-server';
import type { EnvelopePlan, RequestRecord } from './pipeline/types';
import { openDatabase, type DB } from './store/db';
import { recentEnvelopes } from './store/recent-envelopes';
import { storedBodyIsEnvelope } from './store/stored-request';
import { checkInBackground } from './store/integrity';
import { recordEnvelope } from './store/envelope-writer';
import { highestId } from './store/rowid-floor';
import { deletionEventId, deletionMark, streamPosition } from './store/deletion-mark';
import { planWriter } from './store/plan-writer';
import { SegmentRedetections } from './store/segment-redetect';
import { mergeInJobs } from './store/merge-jobs';
import { resumeIssueOps } from './store/issue-ops-resume';
import { profileWorkerBeside } from './profile/profile-job';
import type { IssueChange } from './store/issue-writer';
import { HeldWriter } from './store/held-writer';
import type { RetentionLimits } from './store/retention';
import { startRetention } from './retention-service';
import { configuredRoots, sourceRootsResolver } from './api/source-scope';
import { PreparePool } from './pipeline/prepare-pool';
import { VERSION } from './version';
import { renderReport } from './report/render-report';
import { importBundle, storedAttachmentOf, storedIssueOf, storedSegmentsOf } from './report/import-bundle';
import { storedTraceOf } from './report/import-trace';
import { ingestSymbolicator } from './pipeline/ingest-symbolicator';
import { cronIncidents } from './crons/cron-incidents';
import { startCronScheduler, type CronScheduler } from './crons/cron-scheduler';
import { announceProjects } from './api/project-announcer';

export interface LookoutOptions {
  dataDir: string;
  port: number;
  host: string;
  maxBodyBytes?: number;
  sourceRoots?: string[];
  /** Hosts scripts and source maps may be fetched from besides loopback ones (`--fetch-host`), on top of the settings'. */
  fetchHosts?: string[];
  nativeBinding?: string;
  /** The built prepare-worker.js: requests are then parsed and grouped on a worker thread. */
  prepareWorkerFile?: string;
  /** Overrides the retention limits from settings (flags of `lookout serve`). */
  retention?: Partial<RetentionLimits>;
  /** How often retention runs, in ms (default 60 s). */
  retentionIntervalMs?: number;
  /** Where the built renderer lives; defaults to `out/renderer` of this package. */
  uiRoot?: string;
  log?: (line: string) => void;
  /** Shorter slow-client timeouts (tests). */
  httpTimeouts?: Partial<HttpTimeouts>;
  /** Internal, for tests: sees the open database first, e.g. to cap it with PRAGMA max_page_count. */
  onDatabase?: (db: DB) => void;
  /** Internal, for tests: the clock cron monitors are judged by (missed ticks, timeouts), moved instead of waited for. */
  cronClock?: () => number;
}

export interface LookoutApp {
  url: string;
  port: number;
  dataDir: string;
  /** Set when bound beyond loopback: the UI and read API require it. */
  token: string | null;
  close(): Promise<void>;
  onIssue(cb: (e: { change: 'created' | 'updated' | 'regressed'; issue: IssueSummary }) => void): () => void;
  /** Judges cron monitors now (after any pass under way), as the timer does; for tests with `cronClock`. */
  judgeCrons(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(readonly port: number) { super(`port ${port} is already in use`); }
}

export const DEFAULT_MAX_BODY = 200 * 1024 * 1024;

function defaultUiRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'out', 'renderer');
    dir = dirname(dir);
  }
  return resolve('out/renderer');
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');
}

const CHANGE_WEIGHT: Record<IssueChange, number> = { updated: 0, regressed: 1, created: 2 };
/** Of two changes to one issue told as one, the one a user must not miss (a new issue, a regression). */
function weightier(a: IssueChange, b: IssueChange): IssueChange {
  return CHANGE_WEIGHT[b] > CHANGE_WEIGHT[a] ? b : a;
}

/** Starts the whole engine: store, ingest server, read API, live stream. Electron-free. */
export async function startLookout(opts: LookoutOptions): Promise<LookoutApp> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  await claimDataDir(opts.dataDir);
  const { db, notices, checkedWhole } = openDatabase(opts.dataDir, { nativeBinding: opts.nativeBinding, log });
  // A large store opened after reading only its tables' roots is checked whole once Lookout is up.
  const cancelCheck = checkedWhole ? () => undefined : checkInBackground(db.name, {
    nativeBinding: opts.nativeBinding, delayMs: 10_000,
    onDamage: (detail) => {
      const notice = `The database reports damage (${detail}). Lookout keeps running; at the next start it is checked whole and, if still damaged, moved aside and a fresh one started.`;
      log(notice);
      notices.push(notice);
    },
  });
  opts.onDatabase?.(db);
  // The prepare worker learns each body dictionary the writer uses, to deflate later bodies itself.
  // Issue aggregates are written once per commit (see issueWriter's `deferred`).
  const writePlan = planWriter(db, { onDictionary: (hint) => preparer.teach(hint), deferred: true });
  const writer = new HeldWriter(db, 256, { nativeBinding: opts.nativeBinding, pending: writePlan });
  const writeRejected = recordEnvelope(db);
  const hub = new SseHub();
  const spotlight = new SpotlightStream(recentEnvelopes(db));
  const issues = issueQueries(db);
  const settings = settingsStore(db);
  const issueListeners = new Set<(e: { change: 'created' | 'updated' | 'regressed'; issue: IssueSummary }) => void>();
  const token = isLoopback(opts.host) ? null : crypto.randomUUID().replace(/-/g, '');
  let port = opts.port;
  const dsnFor = (id: number) => `http://lookout@${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}/${id}`;

  // Started once the server listens; until then a check-in's poke has nothing to wake.
  let retention: { noteCommit(): void; close(): void } = { noteCommit: () => undefined, close: () => undefined };
  let crons: CronScheduler = { poke: () => undefined, judgeNow: () => Promise.resolve({ changed: [] }), stop: () => undefined };
  const publishIssue = (issueId: number, change: 'created' | 'updated' | 'regressed', id: number | string) => {
    if (hub.size === 0 && issueListeners.size === 0) return; // nobody to tell: skip the summary queries
    const issue = issues.get(issueId);
    if (!issue) return;
    hub.publish(id, { type: 'issue', change, issue });
    for (const cb of issueListeners) cb({ change, issue });
  };

  // The issues a commit changed are told once each, after all of the commit's items: an app in an
  // error loop brings an open UI one update of its issue per commit, not one per event.
  const changedIssues = new Map<number, { change: IssueChange; id: number }>();
  const publishChangedIssues = () => {
    const changed = [...changedIssues];
    changedIssues.clear();
    for (const [issueId, { change, id }] of changed) publishIssue(issueId, change, id);
  };
  // Streamed segments whose parts came apart are detected again from the store, off the request (segment-writer.ts).
  const segments = new SegmentRedetections((key) => writer.submit(() => writePlan.redetectSegment(key), { leavesPending: true }),
    (assigned) => { for (const { issueId, change } of assigned) publishIssue(issueId, change, position()); });
  const commit = async (plan: EnvelopePlan) => {
    const result = await writer.submit(() => writePlan(plan), { leavesPending: true });
    retention.noteCommit();
    if (plan.items.some((i) => i.type === 'rows' && i.table === 'check_ins')) crons.poke();
    if (result.segments) segments.schedule(result.segments);
    announceProjects(db, hub, dsnFor, result.items); // a new or newly named project, before its items
    for (const item of result.items) hub.publish(item.seq, { type: 'item', item });
    if (spotlight.size > 0 && carriesEnvelope(plan.request)) spotlight.publish(result.envelopeId, plan.request.body);
    if (hub.size === 0 && issueListeners.size === 0) return result; // nobody to tell
    const lastId = result.items.at(-1)?.seq ?? lastSeq();
    if (result.issues.length > 0 && changedIssues.size === 0) setImmediate(publishChangedIssues);
    for (const { issueId, change } of result.issues) {
      const before = changedIssues.get(issueId);
      changedIssues.set(issueId, { change: before ? weightier(before.change, change) : change, id: Math.max(before?.id ?? 0, lastId) });
    }
    return result;
  };

  // One cached view of the configured roots, for the read API and for ingest (inline or worker).
  const roots = configuredRoots(db, opts.sourceRoots ?? [], opts.fetchHosts ?? []);
  const sourceRoots = sourceRootsResolver(roots);
  const preparer = new PreparePool({ workerFile: opts.prepareWorkerFile, roots, log });
  // The parent's new totals first: the merge's id (seq.count) must be the last a client hears.
  const onIssuesMerged = ({ parent, children }: MergedIssues) => {
    publishIssue(parent, 'updated', position());
    hub.publish(deletionEventId(deletionMark(db)), { type: 'issues_merged', parent, children });
  };
  const onIssueUnmerged = (issueId: number, { issueId: created }: UnmergedIssue) => {
    if (created !== null) publishIssue(created, 'created', position());
    publishIssue(issueId, 'updated', position());
  };
  const api = createReadApi({
    db, hub, version: VERSION, dataDir: opts.dataDir, port: () => port, startedAt: Date.now(), notices, dsnFor,
    sourceRoots, submitWrite: (run) => writer.submit(run), retentionOverrides: opts.retention, commandLineFetchHosts: opts.fetchHosts, profileWorkerFile: profileWorkerBeside(opts.prepareWorkerFile),
    storeNativeBinding: opts.nativeBinding,
    onIssueChanged: (issueId, change) => publishIssue(issueId, change, position()),
    onIssuesDeleted: (ids) => hub.publish(deletionEventId(deletionMark(db)), { type: 'issues_deleted', ids }),
    onIssuesMerged,
    onIssueUnmerged,
    onDataDeleted: () => hub.publish(deletionEventId(deletionMark(db)), { type: 'data_deleted' }),
    // A port picked by the system (--port 0) is dead once this run ends: the report then names the trace without a link.
    report: (issueId, format, o) => renderReport(db, issueId, format, { ...o, ...(opts.port === 0 ? {} : { lookoutUrl: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}` }) }, sourceRoots),
    importBundle: (buf) => importBundle(buf, {
      commit, storedIssue: storedIssueOf(db), storedSegments: storedSegmentsOf(db), storedAttachment: storedAttachmentOf(db), storedTrace: storedTraceOf(db), symbolicate: ingestSymbolicator(roots),
      merge: async (ids) => {
        const merged = await mergeInJobs(db, (run) => writer.submit(run), ids);
        onIssuesMerged(merged);
        return merged;
      },
    }),
  });
  const lastSeq = highestId(db, 'items');
  // Messages that are no item's carry the stream's position (after a deletion, the deletion's id).
  const position = () => streamPosition(db, lastSeq);
  // Before the server listens: a merge, unmerge or delete asked for once it does waits for these.
  void resumeIssueOps(db, (run) => writer.submit(run), { log, onMerged: onIssuesMerged, onUnmerged: onIssueUnmerged });

  const server = createHttpServer({
    api, token, extraHosts: isLoopback(opts.host) ? new Set() : hostsForBind(opts.host), log, timeouts: opts.httpTimeouts,
    uiRoot: opts.uiRoot ?? defaultUiRoot(),
    ingest: {
      maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY,
      prepare: (input) => preparer.run(input),
      commit,
      spotlight,
      largeRequests: new LargeRequestGate(),
      recordRejected: async (req: RequestRecord, status: number, reason: string) => {
        // Reads no issue, so held-back issue aggregates need not be written before it.
        const envelopeId = await writer.submit(
          () => writeRejected(req, { outcome: 'rejected', status, reason, itemCount: 0, projectId: req.projectId }), { leavesPending: true });
        const message: StreamMessage = { type: 'rejected', envelope: {
          id: envelopeId, received: req.received, route: req.route, method: req.method, projectId: req.projectId, client: req.client,
          sentryKey: req.sentryKey, outcome: 'rejected', status, reason, size: req.size ?? req.body.length, itemCount: 0, headers: req.headers,
        } };
        hub.publish(position(), message);
      },
    },
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new PortInUseError(opts.port) : err));
    server.listen(opts.port, opts.host, () => resolveListen());
  }).catch(async (err) => { await preparer.close(); writer.close(); db.close(); throw err; });
  port = (server.address() as AddressInfo).port;
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${hostForUrl}:${port}`;
  const infoFile = join(opts.dataDir, 'server.json');
  try {
    writeFileSync(infoFile, JSON.stringify({ port, pid: process.pid, url, ephemeralPort: opts.port === 0 }, null, 2));
  } catch (err) {
    // Half started is worse than not started: the port would answer and every write fail.
    await new Promise<void>((r) => server.close(() => r()));
    cancelCheck(); await preparer.close(); writer.close(); db.close();
    throw new DataDirNotWritableError(opts.dataDir, (err as NodeJS.ErrnoException).code ?? (err as Error).message);
  }

  // Failing monitors open issues (src/core/crons): judged after check-ins and on a timer.
  const judgeCrons = cronIncidents(db);
  crons = startCronScheduler({
    submit: (run) => writer.submit(run), judge: judgeCrons, clock: opts.cronClock, log,
    onChanged: (changed) => { for (const { issueId, change } of changed) publishIssue(issueId, change, position()); },
  });

  // Retention keeps the limits as ingest goes on (checked every few commits), and serves /storage.
  retention = startRetention({ db, writer, api, log, intervalMs: opts.retentionIntervalMs, nativeBinding: opts.nativeBinding,
    limits: () => ({ ...settings.get().retention, ...opts.retention }) });

  let closing: Promise<void> | null = null;
  return {
    url, port, dataDir: opts.dataDir, token,
    onIssue(cb) { issueListeners.add(cb); return () => issueListeners.delete(cb); },
    judgeCrons: async () => { await crons.judgeNow(); },
    close() {
      closing ??= (async () => {
        retention.close();
        crons.stop();
        segments.close();
        cancelCheck();
        hub.close();
        spotlight.close();
        // Requests in flight finish (their writes commit); idle keep-alive sockets are closed as
        // they become idle, and anything still open after the grace period is cut.
        await new Promise<void>((r) => {
          const sweep = setInterval(() => server.closeIdleConnections(), 50);
          const hard = setTimeout(() => server.closeAllConnections(), 10_000);
          server.close(() => { clearInterval(sweep); clearTimeout(hard); r(); });
          server.closeIdleConnections();
        });
        await preparer.close();
        writer.close();
        db.close();
        try {
          const info = JSON.parse(readFileSync(infoFile, 'utf8')) as { pid?: number };
          if (info.pid === process.pid) rmSync(infoFile, { force: true });
        } catch { /* already gone */ }
      })();
      return closing;
    },
  };
}

/** Whether a stored request's body is an envelope as sent (what Spotlight's stream passes on). */
function carriesEnvelope(request: RequestRecord): boolean {
  return storedBodyIsEnvelope(request.route, request.headers['content-type'] ?? '');
}
