import type { ActivityKind, IssueStatusBefore } from '../../shared/api-types';
import type { DB } from '../store/db';
import type { RecordActivity } from '../store/issue-activity';
import { HttpError } from './http-util';

const STATUSES = new Set(['unresolved', 'resolved', 'resolved_next_release', 'ignored']);
/** Issues put back per transaction: ingestion goes on between chunks, as for the bulk change itself. */
const CHUNK = 1000;

/** The states a request sends back, each checked: the body is the client's, read as untrusted. */
export function readStates(value: unknown): IssueStatusBefore[] {
  if (!Array.isArray(value)) throw new HttpError(400, 'restore must be the list a bulk change answered as `previous`');
  return value.map((v: unknown) => {
    const s = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
    if (typeof s.id !== 'number' || !Number.isInteger(s.id) || typeof s.status !== 'string' || !STATUSES.has(s.status)) {
      throw new HttpError(400, 'each state to restore needs an issue id and a status');
    }
    const until = typeof s.ignoreUntilCount === 'number' && Number.isInteger(s.ignoreUntilCount) ? s.ignoreUntilCount : null;
    return { id: s.id, status: s.status, ignoreUntilCount: s.status === 'ignored' ? until : null,
      resolvedRelease: s.status === 'resolved_next_release' && typeof s.resolvedRelease === 'string' ? s.resolvedRelease : null,
      regressed: s.regressed === true };
  });
}

/**
 * Sentry's Undo of a bulk status change: each issue is put back exactly as it was before (its
 * status, the count an ignore waits for, the release it was resolved in, whether it had regressed),
 * and its activity records the change back, marked as an undo, after the change it undoes. An issue
 * deleted since is skipped. Answers how many were restored.
 * @see https://github.com/getsentry/sentry/blob/master/static/app/views/issueList/actions/index.tsx (bulk update, then undo)
 */
export async function restoreStatuses(db: DB, record: RecordActivity, value: unknown): Promise<{ restored: number }> {
  const states = readStates(value);
  const count = db.prepare('SELECT count FROM issues WHERE id = ?').pluck();
  const update = db.prepare(`UPDATE issues SET status = @status, ignore_until_count = @ignoreUntilCount, resolved_release = @resolvedRelease,
    regressed = @regressed WHERE id = @id`);
  const restoreChunk = db.transaction((chunk: readonly IssueStatusBefore[]) => {
    let restored = 0;
    for (const s of chunk) {
      const events = count.get(s.id) as number | undefined;
      if (events === undefined) continue;
      update.run({ ...s, regressed: s.regressed ? 1 : 0 });
      const data: Record<string, unknown> = { undo: true };
      if (s.ignoreUntilCount !== null) data.untilCount = Math.max(0, s.ignoreUntilCount - events);
      if (s.resolvedRelease !== null) data.release = s.resolvedRelease;
      // readStates let only the four statuses through, each an activity kind of its own.
      record(s.id, s.status as ActivityKind, data);
      restored++;
    }
    return restored;
  });
  let restored = 0;
  for (let at = 0; at < states.length; at += CHUNK) {
    restored += restoreChunk(states.slice(at, at + CHUNK));
    if (at + CHUNK < states.length) await new Promise((resolve) => setImmediate(resolve));
  }
  return { restored };
}
