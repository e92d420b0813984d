import type { DB } from '../store/db';
import { activityRecorder } from '../store/issue-activity';
import { HttpError } from './http-util';

const STATUSES = ['unresolved', 'resolved', 'resolved_next_release', 'ignored'] as const;

/** Status changes from the UI: resolve, resolve in next release, ignore (until N more), reopen; each kept in the issue's activity. */
export function issueActions(db: DB) {
  const get = db.prepare('SELECT status, count, last_release, ignore_until_count FROM issues WHERE id = ?');
  const update = db.prepare(`UPDATE issues SET status = @status, regressed = 0, ignore_until_count = @until,
    resolved_release = @resolvedRelease WHERE id = @id`);
  const record = activityRecorder(db);
  const change = db.transaction((id: number, status: (typeof STATUSES)[number], more: number | null) => {
    const row = get.get(id) as { status: string; count: number; last_release: string | null; ignore_until_count: number | null } | undefined;
    if (!row) throw new HttpError(404, 'no such issue');
    const until = status === 'ignored' && more !== null ? row.count + more : null;
    const resolvedRelease = status === 'resolved_next_release' ? row.last_release : null;
    update.run({ id, status, until, resolvedRelease });
    if (row.status === status && row.ignore_until_count === until) return;
    record(id, status, status === 'ignored' && more !== null ? { untilCount: more }
      : status === 'resolved_next_release' && resolvedRelease !== null ? { release: resolvedRelease } : undefined);
  });
  return {
    setStatus(id: number, body: unknown): void {
      const b = (typeof body === 'object' && body !== null ? body : {}) as { status?: unknown; ignoreUntilCount?: unknown };
      const status = STATUSES.find((s) => s === b.status);
      if (!status) throw new HttpError(400, `status must be one of ${STATUSES.join(', ')}`);
      const more = Number(b.ignoreUntilCount);
      change(id, status, status === 'ignored' && Number.isInteger(more) && more > 0 ? more : null);
    },
  };
}
