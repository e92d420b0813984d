/**
 * Re-grouping old issues after a source folder is added (`/_lookout/api/source-regroup`): a scan
 * finds issues whose stored events have frames the folders now map, the user starts the
 * re-group, and its progress and outcome are read back.
 */

/** One issue the scan found: its newest event has frames a source map now resolves. */
export interface SourceRegroupCandidate {
  issueId: number;
  title: string;
}

export type SourceRegroupState = 'idle' | 'scanning' | 'offer' | 'running' | 'done' | 'failed';

export interface SourceRegroupStatus {
  state: SourceRegroupState;
  /** The project scanned; null for all projects (a global source folder). */
  projectId: number | null;
  /** Issues looked at so far, of `scanTotal` (newest first, at most the scan's bound). */
  scanned: number;
  scanTotal: number;
  /** Issues of the project past the scan's bound, not looked at. */
  notScanned: number;
  candidates: SourceRegroupCandidate[];
  /** Issues re-grouped so far, of `candidates.length`. */
  done: number;
  /** Issues whose events now carry mapped frames (re-grouped). */
  regrouped: number;
  /** Of those, the issues merged into the newer issue their events now match. */
  merged: number;
  /** Events re-symbolicated and stored. */
  events: number;
  /** Events or issues that could not be read: skipped and counted, never deleted. */
  skipped: number;
  /** Why it failed (`failed`). */
  message: string | null;
}

/** `POST /source-regroup/scan` body. */
export interface SourceRegroupScanRequest {
  projectId: number | null;
}
