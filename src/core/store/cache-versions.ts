import type { DB } from './db';

/** What the ingest path keeps in memory about the store: each is dropped when its version moves. */
export type CachedFacts = 'settings' | 'issues' | 'ids';

const versions = new WeakMap<DB, Record<CachedFacts, number>>();

function of(db: DB): Record<CachedFacts, number> {
  let v = versions.get(db);
  if (!v) versions.set(db, (v = { settings: 0, issues: 0, ids: 0 }));
  return v;
}

/**
 * A counter bumped by every write that changes `facts` outside the ingest path (a settings
 * save, a regroup), so the ingest path can cache them — settings read per event cost ~10% of
 * ingest — and still see a change at once.
 */
export function cacheVersion(db: DB, facts: CachedFacts): number {
  return of(db)[facts];
}

export function bumpCacheVersion(db: DB, facts: CachedFacts): void {
  of(db)[facts]++;
}

/** After a rolled-back transaction nothing remembered from inside it can be trusted. */
export function invalidateCaches(db: DB): void {
  const v = of(db);
  v.settings++;
  v.issues++;
  v.ids++;
}
