import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations';
import { VERSION } from '../version';
import { stripAnsi } from '../../shared/ansi';
import { checkedStamp, checksWhole, clearDamageMarker, probeStructure } from './integrity';

export type DB = Database.Database;

/** The newest schema this build knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** Lookout's version as a number for `PRAGMA user_version` (major·10⁶ + minor·10³ + patch). */
export function versionNumber(version: string): number {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})/.exec(version);
  return m ? Number(m[1]) * 1_000_000 + Number(m[2]) * 1000 + Number(m[3]) : 0;
}

function versionText(n: unknown): string | null {
  if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) return null;
  return `${Math.floor(n / 1_000_000)}.${Math.floor(n / 1000) % 1000}.${n % 1000}`;
}

export class NewerDatabaseError extends Error {
  constructor(readonly found: number, readonly supported: number, readonly writtenBy: string | null = null) {
    super(`The database was written by ${writtenBy ? `Lookout ${writtenBy}` : 'a newer Lookout'} (schema ${found}); ` +
      `this is Lookout ${VERSION}, which supports schema ${supported}. ` +
      'Update Lookout, or start it with another --data-dir. Nothing was changed.');
  }
}

export class MigrationChecksumError extends Error {}

export interface OpenResult {
  db: DB;
  notices: string[];
  /** False when only the tables' roots were read at start-up: run `checkInBackground` (integrity.ts). */
  checkedWhole: boolean;
}

export interface OpenOptions {
  nativeBinding?: string;
  log?: (line: string) => void;
  /** Files up to this size are checked whole before opening (default FULL_CHECK_MAX_BYTES). */
  fullCheckMaxBytes?: number;
}

function checksum(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

function applyPragmas(db: DB): void {
  // New stores only (an existing one keeps its size). Each commit writes every page it dirtied to
  // the WAL, and an event dirties pages all over (random ids in indexes): 4 KiB pages write 2.5×
  // fewer WAL bytes than 16 KiB ones. Bodies are small now (per-shape dictionaries), so bigger
  // pages no longer save disk.
  db.pragma('page_size = 4096');
  // New stores only, as it must come before the first table (an existing `none` store converts
  // with "Compact now"): pages retention frees go back to the disk by `incremental_vacuum` steps
  // (retention-vacuum.ts); with `none` the file kept its largest size and only its free list grew.
  // Asked only of an empty file: on an existing one the pragma changes nothing but still writes to
  // it, and a store Lookout refuses (newer, damaged) must stay byte for byte as it was.
  if (db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() === 0) db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  // The WAL file keeps its largest size once grown; after each restart it is cut back to this.
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  // FULL costs nothing measurable under group commit and keeps acknowledged data through power loss.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // The cache fills with the pages ingest touches, so RSS climbs until it is full: at 32 MB that
  // took most of a 1,000,000-event load; at 8 MB it is full after ~50,000 events and RSS stays
  // flat after. At 300,000 events the issue list, search and event detail measured no slower.
  db.pragma('cache_size = -8000');
  db.pragma('temp_store = MEMORY');
}

/**
 * SQL functions the queries use. `strip_ansi(text)`: the text without terminal escape codes, so a
 * search of coloured log lines matches the words a user sees (see shared/ansi.ts).
 */
function registerFunctions(db: DB): void {
  db.function('strip_ansi', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? stripAnsi(text) : text) as string);
}

/** A migration that rewrites stored rows may take seconds on a large store: say so before and after. */
const SLOW_MIGRATION_MS = 1000;

/**
 * Applies pending migrations in one transaction each; refuses edited or unknown newer ones. `log`
 * hears of each migration that has rows to rewrite (an `after` step) before it starts, and how long
 * it took when that was over a second, so a start-up that upgrades a large store is not silent.
 */
export function migrate(db: DB, log?: (line: string) => void): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
    .all() as { version: number; name: string; checksum: string }[];
  const newest = applied.at(-1)?.version ?? 0;
  if (newest > SCHEMA_VERSION) throw new NewerDatabaseError(newest, SCHEMA_VERSION, versionText(db.pragma('user_version', { simple: true })));
  for (const row of applied) {
    const known = MIGRATIONS.find((m) => m.version === row.version);
    if (!known || checksum(known) !== row.checksum) {
      throw new MigrationChecksumError(`Migration ${row.version} (${row.name}) was changed after it was applied: ` +
        'applied migrations must never be edited; add a new numbered migration instead.');
    }
  }
  const insert = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  // A migration that rebuilds a large table (007 regroups every span row) sorts on disk, not in
  // RAM: with temp_store = MEMORY that sort would hold about the whole spans table in memory.
  const tempStore = db.pragma('temp_store', { simple: true }) as number;
  if (MIGRATIONS.some((m) => m.version > newest)) db.pragma('temp_store = FILE');
  try {
    for (const m of MIGRATIONS) {
      if (m.version <= newest) continue;
      const started = Date.now();
      if (m.after && newest > 0) log?.(`upgrading the store: migration ${m.version} (${m.name})…`);
      db.transaction(() => {
        db.exec(m.sql);
        m.after?.(db);
        insert.run(m.version, m.name, checksum(m), Date.now());
      })();
      const tookMs = Date.now() - started;
      if (newest > 0 && tookMs >= SLOW_MIGRATION_MS) log?.(`migration ${m.version} (${m.name}) took ${(tookMs / 1000).toFixed(1)} s`);
    }
  } finally {
    db.pragma(`temp_store = ${tempStore}`);
  }
  // Remembers which Lookout wrote the file, so an older one can name it when it refuses.
  const written = versionNumber(VERSION);
  if (db.pragma('user_version', { simple: true }) !== written) db.pragma(`user_version = ${written}`);
}

function isCorruption(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || /malformed|not a database/i.test(String(err));
}

function openAndCheck(file: string, opts: OpenOptions): { db: DB; checkedWhole: boolean } {
  const whole = checksWhole(file, opts.fullCheckMaxBytes);
  const db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    applyPragmas(db);
    registerFunctions(db);
    if (whole) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
      clearDamageMarker(file);
    } else {
      probeStructure(db);
    }
    migrate(db, opts.log);
    return { db, checkedWhole: whole };
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Opens `DIR/lookout.db`. A corrupt file is moved aside with a timestamp and a fresh database
 * started; the returned notices tell the user. A database from a newer Lookout is left untouched.
 */
export function openDatabase(dataDir: string, opts: OpenOptions = {}): OpenResult {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'lookout.db');
  const notices: string[] = [];
  try {
    return { ...openAndCheck(file, opts), notices };
  } catch (err) {
    if (!isCorruption(err)) throw err;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const aside = `${file}.corrupt-${stamp}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    }
    // That the old file was once found sound says nothing about the fresh one.
    rmSync(checkedStamp(file), { force: true });
    const notice = `The database was corrupt (${(err as Error).message}); it was moved to ${aside} and a fresh one started.`;
    opts.log?.(notice);
    notices.push(notice);
    return { ...openAndCheck(file, opts), notices };
  }
}
