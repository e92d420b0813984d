import type { DB } from '../store/db';
import { activityRecorder } from '../store/issue-activity';
import { HttpError } from './http-util';

const STATUSES = ['unresolved', 'resolved', 'resolved_next_release', 'ignored'] as const;
/** Issues changed per transaction by a bulk change: short enough not to hold ingestion up for long. */
export const BULK_CHUNK = 1000;

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
  /** The change a request body asks for: a status, and for `ignored` how many more events it waits for. */
  function read(body: unknown): { status: (typeof STATUSES)[number]; more: number | null } {
    const b = (typeof body === 'object' && body !== null ? body : {}) as { status?: unknown; ignoreUntilCount?: unknown };
    const status = STATUSES.find((s) => s === b.status);
    if (!status) throw new HttpError(400, `status must be one of ${STATUSES.join(', ')}`);
    const more = Number(b.ignoreUntilCount);
    return { status, more: status === 'ignored' && Number.isInteger(more) && more > 0 ? more : null };
  }
  // A bulk change by query: each chunk is one transaction; an issue deleted since it was found is skipped.
  const changeMany = db.transaction((ids: readonly number[], status: (typeof STATUSES)[number], more: number | null) => {
    let changed = 0;
    for (const id of ids) if (get.get(id)) { change(id, status, more); changed++; }
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
    async setStatusOfAll(ids: readonly number[], body: unknown): Promise<number> {
      const { status, more } = read(body);
      let changed = 0;
      for (let at = 0; at < ids.length; at += BULK_CHUNK) {
        changed += changeMany(ids.slice(at, at + BULK_CHUNK), status, more);
        if (at + BULK_CHUNK < ids.length) await new Promise((resolve) => setImmediate(resolve));
      }
      return changed;
    },
  };
}
