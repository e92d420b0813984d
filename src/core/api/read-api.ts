import type { Health, MergedIssues, UnmergedIssue } from '../../shared/api-types';
import type { ImportSummary } from '../../shared/import-summary';
import { EmptyBundleError } from '../report/import-bundle';
import type { DB } from '../store/db';
import { SCHEMA_VERSION } from '../store/db';
import { projectRoutes } from './project-routes';
import { eventQueries, toAttachment } from './event-queries';
import { streamBacklog } from './stream-backlog';
import { attachmentBytesReader, type AttachmentSource } from './attachment-bytes';
import { envelopeBody } from '../store/event-payload';
import { HttpError, intParam, readJson, sendBytes } from './http-util';
import { issueQueries } from './issue-queries';
import { issueIdsParam, issueQuery } from './issue-params';
import { searchSuggestionRoutes } from './issue-search-suggest';
import { logSearchRoutes } from './log-search-suggest';
import { feedbackQueries } from './feedback-queries';
import { feedbackRoutes } from './feedback-routes';
import { FEEDBACK_LIST_MAX } from '../../shared/api-feedback';
import { itemQueries } from './item-queries';
import { logQueries } from './log-queries';
import { cronQueries } from './cron-queries';
import { traceQueries } from './trace-queries';
import { webVitalsQueries } from './web-vitals-queries';
import { profileQueries } from './profile-queries';
import type { ProfileJson } from '../profile/profile-job';
import { replayQueries } from './replay-queries';
import { Router, type RouteContext } from './router';
import { settingsStore, type StoredSettings } from './settings';
import type { RetentionSettings } from '../../shared/api-settings';
import type { SseHub } from './sse-hub';
import { issueActions } from './issue-actions';
import { bulkIssueActions } from './issue-bulk-routes';
import { goneIssue, issueGone } from './issue-gone';
import { deleteIssues } from '../store/issue-delete';
import { deleteAllData } from '../store/delete-all';
import { currentIssueId } from '../store/issue-merge';
import { mergeRoutes } from './issue-merge-routes';
import { similarIssues } from './similar-issues';
import { oneIssueOpAtATime } from '../store/issue-ops-lock';
import { activityOf } from '../store/issue-activity';
import type { RenderedReport, ReportOptions } from '../report/render-report';
import { DEFAULT_PORT, readPortSetting, savePortSetting } from './port-setting';
import { refreshDetail, sourceRoutes } from './source-api';
import type { SourceRootsFor } from './source-scope';
import { editorFacts } from './editor-choice';
import { statsRoutes } from './stats-queries';
import { releaseRoutes } from './release-routes';
import { issueHistoryRoutes } from './issue-history';
import { relatedFeedbackOfIssue } from '../report/related-feedback';

export interface ReadApiDeps {
  db: DB;
  hub: SseHub;
  version: string;
  dataDir: string;
  port: () => number;
  startedAt: number;
  notices: string[];
  dsnFor: (projectId: number) => string;
  /** Source roots for a project's event (`--source-root`, settings, the project's, detected). */
  sourceRoots: SourceRootsFor;
  /** Runs a write in the store's writer, so it never interleaves with ingest. */
  submitWrite: <T>(run: () => T) => Promise<T>;
  report?: (issueId: number, format: string, opts: ReportOptions) => Promise<RenderedReport>;
  onIssueChanged: (issueId: number, change: 'updated') => void;
  /** Tells open UIs that these issues are gone. */
  onIssuesDeleted: (ids: number[]) => void;
  /** Tells open UIs that everything stored is gone. */
  onDataDeleted: () => void;
  /** Tells open UIs that issues were merged. */
  onIssuesMerged: (merged: MergedIssues) => void;
  /** Tells open UIs that part of an issue left it for a new one. */
  onIssueUnmerged: (issueId: number, unmerged: UnmergedIssue) => void;
  importBundle?: (buf: Buffer) => Promise<ImportSummary>;
  /** The built profile worker: large profiles are aggregated off the thread that answers ingest. */
  profileWorkerFile?: string;
  /** The SQLite driver's addon the store was opened with (Electron's build), for the profile worker's own connection. */
  storeNativeBinding?: string;
  /** Retention limits from the command line, which win over the settings' (shown as such). */
  retentionOverrides?: Partial<RetentionSettings>;
  /** Hosts from `--fetch-host`, fetched from besides the settings' (shown as such). */
  commandLineFetchHosts?: readonly string[];
}

