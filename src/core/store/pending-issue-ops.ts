import type { DB } from './db';

/** A merge still to finish: what its first job planned, and whether moved events had resent copies. */
export interface PendingMerge {
  parent: number;
  children: number[];
  events: number;
  resentMoved?: boolean;
}

/** An unmerge still to finish: the events still carrying `hashes` in `issueId` are the ones left to move. */
export interface PendingUnmerge {
  issueId: number;
  projectId: number;
  hashes: string[];
  usersLeaving: string[];
  origins: number[];
  /** Events the unmerge set out to move (its answer and activity name this many). */
  events: number;
  newIssue: number | null;
  resentMoved?: boolean;
}

export type PendingIssueOp = { id: number; startedAt: number } & (
  { kind: 'merge'; plan: PendingMerge } | { kind: 'unmerge'; plan: PendingUnmerge });

/**
 * Remembers an operation in the same writer job as its first change, so a crash after any of
 * its jobs leaves it named (migration 022); answers its id.
 * @see https://docs.sentry.io/product/issues/merging-issues/
 */
export function rememberIssueOp(db: DB, kind: 'merge', plan: PendingMerge): number;
export function rememberIssueOp(db: DB, kind: 'unmerge', plan: PendingUnmerge): number;
export function rememberIssueOp(db: DB, kind: string, plan: PendingMerge | PendingUnmerge): number {
  return Number(db.prepare('INSERT INTO pending_issue_ops (kind, plan, started_at) VALUES (?, ?, ?)')
    .run(kind, JSON.stringify(plan), Date.now()).lastInsertRowid);
}

/** Rewrites what a later job learnt (the new issue, resent copies moved), in that job. */
export function updateIssueOp(db: DB, id: number, plan: PendingMerge | PendingUnmerge): void {
  db.prepare('UPDATE pending_issue_ops SET plan = ? WHERE id = ?').run(JSON.stringify(plan), id);
}

/** Forgets an operation, in the job that finishes it (or finds nothing left to do). */
export function forgetIssueOp(db: DB, id: number): void {
  db.prepare('DELETE FROM pending_issue_ops WHERE id = ?').run(id);
}

/** The operations a crash (or a failed job) left unfinished, oldest first; a row that no longer parses is dropped. */
export function pendingIssueOps(db: DB): PendingIssueOp[] {
  const rows = db.prepare('SELECT id, kind, plan, started_at FROM pending_issue_ops ORDER BY id').all() as
    { id: number; kind: string; plan: string; started_at: number }[];
  const ops: PendingIssueOp[] = [];
  for (const r of rows) {
    const plan = parsePlan(r.plan);
    if (r.kind === 'merge' && isMerge(plan)) ops.push({ id: r.id, startedAt: r.started_at, kind: 'merge', plan });
    else if (r.kind === 'unmerge' && isUnmerge(plan)) ops.push({ id: r.id, startedAt: r.started_at, kind: 'unmerge', plan });
    else forgetIssueOp(db, r.id);
  }
  return ops;
}

function parsePlan(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? value as Record<string, unknown> : null;
  } catch { return null; }
}

const ints = (v: unknown): boolean => Array.isArray(v) && v.every((x) => Number.isInteger(x));

function isMerge(p: Record<string, unknown> | null): p is Record<string, unknown> & PendingMerge {
  return p !== null && Number.isInteger(p.parent) && ints(p.children) && typeof p.events === 'number';
}

function isUnmerge(p: Record<string, unknown> | null): p is Record<string, unknown> & PendingUnmerge {
  return p !== null && Number.isInteger(p.issueId) && Number.isInteger(p.projectId) && ints(p.origins)
    && Array.isArray(p.hashes) && p.hashes.every((h) => typeof h === 'string')
    && Array.isArray(p.usersLeaving) && p.usersLeaving.every((u) => typeof u === 'string')
    && typeof p.events === 'number' && (p.newIssue === null || Number.isInteger(p.newIssue));
}
