/** Read API types, continued: see api-types.ts. */
// Local source files (`/_lookout/api/source`, `/open`, `/projects/:id/settings`,
// `/issues/:id/suspect-commit`, `/issues/:id/regroup`). Served by src/core/api/source-api.ts.

/** `GET/PUT /_lookout/api/projects/:id/settings`: folders searched for this project's files. */
export interface ProjectSettings {
  sourceRoots: string[];
}

/** `GET /_lookout/api/source?event=ID&file=PATH&line=N&radius=R`: lines around one line. */
export interface SourceWindow {
  /** The local file read. */
  file: string;
  /** 1-based number of `lines[0]`. */
  startLine: number;
  lines: string[];
  /** The file was modified after the event: the lines may not be what ran. */
  changedSinceEvent: boolean;
  /**
   * The file changed and the frame's own context lines were found elsewhere in it: the window is
   * around `movedTo`, the line that ran now (it was the line asked for when the event came).
   */
  movedTo?: number;
  /** The file changed and the frame's own context lines are no longer in it (keep showing those). */
  sentLinesGone?: boolean;
}

/** `GET /_lookout/api/issues/:id/suspect-commit`: `git blame` of the top in-app frame's line. */
export interface SuspectCommitInfo {
  hash: string;
  shortHash: string;
  author: string;
  /** Author date, epoch ms. */
  date: number;
  summary: string;
  /** The commit landed after the issue's first event. */
  changedAfterFirstSeen: boolean;
  file: string;
  line: number;
}

/** `POST /_lookout/api/issues/:id/regroup`: "re-group with source maps". */
export interface RegroupIssueResult {
  /** Events of the issue looked at. */
  events: number;
  /** Of those, the ones whose stored payload now has source-mapped frames. */
  resymbolicated: number;
  /** Events whose stored body could not be read: counted, left in their issue as they were. */
  skipped: number;
  /** The issue it was merged into, when all its re-mapped events now group with that one; else null. */
  mergedInto: number | null;
  /** The issues those events belong to now. */
  issueIds: number[];
  summary: { events: number; issuesBefore: number; issuesAfter: number; kept: number; created: number };
}
