import type { SourceRegroupCandidate, SourceRegroupStatus } from '../../shared/api-source-regroup';
import { symbolicateEvent } from '../symbolicate';
import type { DB } from '../store/db';
import { loadEventPayload, type StoredEventRow } from '../store/event-payload';
import { HttpError, readJson } from './http-util';
import { regroupIssueWithSourceMaps, type RegroupDeps } from './regroup-issue';
import type { Router } from './router';
import { mappedFrameCount } from './view-symbolication';

/** Issues scanned, newest first: enough for what a developer saw this week, and a scan of seconds. */
export const SCAN_ISSUES = 500;

export interface SourceRegroupDeps extends RegroupDeps {
  onIssueChanged: (issueId: number, change: 'updated') => void;
}

const idle = (): SourceRegroupStatus => ({ state: 'idle', projectId: null, scanned: 0, scanTotal: 0, notScanned: 0, candidates: [], done: 0,
  regrouped: 0, merged: 0, events: 0, skipped: 0, message: null });

type IssueRow = { id: number; project_id: number; title: string };

/**
 * After a source folder is added or changed: finds the error issues (newest first, at most
 * {@link SCAN_ISSUES}) whose newest stored event has frames a source map now resolves, offers
 * them, and on request re-groups each as its page's "Re-group with source maps" does, merging
 * an old issue into the newer one its events now match. One scan or run at a time; its status
 * is polled. Sentry never re-processes stored events (a new issue opens beside the old one);
 * here the old events are on this machine, so they can be brought along, once the user asks.
 * @see https://develop.sentry.dev/backend/application-domains/grouping/
 */
export function sourceRegroupJob(db: DB, deps: SourceRegroupDeps) {
  let status = idle();
  let current: Promise<void> | null = null;
  const latestEvent = db.prepare("SELECT * FROM events WHERE issue_id = ? AND kind = 'event' ORDER BY timestamp DESC, id DESC LIMIT 1");
  const issueExists = db.prepare('SELECT 1 FROM issues WHERE id = ?').pluck();

  /** Whether a map now resolves frames the issue's newest event kept minified. */
  async function mapsBetter(issue: IssueRow): Promise<boolean | 'unreadable'> {
    const row = latestEvent.get(issue.id) as (StoredEventRow & { project_id: number }) | undefined;
    if (!row) return false;
    try {
      const payload = loadEventPayload(db, row);
      const { event, changed } = await symbolicateEvent(payload, { sourceRoots: deps.sourceRoots(row.project_id, payload), scrape: deps.sourceRoots.fetching?.() });
      return changed && mappedFrameCount(event) > mappedFrameCount(payload);
    } catch {
      return 'unreadable';
    }
  }

  async function scan(projectId: number | null): Promise<void> {
    const where = "type NOT IN ('transaction', 'cron')" + (projectId === null ? '' : ' AND project_id = ?');
    const args = projectId === null ? [] : [projectId];
    const issues = db.prepare(`SELECT id, project_id, title FROM issues WHERE ${where} ORDER BY last_seen DESC, id DESC LIMIT ${SCAN_ISSUES}`).all(...args) as IssueRow[];
    const total = db.prepare(`SELECT COUNT(*) FROM issues WHERE ${where}`).pluck().get(...args) as number;
    status = { ...idle(), state: 'scanning', projectId, scanTotal: issues.length, notScanned: Math.max(0, total - issues.length) };
    const candidates: SourceRegroupCandidate[] = [];
    for (const issue of issues) {
      const better = await mapsBetter(issue);
      if (better === 'unreadable') status.skipped++;
      else if (better) candidates.push({ issueId: issue.id, title: issue.title });
      status.scanned++;
    }
    status = { ...status, state: candidates.length > 0 ? 'offer' : 'idle', candidates };
  }

  async function run(): Promise<void> {
    status = { ...status, state: 'running', done: 0 };
    for (const { issueId } of status.candidates) {
      // Merged into an earlier candidate meanwhile, or deleted: nothing left to do for it.
      if (issueExists.get(issueId) !== undefined) {
        const result = await regroupIssueWithSourceMaps(db, issueId, deps);
        if (result.resymbolicated > 0) status.regrouped++;
        if (result.mergedInto !== null) status.merged++;
        status.events += result.resymbolicated;
        status.skipped += result.skipped;
        for (const id of result.issueIds) deps.onIssueChanged(id, 'updated');
      }
      status.done++;
    }
    status = { ...status, state: 'done' };
  }

  /** Runs one step in the background; its failure is the status, never an unhandled rejection. */
  function start(step: () => Promise<void>): void {
    current = step().catch((err: unknown) => { status = { ...status, state: 'failed', message: (err as Error).message }; })
      .finally(() => { current = null; });
  }

  return {
    status: (): SourceRegroupStatus => status,
    scan(projectId: number | null): SourceRegroupStatus {
      // The same scan asked again (the page after the server started it): it is the answer.
      if (current && status.state === 'scanning' && status.projectId === projectId) return status;
      if (current) throw new HttpError(409, `a ${status.state === 'running' ? 're-group' : 'scan'} is under way`);
      start(() => scan(projectId));
      return status;
    },
    /** A source folder changed: scan unless a scan or re-group is under way (the page can ask again). */
    scanSoon(projectId: number | null): void {
      if (!current) start(() => scan(projectId));
    },
    run(): SourceRegroupStatus {
      if (current || status.state !== 'offer') throw new HttpError(409, 'nothing to re-group: scan first');
      start(run);
      return status;
    },
    dismiss(): SourceRegroupStatus {
      if (current) throw new HttpError(409, 'a scan or re-group is under way');
      status = idle();
      return status;
    },
    /** Resolves once no scan or run is under way (tests, shutdown). */
    settled: (): Promise<void> => current ?? Promise.resolve(),
  };
}

/** `GET /source-regroup`, `POST /source-regroup/scan` `{ projectId }`, `POST /source-regroup/run`, `POST /source-regroup/dismiss`. */
export function sourceRegroupRoutes(r: Router, db: DB, deps: SourceRegroupDeps): ReturnType<typeof sourceRegroupJob> {
  const job = sourceRegroupJob(db, deps);
  r.on('GET', /^\/source-regroup$/, () => job.status());
  r.on('POST', /^\/source-regroup\/scan$/, async (ctx) => {
    const body = await readJson(ctx.req);
    const raw = typeof body === 'object' && body !== null ? (body as { projectId?: unknown }).projectId : undefined;
    if (raw !== undefined && raw !== null && !(typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0)) {
      throw new HttpError(400, 'projectId must be a project id or null (all projects)');
    }
    return job.scan(typeof raw === 'number' ? raw : null);
  });
  r.on('POST', /^\/source-regroup\/run$/, () => job.run());
  r.on('POST', /^\/source-regroup\/dismiss$/, () => job.dismiss());
  return job;
}