const ENVELOPE_OUTCOMES = new Set(['accepted', 'rejected']);

/** The inspector's JSON API under `/_lookout/api/`, as typed in `src/shared/api-types.ts`. */
export function createReadApi(deps: ReadApiDeps): Router {
  const { db } = deps;
  const events = eventQueries(db);
  const issues = issueQueries(db);
  const feedback = feedbackQueries(db);
  const replays = replayQueries(db);
  const traces = traceQueries(db);
  const logs = logQueries(db);
  const crons = cronQueries(db);
  const storedItems = itemQueries(db);
  const settings = settingsStore(db);
  const actions = issueActions(db);
  const id = (ctx: RouteContext, i = 0) => intParam(ctx.params[i] ?? null, 0, 0, Number.MAX_SAFE_INTEGER);
  // A merged issue's links keep working: they read the issue it joined.
  const issueId = (ctx: RouteContext) => currentIssueId(db, id(ctx));
  const r = new Router();

  r.on('GET', /^\/health$/, (): Health => ({
    ok: true, version: deps.version, schemaVersion: SCHEMA_VERSION, port: deps.port(), dataDir: deps.dataDir,
    startedAt: deps.startedAt, notices: deps.notices,
  }));
  projectRoutes(r, deps);
  r.on('GET', /^\/events$/, ({ url }) => {
    const p = url.searchParams;
    return events.list({
      project: p.get('project') ? intParam(p.get('project'), 0, 0, Number.MAX_SAFE_INTEGER) : undefined,
      type: p.get('type') ?? undefined, limit: intParam(p.get('limit'), 50, 1, 500),
      before: p.get('before') ? intParam(p.get('before'), 0, 0, Number.MAX_SAFE_INTEGER) : undefined,
    });
  });
  r.on('GET', /^\/events\/([0-9a-fA-F-]{32,36})$/, (ctx) => refreshDetail(events.detail(ctx.params[0]!), deps.sourceRoots));
  r.on('GET', /^\/items$/, ({ url }) => events.items({
    limit: intParam(url.searchParams.get('limit'), 100, 1, 1000),
    before: url.searchParams.get('before') ? intParam(url.searchParams.get('before'), 0, 0, Number.MAX_SAFE_INTEGER) : undefined,
  }));
  r.on('GET', /^\/items\/(\d+)$/, (ctx) => storedItems.detail(id(ctx)));
  r.on('GET', /^\/traces$/, ({ url }) => traces.list({
    project: optionalId(url, 'project'), query: url.searchParams.get('query')?.slice(0, 200) || undefined,
    limit: intParam(url.searchParams.get('limit'), 50, 1, 500), before: optionalId(url, 'before'),
  }));
  r.on('GET', /^\/traces\/([0-9a-fA-F-]{32,36})$/, (ctx) => traces.detail(ctx.params[0]!));
  const webVitals = webVitalsQueries(db);
  r.on('GET', /^\/web-vitals$/, ({ url }) => webVitals.report({ hours: intParam(url.searchParams.get('hours'), 24, 1, 24 * 90), project: optionalId(url, 'project') }));
  const profiles = profileQueries(db, { workerFile: deps.profileWorkerFile, nativeBinding: deps.storeNativeBinding, sourceRoots: deps.sourceRoots });
  // A profile answer comes serialised (off the main thread when large): sent as it is.
  const sendProfile = async (ctx: RouteContext, answer: Promise<ProfileJson>) => { sendBytes(ctx.res, 'application/json; charset=utf-8', (await answer).json); };
  r.on('GET', /^\/traces\/([0-9a-fA-F-]{32,36})\/profiles$/, (ctx) => profiles.ofTrace(ctx.params[0]!));
  r.on('GET', /^\/traces\/([0-9a-fA-F-]{32,36})\/profile$/, (ctx) => sendProfile(ctx, profiles.traceProfile(ctx.params[0]!)));
  r.on('GET', /^\/profiles\/items\/(\d+)$/, (ctx) => sendProfile(ctx, profiles.byItem(id(ctx))));
  r.on('GET', /^\/profiles\/events\/([0-9a-fA-F-]{32,36})$/, (ctx) => sendProfile(ctx, profiles.byEvent(ctx.params[0]!)));
  r.on('GET', /^\/events\/([0-9a-fA-F-]{32,36})\/profiles$/, (ctx) => profiles.ofEvent(ctx.params[0]!));
  r.on('GET', /^\/logs$/, ({ url }) => logs.list({
    project: optionalId(url, 'project'), level: url.searchParams.get('level') ?? undefined, query: url.searchParams.get('query') ?? undefined,
    trace: url.searchParams.get('trace') || undefined, limit: intParam(url.searchParams.get('limit'), 100, 1, 500),
    before: url.searchParams.get('before') || undefined, after: url.searchParams.get('after') || undefined,
  }));
  r.on('GET', /^\/crons$/, ({ url }) => crons.list({ project: optionalId(url, 'project') }));
  r.on('GET', /^\/crons\/monitor$/, ({ url }) => {
    const p = url.searchParams;
    // A missing slug is the empty one; a missing environment is the one that checked in last (`?environment=` is the empty one).
    return crons.monitor({ project: intParam(p.get('project'), 0, 0, Number.MAX_SAFE_INTEGER), slug: p.get('slug') ?? '', environment: p.get('environment') ?? undefined,
      before: p.get('before') || undefined, limit: intParam(p.get('limit'), 50, 1, 500) }) ?? notFound('monitor');
  });
  r.on('GET', /^\/envelopes$/, ({ url }) => {
    const outcome = url.searchParams.get('outcome') || null;
    if (outcome !== null && !ENVELOPE_OUTCOMES.has(outcome)) throw new HttpError(400, `unknown outcome ${JSON.stringify(outcome)}: accepted or rejected`);
    // The outcome as a literal: only then can 'rejected' use its partial index (envelopes_rejected).
    const rows = db.prepare(`SELECT id, received, route, method, project_id, client, sentry_key, outcome, status, reason, size,
      item_count, headers FROM envelopes ${outcome ? `WHERE outcome = '${outcome}'` : ''} ORDER BY id DESC LIMIT ?`)
      .all(intParam(url.searchParams.get('limit'), 100, 1, 1000)) as Record<string, unknown>[];
    return { items: rows.map(toEnvelopeRecord), nextCursor: null };
  });
  r.on('GET', /^\/envelopes\/(\d+)\/raw$/, (ctx) => {
    const body = envelopeBody(db, id(ctx));
    if (!body) throw new HttpError(404, 'no such envelope');
    sendBytes(ctx.res, 'application/x-sentry-envelope', body);
  });
  r.on('GET', /^\/issues$/, ({ url }) => issues.list(issueQuery(url)));
  searchSuggestionRoutes(r, db); // before /issues/:id
  logSearchRoutes(r, db);
  r.on('GET', /^\/issues\/(\d+)$/, (ctx) => issues.detail(issueId(ctx)) ?? goneIssue(db, id(ctx)));
  r.on('GET', /^\/issues\/(\d+)\/gone$/, (ctx) => issueGone(db, id(ctx)));
  issueHistoryRoutes(r, db);
  r.on('GET', /^\/issues\/(\d+)\/tags$/, (ctx) => issues.tags(issueId(ctx)));
  r.on('GET', /^\/issues\/(\d+)\/activity$/, (ctx) => activityOf(db, issueId(ctx)) ?? notFound('issue'));
  r.on('GET', /^\/issues\/(\d+)\/similar$/, (ctx) => similarIssues(db, issueId(ctx), issues.get) ?? notFound('issue'));
  // What users said about the issue's events (both feedback forms), newest first.
  const feedbackLimit = (url: URL) => intParam(url.searchParams.get('limit'), FEEDBACK_LIST_MAX, 1, FEEDBACK_LIST_MAX);
  r.on('GET', /^\/issues\/(\d+)\/feedback$/, (ctx) => feedback.aboutIssue(issueId(ctx), feedbackLimit(ctx.url)));
  r.on('GET', /^\/issues\/(\d+)\/related-feedback$/, (ctx) => relatedFeedbackOfIssue(db, issueId(ctx), feedbackLimit(ctx.url)));
  r.on('GET', /^\/events\/([0-9a-fA-F-]{32,36})\/feedback$/, (ctx) => feedback.aboutEvent(ctx.params[0]!, feedbackLimit(ctx.url)));
  feedbackRoutes(r, { db, hub: deps.hub, submitWrite: deps.submitWrite });
  r.on('GET', /^\/issues\/(\d+)\/events$/, (ctx) => events.listOfIssue(issueId(ctx), intParam(ctx.url.searchParams.get('limit'), 50, 1, 500),
    ctx.url.searchParams.get('before') || undefined));
  r.on('PATCH', /^\/issues\/(\d+)$/, async (ctx) => {
    const issueId = currentIssueId(db, id(ctx));
    actions.setStatus(issueId, await readJson(ctx.req));
    deps.onIssueChanged(issueId, 'updated');
    return issues.detail(issueId);
  });
  const remove = async (ids: number[]) => {
    // Not between the jobs of a merge or an unmerge.
    const deleted = await oneIssueOpAtATime(db, () => deps.submitWrite(() => deleteIssues(db, ids)));
    if (deleted.issues > 0) deps.onIssuesDeleted(ids);
    return deleted;
  };
  r.on('DELETE', /^\/issues\/(\d+)$/, async (ctx) => {
    const deleted = await remove([id(ctx)]);
    return deleted.issues > 0 ? deleted : notFound('issue');
  });
  // Sentry's bulk forms: `PUT|DELETE …/issues/?id=1&id=2`, and every issue of a search (`?matching=1&query=…`).
  const bulk = bulkIssueActions({ matchingIds: (url) => issues.matchingIds(issueQuery(url)), issueIds: issueIdsParam, actions, remove,
    onIssueChanged: deps.onIssueChanged });
  mergeRoutes(r, { db, submitWrite: deps.submitWrite, onIssuesMerged: deps.onIssuesMerged, onIssueUnmerged: deps.onIssueUnmerged,
    issueIds: issueIdsParam, update: (url, body) => bulk.update(url, body) });
  r.on('DELETE', /^\/issues$/, async ({ url }) => bulk.remove(url));
  r.on('DELETE', /^\/data$/, async () => {
    const deleted = await deps.submitWrite(() => deleteAllData(db));
    deps.onDataDeleted();
    return deleted;
  });
  r.on('GET', /^\/issues\/(\d+)\/report$/, async (ctx) => {
    if (!deps.report) throw new HttpError(501, 'report export is not available');
    const p = ctx.url.searchParams;
    const rules: Record<string, boolean> = {};
    for (const rule of ['keys', 'headers', 'creditCards', 'ips', 'emails']) {
      const v = p.get(rule);
      if (v === '0' || v === '1') rules[rule] = v === '1';
    }
    const out = await deps.report(issueId(ctx), p.get('format') ?? 'md', {
      events: intParam(p.get('events'), 10, 1, 1000), scrub: p.get('scrub') !== '0', replay: p.get('replay') !== '0',
      rules, mark: p.get('mark') === '1', fit: p.get('fit') === 'github',
    });
    // Markdown says how long it is untrimmed and what `fit=github` trimmed (URI-encoded JSON), for the dialog to tell.
    const fit: Record<string, string> = out.fit ? { 'x-lookout-report-fit': encodeURIComponent(JSON.stringify(out.fit)) } : {};
    sendBytes(ctx.res, out.contentType, out.body, { 'content-disposition': `attachment; filename="${out.filename}"`, ...fit });
  });
  r.on('POST', /^\/import$/, async (ctx) => {
    if (!deps.importBundle) throw new HttpError(501, 'import is not available');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of ctx.req) {
      size += (c as Buffer).length;
      if (size > 500 * 1024 * 1024) throw new HttpError(413, 'bundle larger than 500 MiB');
      chunks.push(c as Buffer);
    }
    try {
      return await deps.importBundle(Buffer.concat(chunks));
    } catch (err) {
      if (err instanceof HttpError) throw err;
      if (err instanceof EmptyBundleError) throw new HttpError(400, `nothing imported: ${err.message}`);
      throw new HttpError(400, `not a Lookout bundle: ${(err as Error).message}`);
    }
  });
  r.on('GET', /^\/attachments\/(\d+)$/, (ctx) => {
    const row = db.prepare('SELECT * FROM attachments WHERE id = ?').get(id(ctx)) as Record<string, unknown> | undefined;
    if (!row) throw new HttpError(404, 'no such attachment');
    const info = toAttachment(row);
    // Served as a download with its own type only for images; everything else as octet-stream, never rendered.
    const type = /^image\/(png|jpeg|gif|webp)$/.test(info.contentType) ? info.contentType : 'application/octet-stream';
    // A reader per download: it keeps the envelope it decoded, which for an attachment can be large.
    sendBytes(ctx.res, type, attachmentBytesReader(db)(row as unknown as AttachmentSource), {
      'content-disposition': `${type === 'application/octet-stream' ? 'attachment' : 'inline'}; filename="${info.filename.replace(/[^\w.-]/g, '_')}"`,
      'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; sandbox",
    });
  });
  r.on('GET', /^\/replays$/, ({ url }) => replays.listFrom(url.searchParams));
  r.on('GET', /^\/replays\/([0-9a-fA-F-]{32,36})$/, (ctx) => replays.get(ctx.params[0]!.replace(/-/g, '').toLowerCase()));
  r.on('GET', /^\/replays\/([0-9a-fA-F-]{32,36})\/recording$/, (ctx) => replays.recording(ctx.params[0]!.replace(/-/g, '').toLowerCase()));
  r.on('GET', /^\/replays\/([0-9a-fA-F-]{32,36})\/video\/(\d+)$/, (ctx) =>
    replays.sendVideo(ctx.req, ctx.res, ctx.params[0]!.replace(/-/g, '').toLowerCase(), id(ctx, 1)));
  // The stored settings with what only the server knows: its port (now and next start), data dir, flags.
  // `configuredPort` is what a start without --port uses: a `--port 0` server listens on a random
  // port, which must never become the setting (apps' DSNs name the configured one).
  const withServerFacts = (stored: StoredSettings, nextPort = readPortSetting(deps.dataDir)) => ({
    ...stored, port: deps.port(), dataDir: deps.dataDir, nextPort, configuredPort: nextPort ?? DEFAULT_PORT,
    retentionOverrides: deps.retentionOverrides ?? {},
    commandLineFetchHosts: [...deps.commandLineFetchHosts ?? []], ...editorFacts(stored.editor) });
  r.on('GET', /^\/settings$/, () => withServerFacts(settings.get()));
  r.on('PUT', /^\/settings$/, async (ctx) => {
    const body = await readJson(ctx.req) as Partial<StoredSettings> & { port?: unknown };
    if (body.port !== undefined) savePortSetting(deps.dataDir, body.port);
    return withServerFacts(settings.update(body));
  });
  sourceRoutes(r, { db, sourceRoots: deps.sourceRoots, submitWrite: deps.submitWrite, onIssueChanged: deps.onIssueChanged,
    onIssuesMerged: deps.onIssuesMerged, onIssuesDeleted: deps.onIssuesDeleted });
  releaseRoutes(r, db);
  statsRoutes(r, db, () => ({ ...settings.get().retention, ...deps.retentionOverrides }).maxAgeDays);
  r.on('GET', /^\/stream$/, (ctx) => {
    const last = ctx.req.headers['last-event-id'] ?? ctx.url.searchParams.get('lastEventId') ?? null;
    deps.hub.attach(ctx.res, streamBacklog(db, issues, Array.isArray(last) ? last[0] ?? null : last));
  });
  return r;
}

function optionalId(url: URL, name: string): number | undefined {
  const v = url.searchParams.get(name);
  return v ? intParam(v, 0, 0, Number.MAX_SAFE_INTEGER) : undefined;
}

function notFound(what: string): never {
  throw new HttpError(404, `no such ${what}`);
}

export function toEnvelopeRecord(r: Record<string, unknown>) {
  return {
    id: r.id, received: r.received, route: r.route, method: r.method, projectId: r.project_id, client: r.client,
    sentryKey: r.sentry_key, outcome: r.outcome, status: r.status, reason: r.reason, size: r.size, itemCount: r.item_count,
    headers: JSON.parse(String(r.headers ?? '{}')) as Record<string, string>,
  };
}
