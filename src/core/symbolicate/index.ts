/**
 * Local symbolication: source maps, local source context, open-in-editor and suspect commits.
 * Node-only; see README.md for the data flow.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
 */
import { readWindow, type SourceWindow } from './context-lines';
import { openFileInEditor, type EditorChoice } from './editor';
import type { SymbolicateOptions } from './symbolicate-event';

export { symbolicateEvent } from './symbolicate-event';
export type { FrameNote, SymbolicateOptions, SymbolicateResult } from './symbolicate-event';
export { detectSourceRoots, frameFiles } from './source-roots';
export { detectEditor, editorAvailability, editorCommand } from './editor';
export type { EditorAvailability, EditorChoice, EditorId } from './editor';
export { suspectCommit } from './blame';
export type { BlameOptions, SuspectCommit } from './blame';
export { clearMapCache, mapCacheStats } from './map-cache';
export { clearScrapeCache, scrapeStats } from './scrape-cache';
export type { ScrapeOptions } from './scrape-policy';

/**
 * Lines `line ± radius` (radius capped at 500) of a local file under the source roots or named
 * exactly in `opts.frameFiles`; `changedSinceEvent` when the file's mtime is after `eventTimeMs`.
 */
export async function readSourceWindow(
  file: string,
  line: number,
  radius: number,
  opts: SymbolicateOptions & { eventTimeMs?: number },
): Promise<SourceWindow | { error: string }> {
  return readWindow(file, line, radius, { roots: opts.sourceRoots ?? [], exactFiles: opts.frameFiles ?? [] }, opts.eventTimeMs);
}

/**
 * Opens FILE:LINE:COL in the user's editor (spawned detached, no shell). Refuses paths outside
 * the source roots that are not exact frame paths listed in `opts.frameFiles`.
 */
export async function openInEditor(
  choice: EditorChoice,
  file: string,
  line: number,
  col: number,
  opts: SymbolicateOptions,
): Promise<{ ok: true } | { ok: false; error: string }> {
  return openFileInEditor(choice, file, line, col, { roots: opts.sourceRoots ?? [], exactFiles: opts.frameFiles ?? [] });
}
