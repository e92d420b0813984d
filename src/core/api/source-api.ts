import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventDetail, MergedIssues, ProjectSettings, SourceWindow, SuspectCommitInfo } from '../../shared/api-types';
import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { frameFiles, openInEditor, readSourceWindow, suspectCommit } from '../symbolicate';
import type { DB } from '../store/db';
import { readProjectSettings, saveProjectSettings } from '../store/project-repo';
import { editorChoiceFrom, NO_EDITOR_FOUND } from './editor-choice';
import { EVENT_BY_ID_SQL } from './event-queries';
import { loadEventPayload, type StoredEventRow } from '../store/event-payload';
import { HttpError, intParam, readJson } from './http-util';
import { regroupIssueWithSourceMaps } from './regroup-issue';
import type { Router } from './router';
import { settingsStore } from './settings';
import { sourceRegroupRoutes } from './source-regroup';
import { exceptionFrames, localFileOf, type SourceRootsFor } from './source-scope';
import { refreshForView } from './view-symbolication';
import { alignedLine, eventFileChanged } from './source-drift';

export interface SourceApiDeps {
  db: DB;
  sourceRoots: SourceRootsFor;
  /** Runs a write in the store's writer (one transaction at a time with ingest). */
  submitWrite: <T>(run: () => T) => Promise<T>;
  onIssueChanged: (issueId: number, change: 'updated') => void;
  /** A re-group that merged its issue away or left issues empty tells open windows (regroup-issue.ts). */
  onIssuesMerged?: (merged: MergedIssues) => void;
  onIssuesDeleted?: (ids: number[]) => void;
}

interface EventRow extends StoredEventRow { id: number; project_id: number; timestamp: number; received: number; issue_id: number | null }

const EVENT_ID = /^[0-9a-fA-F-]{32,36}$/;
const MAX_ROOTS = 100;
const MAX_PATH = 4096;

function parseRoots(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > MAX_ROOTS) throw new HttpError(400, `sourceRoots must be an array of at most ${MAX_ROOTS} paths`);
  return value.map((v) => {
    if (typeof v !== 'string' || v.length > MAX_PATH || v.includes('\0') || !path.isAbsolute(v.trim())) {
      throw new HttpError(400, `not an absolute folder path: ${JSON.stringify(v).slice(0, 200)}`);
    }
    return v.trim();
  });
}

/** A file path from the client; `file:` URLs (as some frames carry) become paths. */
function fileParam(v: unknown): string {
  if (typeof v !== 'string' || v === '') throw new HttpError(400, 'file is required');
  if (!v.startsWith('file:')) return v;
  try { return fileURLToPath(v); } catch { throw new HttpError(400, 'file is not a valid file: URL'); }
}

/** 404 for missing files, 400 for a line past the end, 403 for anything outside the allowed paths. */
function refusal(reason: string): HttpError {
  if (reason.startsWith('file not found')) return new HttpError(404, reason);
  if (reason.startsWith('line ')) return new HttpError(400, reason);
  return new HttpError(403, reason);
}

/** The crashing in-app frame of the main exception (the last one), else of any other exception. */
function topInAppFrame(event: SentryEvent): { file: string; line: number } | null {
  for (const frames of exceptionFrames(event).reverse()) {
    for (let i = frames.length - 1; i >= 0; i--) {
      const frame = frames[i] as SentryFrame;
      const file = frame.in_app === true ? localFileOf(frame) : null;
      if (file && typeof frame.lineno === 'number' && Number.isInteger(frame.lineno) && frame.lineno > 0) return { file, line: frame.lineno };
    }
  }
  return null;
}

/**
 * Routes around local source files: per-project source roots, the source window behind "show
 * more context", open in editor, suspect commit, and "re-group with source maps".
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
 */
