import type { DB } from '../store/db';
import { bumpCacheVersion } from '../store/cache-versions';
import { HttpError } from './http-util';

export interface RetentionSettings { maxEvents: number; maxAgeDays: number; maxBytes: number }
export interface StoredSettings {
  retention: RetentionSettings;
  editor: { id: string; command?: string };
  sourceRoots: string[];
}

export const DEFAULT_SETTINGS: StoredSettings = {
  retention: { maxEvents: 1_000_000, maxAgeDays: 30, maxBytes: 2 * 1024 ** 3 },
  editor: { id: 'auto' },
  sourceRoots: [],
};

/** User settings kept in the database (one JSON value per key), merged over the defaults. */
export function settingsStore(db: DB) {
  const getAll = db.prepare('SELECT key, value FROM settings');
  const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  return {
    get(): StoredSettings {
      const out: Record<string, unknown> = structuredClone(DEFAULT_SETTINGS) as unknown as Record<string, unknown>;
      for (const row of getAll.all() as { key: string; value: string }[]) {
        try { out[row.key] = JSON.parse(row.value); } catch { /* a damaged value falls back to the default */ }
      }
      return out as unknown as StoredSettings;
    },
    update(patch: Partial<StoredSettings>): StoredSettings {
      if (patch.retention !== undefined) checkRetention(patch.retention);
      db.transaction(() => {
        for (const key of ['retention', 'editor', 'sourceRoots'] as const) {
          if (patch[key] !== undefined) put.run(key, JSON.stringify(patch[key]));
        }
      })();
      bumpCacheVersion(db, 'settings');
      return this.get();
    },
  };
}

const RETENTION_FIELDS: [keyof RetentionSettings, string][] = [['maxEvents', 'events'], ['maxAgeDays', 'days'], ['maxBytes', 'bytes']];

/**
 * Each limit is a whole number of at least 1: a 0 would have the next retention pass delete
 * every stored event (many tools read 0 as "no limit"; here it is refused instead).
 */
function checkRetention(value: unknown): void {
  const r = typeof value === 'object' && value !== null ? value as Record<string, unknown> : null;
  if (!r) throw new HttpError(400, 'retention must be an object with maxEvents, maxAgeDays and maxBytes');
  for (const [key, unit] of RETENTION_FIELDS) {
    const v = r[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
      throw new HttpError(400, `retention.${key} must be a whole number of ${unit}, at least 1 (got ${JSON.stringify(v)})`);
    }
  }
}
