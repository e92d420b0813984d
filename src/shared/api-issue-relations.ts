/** Read API types, continued (see api-types.ts): an issue's activity, similar issues, merges. */
import type { IssueSummary } from './api-types';

/**
 * What happened to an issue: a status set in Lookout (`resolved`, `resolved_next_release`,
 * `ignored`, `unresolved`), a `regressed` or `unignored` brought by an event, a `merged` /
 * `unmerged` / `unmerged_from`, and its `first_seen` (always last).
 */
export type ActivityKind = 'first_seen' | 'resolved' | 'resolved_next_release' | 'ignored' | 'unresolved' | 'regressed' | 'unignored'
  | 'merged' | 'unmerged' | 'unmerged_from';

/** One entry of `GET /issues/:id/activity` (newest first); `data` holds `release`, `issues`, `events`, `untilCount`. */
export interface ActivityEntry {
  at: number;
  kind: ActivityKind;
  data: Record<string, unknown>;
}

/** An issue like another, and how alike (each part 0-1; null where neither has it). */
export interface SimilarIssue {
  issue: IssueSummary;
  score: number;
  stack: number | null;
  message: number | null;
  sameType: boolean | null;
}

/** `GET /issues/:id/similar`: the most alike of the `compared` issues (at most `candidates`, the most recently seen). */
export interface SimilarIssues {
  items: SimilarIssue[];
  compared: number;
  candidates: number;
  /** Comparing took its time budget before all candidates were compared (the newest were). */
  stoppedEarly: boolean;
}

/** One part of what was merged into an issue: the hashes that came from one issue (`fromIssue`), and its events now in it. */
export interface MergedGroup {
  fromIssue: number | null;
  hashes: string[];
  events: number;
  /** Title of its newest event here. */
  title: string | null;
  lastSeen: number | null;
}

/** What an unmerge answers: the new issue the events went to (null when none was stored), and how many moved. */
export interface UnmergedIssue {
  issueId: number | null;
  events: number;
}