export function sourceRoutes(r: Router, deps: SourceApiDeps): void {
  const { db } = deps;
  const settings = settingsStore(db);
  const byEventId = db.prepare(EVENT_BY_ID_SQL);
  const latestOfIssue = db.prepare("SELECT * FROM events WHERE issue_id = ? AND kind = 'event' ORDER BY timestamp DESC, id DESC LIMIT 1");
  const issueRow = db.prepare('SELECT id, project_id, first_seen FROM issues WHERE id = ?');

  const eventById = (raw: unknown): { row: EventRow; payload: SentryEvent } | null => {
    if (raw === undefined || raw === null || raw === '') return null;
    if (typeof raw !== 'string' || !EVENT_ID.test(raw)) throw new HttpError(400, 'event must be an event id');
    const row = byEventId.get(raw.replace(/-/g, '').toLowerCase()) as EventRow | undefined;
    if (!row) throw new HttpError(404, `no event ${raw}`);
    return { row, payload: loadEventPayload(db, row) };
  };
  /** Roots and exact frame files for reading or opening files named by `ev` (or the global roots). */
  const scopeOf = (ev: { row: EventRow; payload: SentryEvent } | null) => ({
    sourceRoots: deps.sourceRoots(ev?.row.project_id ?? null, ev?.payload ?? null),
    frameFiles: ev ? frameFiles(ev.payload) : [],
  });
  const projectId = (s: string | undefined) => intParam(s ?? null, 0, 0, Number.MAX_SAFE_INTEGER);
  const regroup = sourceRegroupRoutes(r, db, deps);

  r.on('GET', /^\/projects\/(\d+)\/settings$/, (ctx): ProjectSettings =>
    readProjectSettings(db, projectId(ctx.params[0])) ?? notFound('project'));
  r.on('PUT', /^\/projects\/(\d+)\/settings$/, async (ctx): Promise<ProjectSettings> => {
    const body = await readJson(ctx.req);
    const roots = typeof body === 'object' && body !== null ? (body as { sourceRoots?: unknown }).sourceRoots : undefined;
    const patch = roots === undefined ? {} : { sourceRoots: parseRoots(roots) };
    const id = projectId(ctx.params[0]);
    const before = readProjectSettings(db, id)?.sourceRoots ?? [];
    const saved = saveProjectSettings(db, id, patch) ?? notFound('project');
    // A folder added or changed: look for the old issues its maps now resolve (offered in Settings).
    if (saved.sourceRoots.length > 0 && saved.sourceRoots.join('\n') !== before.join('\n')) regroup.scanSoon(id);
    return saved;
  });

  r.on('GET', /^\/source$/, async ({ url }): Promise<SourceWindow> => {
    const p = url.searchParams;
    const file = fileParam(p.get('file'));
    const ev = eventById(p.get('event'));
    const line = intParam(p.get('line'), 0, 0, Number.MAX_SAFE_INTEGER);
    if (line < 1) throw new HttpError(400, 'line must be a positive integer');
    const radius = intParam(p.get('radius'), 5, 0, 500);
    const window = await readSourceWindow(file, line, radius, { ...scopeOf(ev), eventTimeMs: ev?.row.received });
    if ('error' in window) throw refusal(window.error);
    if (!ev) return window;
    // The event's own context lines, when it has them for this file, say better than the mtime whether it changed.
    window.changedSinceEvent = (await eventFileChanged(ev.payload, file, ev.row.received)) ?? window.changedSinceEvent;
    // Lines added above the code that ran move it: the window follows the frame's own lines to where they are now.
    const aligned = window.changedSinceEvent ? await alignedLine(ev.payload, file, line) : null;
    if (aligned && 'gone' in aligned) return { ...window, sentLinesGone: true };
    if (!aligned || aligned.movedTo === line) return window;
    const moved = await readSourceWindow(file, aligned.movedTo, radius, { ...scopeOf(ev), eventTimeMs: ev.row.received });
    return 'error' in moved ? window : { ...moved, changedSinceEvent: true, movedTo: aligned.movedTo };
  });

  r.on('POST', /^\/open$/, async (ctx) => {
    const body = await readJson(ctx.req) as { file?: unknown; line?: unknown; col?: unknown; eventId?: unknown };
    const file = fileParam(body.file);
    const scope = scopeOf(eventById(body.eventId));
    const choice = editorChoiceFrom(settings.get().editor);
    if (!choice) throw new HttpError(409, NO_EDITOR_FOUND);
    const result = await openInEditor(choice, file, Number(body.line) || 1, Number(body.col) || 1, scope);
    if (!result.ok) throw result.error.startsWith('cannot start') ? new HttpError(502, result.error) : refusal(result.error);
    return result;
  });

  r.on('GET', /^\/issues\/(\d+)\/suspect-commit$/, async (ctx): Promise<SuspectCommitInfo | null> => {
    const issue = issueRow.get(projectId(ctx.params[0])) as { id: number; project_id: number; first_seen: number } | undefined;
    if (!issue) notFound('issue');
    const row = latestOfIssue.get(issue.id) as EventRow | undefined;
    if (!row) return null;
    const ev = { row, payload: loadEventPayload(db, row) };
    const scope = scopeOf(ev);
    const { event } = await refreshForView(ev.payload, scope.sourceRoots, row.received, deps.sourceRoots.fetching?.());
    const top = topInAppFrame(event);
    if (!top) return null;
    // Only a readable file under the roots or named by the event may be blamed.
    const readable = await readSourceWindow(top.file, top.line, 0, { sourceRoots: scope.sourceRoots, frameFiles: [...scope.frameFiles, ...frameFiles(event)] });
    if ('error' in readable) return null;
    const commit = await suspectCommit(readable.file, top.line, issue.first_seen);
    return commit ? { ...commit, file: readable.file, line: top.line } : null;
  });

  r.on('POST', /^\/issues\/(\d+)\/regroup$/, async (ctx) => {
    const issueId = projectId(ctx.params[0]);
    if (!issueRow.get(issueId)) notFound('issue');
    const result = await regroupIssueWithSourceMaps(db, issueId, deps);
    for (const id of result.issueIds) deps.onIssueChanged(id, 'updated');
    return result;
  });

}

/** Event detail with frames retried against source maps that appeared after ingest. */
export async function refreshDetail(detail: EventDetail, sourceRoots: SourceRootsFor): Promise<EventDetail> {
  const { event, resymbolicated } = await refreshForView(detail.payload, sourceRoots(detail.projectId, detail.payload), detail.received, sourceRoots.fetching?.());
  return { ...detail, payload: event, resymbolicated };
}

function notFound(what: string): never {
  throw new HttpError(404, `no such ${what}`);
}
