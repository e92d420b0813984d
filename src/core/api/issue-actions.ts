import type { DB } from '../store/db';
import { HttpError } from './http-util';

const STATUSES = ['unresolved', 'resolved', 'resolved_next_release', 'ignored'] as const;

/** Status changes from the UI: resolve, resolve in next release, ignore (until N more), reopen. */
export function issueActions(db: DB) {
  const get = db.prepare('SELECT count, last_release FROM issues WHERE id = ?');
  const update = db.prepare(`UPDATE issues SET status = @status, regressed = 0, ignore_until_count = @until,
    resolved_release = @resolvedRelease WHERE id = @id`);
  return {
    setStatus(id: number, body: unknown): void {
      const b = (typeof body === 'object' && body !== null ? body : {}) as { status?: unknown; ignoreUntilCount?: unknown };
      const status = STATUSES.find((s) => s === b.status);
      if (!status) throw new HttpError(400, `status must be one of ${STATUSES.join(', ')}`);
      const row = get.get(id) as { count: number; last_release: string | null } | undefined;
      if (!row) throw new HttpError(404, 'no such issue');
      const more = Number(b.ignoreUntilCount);
      const until = status === 'ignored' && Number.isInteger(more) && more > 0 ? row.count + more : null;
      update.run({ id, status, until, resolvedRelease: status === 'resolved_next_release' ? row.last_release : null });
    },
  };
}
