import type { DB } from '../store/db';
import { bumpCacheVersion } from '../store/cache-versions';
import { HttpError } from './http-util';
import { DEFAULT_SOURCE_FETCH, parseFetchHosts, type SourceFetchSettings } from '../../shared/fetch-hosts';

export interface RetentionSettings { maxEvents: number; maxAgeDays: number; maxBytes: number }
export interface StoredSettings {
  retention: RetentionSettings;
  editor: { id: string; command?: string };
  sourceRoots: string[];
  /** Fetching scripts and maps from their URLs: on or off, and the hosts allowed besides loopback. */
  sourceFetch: SourceFetchSettings;
}

export const DEFAULT_SETTINGS: StoredSettings = {
  retention: { maxEvents: 1_000_000, maxAgeDays: 30, maxBytes: 2 * 1024 ** 3 },
  editor: { id: 'auto' },
  sourceRoots: [],
  sourceFetch: DEFAULT_SOURCE_FETCH,
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
      out.sourceFetch = storedSourceFetch(out.sourceFetch);
      return out as unknown as StoredSettings;
    },
    update(patch: Partial<StoredSettings>): StoredSettings {
      if (patch.retention !== undefined) checkRetention(patch.retention);
      const values: Partial<StoredSettings> = { ...patch };
      if (patch.sourceFetch !== undefined) values.sourceFetch = checkSourceFetch(patch.sourceFetch, this.get().sourceFetch);
      db.transaction(() => {
        for (const key of ['retention', 'editor', 'sourceRoots', 'sourceFetch'] as const) {
          if (values[key] !== undefined) put.run(key, JSON.stringify(values[key]));
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

/** The stored fetch settings, or the default for a damaged value (hosts kept only as strings). */
function storedSourceFetch(value: unknown): SourceFetchSettings {
  if (typeof value !== 'object' || value === null) return { ...DEFAULT_SOURCE_FETCH, hosts: [] };
  const v = value as Partial<Record<keyof SourceFetchSettings, unknown>>;
  return { enabled: v.enabled !== false, hosts: Array.isArray(v.hosts) ? v.hosts.filter((h): h is string => typeof h === 'string') : [] };
}

/**
 * The fetch settings as stored: `enabled` a boolean, `hosts` each a valid `host` or `host:port`
 * (normalised, no repeats). A field left out keeps its current value.
 */
function checkSourceFetch(value: unknown, current: SourceFetchSettings): SourceFetchSettings {
  const v = typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : null;
  if (!v) throw new HttpError(400, 'sourceFetch must be an object with enabled and hosts');
  if (v.enabled !== undefined && typeof v.enabled !== 'boolean') throw new HttpError(400, 'sourceFetch.enabled must be true or false');
  const hosts = v.hosts === undefined ? { hosts: current.hosts } : parseFetchHosts(v.hosts);
  if ('error' in hosts) throw new HttpError(400, `sourceFetch.hosts: ${hosts.error}`);
  return { enabled: typeof v.enabled === 'boolean' ? v.enabled : current.enabled !== false, hosts: hosts.hosts };
}
