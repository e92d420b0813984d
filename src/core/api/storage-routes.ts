import type { DB } from '../store/db';
import type { Router } from './router';
import type { StorageStatus } from '../../shared/api-storage';
import type { RetentionLoop } from '../store/retention-loop';
import { fileBytes, type Compactor } from '../store/retention-compact';
import { storedEventCount, usedBytes } from '../store/retention';
import { autoVacuumMode } from '../store/retention-vacuum';
import { HttpError, sendJson } from './http-util';

/** The store as Settings shows it: its size on disk (database and WAL), its events, and retention's recent runs. */
export function storageStatus(db: DB, retention: RetentionLoop, compactor: Compactor): StorageStatus {
  const used = usedBytes(db);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return {
    ...fileBytes(db), usedBytes: used, freeBytes: (db.pragma('freelist_count', { simple: true }) as number) * pageSize,
    events: storedEventCount(db), autoVacuum: autoVacuumMode(db), retentionRunning: retention.running,
    runs: retention.recentRuns(), compaction: compactor.state(),
  };
}

/**
 * `GET /storage` (storageStatus) and `POST /storage/compact` ("Compact now": 202 when it
 * started, 409 while one is under way; poll `GET /storage` for its end). A retention run under
 * way waits for it as ingest does (its steps are writer jobs).
 */
export function storageRoutes(r: Router, db: DB, retention: RetentionLoop, compactor: Compactor): void {
  r.on('GET', /^\/storage$/, () => storageStatus(db, retention, compactor));
  r.on('POST', /^\/storage\/compact$/, ({ res }) => {
    const { started } = compactor.start();
    if (!started) throw new HttpError(409, 'A compaction is already under way.');
    sendJson(res, 202, storageStatus(db, retention, compactor));
    return undefined;
  });
}
