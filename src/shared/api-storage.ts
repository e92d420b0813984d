/** `GET /_lookout/api/storage`: the store on disk, what retention deleted lately, and compaction. */

/** One retention run that deleted something. */
export interface RetentionRun {
  /** When it ended (epoch ms). */
  at: number;
  /** What started it: ingest going over a limit, a saved limit, the timer (age), start-up. */
  trigger: 'ingest' | 'settings' | 'timer' | 'start';
  /** The limit it worked for (the last step's). */
  reason: 'events' | 'size' | 'age';
  deletedEvents: number;
  /** Stored requests deleted (errors, transactions, logs, sessions…). */
  deletedEnvelopes: number;
  /** When the oldest deleted request arrived (epoch ms). */
  oldestReceived: number | null;
  tookMs: number;
  /** The longest a step held the writer (ingest waits that long at most). */
  longestStepMs: number;
  /** Bytes given back to the file system after it (incremental auto-vacuum). */
  freedBytes: number;
  /** The line it logged: "retention: deleted 10,500 events (oldest from 2026-10-27) to stay under 120,000 events". */
  summary: string;
}

export interface CompactionState {
  running: boolean;
  startedAt: number | null;
  /** The last compaction that finished (or failed) in this run of Lookout: the database's size before and after. */
  last: { at: number; tookMs: number; bytesBefore: number; bytesAfter: number; error?: string } | null;
}

export interface StorageStatus {
  /** The database file and its WAL, as the file system has them. */
  dbBytes: number;
  walBytes: number;
  /** Pages in use (what the size limit reads) and free pages inside the file. */
  usedBytes: number;
  freeBytes: number;
  events: number;
  /** `incremental` gives freed pages back to the disk after each prune; `none` needs "Compact now" once. */
  autoVacuum: 'none' | 'full' | 'incremental';
  retentionRunning: boolean;
  runs: RetentionRun[];
  compaction: CompactionState;
}
