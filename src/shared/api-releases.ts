/**
 * Releases and release health, as Sentry's Releases page shows them (`GET /releases`,
 * `GET /releases/detail?project=&version=`). A release is a `release` string some event or session
 * of a project carried; its health comes from the project's sessions in it.
 * @see https://docs.sentry.io/product/releases/health/
 */

/**
 * How a session ended, as Sentry's release health counts it: `healthy` (ok or exited, no error),
 * `errored` (a handled error), `unhandled` (an unhandled error that did not crash: the browser SDK's
 * status for one), `abnormal` (ended abruptly, an ANR) and `crashed`.
 * @see https://github.com/getsentry/relay/blob/master/relay-event-schema/src/protocol/session.rs
 */
export const SESSION_OUTCOMES = ['healthy', 'errored', 'unhandled', 'abnormal', 'crashed'] as const;
export type SessionOutcome = (typeof SESSION_OUTCOMES)[number];

/** Sessions of a release by how they ended, and the users (`did`) by the worst of their sessions. */
export interface SessionCounts {
  sessions: number;
  bySession: Record<SessionOutcome, number>;
  /** Distinct `did`s; sessions without one count in sessions only, as in Sentry. */
  users: number;
  crashedUsers: number;
  /** 0–100, null without sessions (or users). A crash is `crashed`; abnormal and unhandled are not crashes. */
  crashFreeSessions: number | null;
  crashFreeUsers: number | null;
  /**
   * Users whose session ended abnormally in an ANR (`abnormal_mechanism` `anr_foreground` or `anr_background`), those in a
   * foreground one, and each as a share of `users` (0–100, null without users): Sentry's "ANR rate" and "Foreground ANR rate".
   */
  anrUsers: number;
  foregroundAnrUsers: number;
  anrRate: number | null;
  foregroundAnrRate: number | null;
  /** Sessions started in the last 24 hours, and their share of the project's (`adoption`, 0–100). */
  sessions24h: number;
  adoption: number | null;
}

export interface ReleaseSummary extends SessionCounts {
  projectId: number;
  /** The release as sent (`package@1.2.3+build`). */
  version: string;
  firstSeen: number;
  lastSeen: number;
  /** Error events in it (those grouped into issues). */
  events: number;
  /** Issues first seen in it (`first_release`), and issues that regressed in it. */
  newIssues: number;
  regressions: number;
  environments: string[];
}

export interface ReleaseList {
  releases: ReleaseSummary[];
  /** The environments any release was seen in, for the filter. */
  environments: string[];
  /** Pass as `cursor` for the page after this one; null on the last page. */
  nextCursor: string | null;
}

export interface ReleaseQuery {
  project?: number;
  environment?: string;
  query?: string;
  /** 1–500, 100 by default. */
  limit?: number;
  /** A page's `nextCursor`: the releases after its last row. */
  cursor?: string;
}

/** One hour of the release page's chart: sessions started in it, by how they ended. */
export interface SessionHour extends Record<SessionOutcome, number> {
  hour: number;
}

export interface ReleaseIssue {
  id: number;
  title: string;
  culprit: string | null;
  level: string;
  status: string;
  /** Events of the issue in this release. */
  events: number;
  firstRelease: string | null;
  regressedInRelease: string | null;
  lastSeen: number;
}

export interface ReleaseDetail {
  release: ReleaseSummary;
  hours: SessionHour[];
  newIssues: ReleaseIssue[];
  regressions: ReleaseIssue[];
  /** The issues with events in the release, most events first (at most 100). */
  issues: ReleaseIssue[];
}

/** The release page's Resolved and Unhandled lists (`api/release-issue-lists.ts`), most recently seen first (at most 100). */
export interface ReleaseIssueLists {
  /** Issues "resolved in the next release" whose next release is this one. */
  resolvedIssues: ReleaseIssue[];
  /** Issues with events in the release that had an unhandled event (`handled:no`). */
  unhandledIssues: ReleaseIssue[];
}

/** `GET /releases/detail`: the release's page with every issue list. */
export type ReleasePage = ReleaseDetail & ReleaseIssueLists;

const SHA = /^[0-9a-f]{12,64}$/i;

/**
 * A release as Sentry shows it: the package part of `package@version` left out, a build after `+`
 * in brackets (`checkout@1.2.3+456` → `1.2.3 (456)`), a commit hash cut to 12 characters.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/utils/versions/formatVersion.tsx
 */
export function displayVersion(raw: string): string {
  const at = raw.indexOf('@');
  const version = at > 0 && at < raw.length - 1 ? raw.slice(at + 1) : raw;
  const plus = version.indexOf('+');
  const core = plus > 0 ? version.slice(0, plus) : version;
  const build = plus > 0 ? version.slice(plus + 1) : '';
  const shown = SHA.test(core) ? core.slice(0, 12) : core;
  return build ? `${shown} (${build})` : shown;
}
