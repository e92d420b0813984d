import type { IssueStatusBefore } from '../../shared/api-types';
import type { DB } from '../store/db';
import { activityRecorder } from '../store/issue-activity';
import { HttpError } from './http-util';
import { restoreStatuses } from './issue-undo';

const STATUSES = ['unresolved', 'resolved', 'resolved_next_release', 'ignored'] as const;
/** Issues changed per transaction by a bulk change: short enough not to hold ingestion up for long. */
export const BULK_CHUNK = 1000;

type IssueRow = { status: string; count: number; last_release: string | null; ignore_until_count: number | null;
  resolved_release: string | null; regressed: number };

/** Status changes from the UI: resolve, resolve in next release, ignore (until N more), reopen; each kept in the issue's activity. */
export function issueActions(db: DB) {
  const get = db.prepare('SELECT status, count, last_release, ignore_until_count, resolved_release, regressed FROM issues WHERE id = ?');
  const update = db.prepare(`UPDATE issues SET status = @status, regressed = 0, ignore_until_count = @until,
    resolved_release = @resolvedRelease WHERE id = @id`);
  const record = activityRecorder(db);
  /** Sets the status; answers the issue's state before when the change changed it (what an Undo sends back). */
  const change = db.transaction((id: number, status: (typeof STATUSES)[number], more: number | null): IssueStatusBefore | null => {
    const row = get.get(id) as IssueRow | undefined;
    if (!row) throw new HttpError(404, 'no such issue');
    const until = status === 'ignored' && more !== null ? row.count + more : null;
    const resolvedRelease = status === 'resolved_next_release' ? row.last_release : null;
    update.run({ id, status, until, resolvedRelease });
    if (row.status === status && row.ignore_until_count === until) return null;
    record(id, status, status === 'ignored' && more !== null ? { untilCount: more }
      : status === 'resolved_next_release' && resolvedRelease !== null ? { release: resolvedRelease } : undefined);
    return { id, status: row.status, ignoreUntilCount: row.ignore_until_count, resolvedRelease: row.resolved_release, regressed: row.regressed === 1 };
  });
  /** The change a request body asks for: a status, and for `ignored` how many more events it waits for. */
  function read(body: unknown): { status: (typeof STATUSES)[number]; more: number | null } {
    const b = (typeof body === 'object' && body !== null ? body : {}) as { status?: unknown; ignoreUntilCount?: unknown };
    const status = STATUSES.find((s) => s === b.status);
    if (!status) throw new HttpError(400, `status must be one of ${STATUSES.join(', ')}`);
    const more = Number(b.ignoreUntilCount);
    return { status, more: status === 'ignored' && Number.isInteger(more) && more > 0 ? more : null };
  }
  // A bulk change by query: each chunk is one transaction; an issue deleted since it was found is skipped.
  const changeMany = db.transaction((ids: readonly number[], status: (typeof STATUSES)[number], more: number | null, before: IssueStatusBefore[]) => {
    let changed = 0;
    for (const id of ids) {
      if (!get.get(id)) continue;
      const was = change(id, status, more);
      if (was) before.push(was);
      changed++;
    }
    return changed;
  });
  return {
    setStatus(id: number, body: unknown): void {
      const { status, more } = read(body);
      change(id, status, more);
    },
    /**
     * Sentry's bulk update of every issue a search matches (`PUT …/issues/?query=…` without ids), in
     * chunks of `BULK_CHUNK` (one transaction each, other work runs between them); answers how many changed.
     * @see https://docs.sentry.io/api/events/bulk-mutate-a-list-of-issues/
     */
    async setStatusOfAll(ids: readonly number[], body: unknown): Promise<{ updated: number; previous: IssueStatusBefore[] }> {
      const { status, more } = read(body);
      let updated = 0;
      const previous: IssueStatusBefore[] = [];
      for (let at = 0; at < ids.length; at += BULK_CHUNK) {
        updated += changeMany(ids.slice(at, at + BULK_CHUNK), status, more, previous);
        if (at + BULK_CHUNK < ids.length) await new Promise((resolve) => setImmediate(resolve));
      }
      return { updated, previous };
    },
    /** Undo of a bulk change: puts each issue back as it was (`restoreStatuses`); answers the ids restored. */
    restore: (states: unknown) => restoreStatuses(db, record, states),
  };
}
