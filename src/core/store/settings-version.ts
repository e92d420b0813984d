import type { DB } from './db';

const versions = new WeakMap<DB, number>();

/**
 * A counter bumped by every settings write through this process, so readers on the ingest path
 * can cache settings (read per event, they cost ~10% of ingest) and still see a change at once.
 */
export function settingsVersion(db: DB): number {
  return versions.get(db) ?? 0;
}

export function bumpSettingsVersion(db: DB): void {
  versions.set(db, settingsVersion(db) + 1);
}
