import type { ItemKind } from '../../shared/api-types';
import type { ClientOutcome } from '../../shared/api-stats';
import type { PreparedItem } from '../pipeline/types';
import type { DB } from './db';

const HOUR_MS = 3600_000;

/**
 * Sentry's data category of a stored item (relay's `DataCategory` names), or null for what Sentry
 * does not count (a client report, a replay's event item: its recording counts the replay).
 * Migration 029 counts stored items with the same table; a container's quantity is its items
 * (see {@link acceptedQuantities}).
 * @see https://github.com/getsentry/relay/blob/master/relay-base-schema/src/data_category.rs
 */
export const CATEGORY_OF_KIND: Partial<Record<ItemKind, string>> = {
  event: 'error', transaction: 'transaction', span: 'span', attachment: 'attachment', log: 'log_item',
  session: 'session', sessions: 'session', check_in: 'monitor', feedback: 'feedback', user_report: 'feedback',
  replay_recording: 'replay', replay_video: 'replay', profile: 'profile', profile_chunk: 'profile_chunk',
  trace_metric: 'trace_metric',
};

type Counted = ClientOutcome & { at: number; last: number };

/**
 * What one stored item counts as accepted, as Relay's `Item::quantities`: a log container each of
 * its logs (`log_item`) and its bytes (`log_byte`), an attachment its bytes (`attachment`, at least
 * 1) and itself (`attachment_item`), a span container (or v1 span) each span, any other item 1 in
 * its category. Transactions' own spans are not `span`s here, as Relay counts
 * only standalone spans in that category.
 * @see https://github.com/getsentry/relay/blob/master/relay-server/src/envelope/item.rs (quantities)
 */
export function acceptedQuantities(item: PreparedItem): [category: string, quantity: number][] {
  const category = CATEGORY_OF_KIND[item.kind];
  if (!category) return [];
  if (item.type !== 'rows') return [[category, 1]];
  if (item.kind === 'attachment') return [[category, Math.max(1, Number(item.rows[0]?.size) || 0)], ['attachment_item', 1]];
  if (item.kind === 'log') return [[category, item.rows.length], ['log_byte', item.itemBytes ?? 0]];
  if (item.kind === 'span') return [[category, item.rows.reduce((n, r) => n + (Number(r.span_count) || 0), 0)]];
  return [[category, 1]];
}

/**
 * Counts what envelopes brought into `outcome_counts` (migration 029): each stored item as
 * `accepted` in its categories, and each outcome its client reports list. Equal keys make one
 * upsert: of one envelope, or with `deferred` of every envelope counted until `flush`, which the
 * plan writer runs before its transaction commits (a group commit of 30 errors is one upsert, not
 * 30); `discard` drops what a rolled-back transaction counted.
 */
export function outcomeCounter(db: DB, opts: { deferred?: boolean } = {}) {
  const upsert = db.prepare(`INSERT INTO outcome_counts (project_id, hour, outcome, category, reason, quantity, first_ms, last_ms)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (hour, project_id, outcome, category, reason) DO UPDATE SET quantity = quantity + excluded.quantity,
      first_ms = MIN(first_ms, excluded.first_ms), last_ms = MAX(last_ms, excluded.last_ms)`);
  const counted = new Map<string, Counted & { projectId: number }>();
  const add = (projectId: number, c: Counted) => {
    const key = `${projectId}\u0000${Math.floor(c.at / HOUR_MS)}\u0000${c.outcome}\u0000${c.category}\u0000${c.reason}`;
    const seen = counted.get(key);
    if (!seen) counted.set(key, { ...c, projectId });
    else {
      seen.quantity += c.quantity;
      seen.at = Math.min(seen.at, c.at);
      seen.last = Math.max(seen.last, c.last);
    }
  };
  const flush = (): void => {
    for (const c of counted.values()) {
      upsert.run(c.projectId, c.at - (c.at % HOUR_MS), c.outcome, c.category, c.reason, c.quantity, c.at, c.last);
    }
    counted.clear();
  };

  const count = (projectId: number, received: number, items: readonly PreparedItem[]): void => {
    for (const item of items) {
      for (const [category, quantity] of acceptedQuantities(item)) {
        if (quantity > 0) add(projectId, { outcome: 'accepted', reason: '', category, quantity, at: received, last: received });
      }
      if (item.type === 'rows' && item.outcomes) {
        for (const o of item.outcomes.outcomes) add(projectId, { ...o, at: item.outcomes.timestamp, last: item.outcomes.timestamp });
      }
    }
    if (opts.deferred !== true) flush();
  };
  return Object.assign(count, {
    /** Writes what was counted since the last flush (inside the caller's transaction). */
    flush,
    /** Forgets what was counted but not written: its transaction rolled back. */
    discard: (): void => counted.clear(),
  });
}
