import type { DB } from './store/db';
import type { Router } from './api/router';
import type { HeldWriter } from './store/held-writer';
import type { RetentionLimits } from './store/retention';
import { startRetentionLoop, type RetentionLoop } from './store/retention-loop';
import { Compactor } from './store/retention-compact';
import { storageRoutes } from './api/storage-routes';

/**
 * Retention for a running Lookout: the loop that keeps the limits under ingest (store/retention-loop.ts),
 * "Compact now" (store/retention-compact.ts) and their routes (`/storage`, `/storage/compact`).
 */
export function startRetention(deps: { db: DB; writer: HeldWriter; api: Router; limits: () => RetentionLimits;
  log: (line: string) => void; intervalMs?: number; nativeBinding?: string }): RetentionLoop {
  const loop = startRetentionLoop({ db: deps.db, submit: (run) => deps.writer.submit(run), limits: deps.limits, log: deps.log,
    intervalMs: deps.intervalMs });
  storageRoutes(deps.api, deps.db, loop, new Compactor(deps.db, deps.writer, deps.nativeBinding));
  return loop;
}
