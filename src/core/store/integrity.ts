import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DB } from './db';
import { LOWER_OWN_PRIORITY } from './background-priority';

/**
 * Up to this size the whole file is checked before start-up. `quick_check` reads every page: at
 * 1,000,000 events (1.2 GB) that took 1.7 s with the file in the OS cache and 25 s without.
 */
export const FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024;

/** Left beside the database when a background check found damage: the next start checks it whole. */
export const damageMarker = (file: string): string => `${file}.needs-check`;

/** Touched after a background check found the file sound: the next one waits {@link BACKGROUND_CHECK_EVERY_MS}. */
export const checkedStamp = (file: string): string => `${file}.checked`;

/**
 * A large store is read whole in the background at most this often: at 1,000,000 events that is
 * 1.2 GB of reads (25 s from disk), which every launch of the app would otherwise repeat while
 * the user's own program is busy. A query that meets damage in between still fails with SQLite's error.
 */
export const BACKGROUND_CHECK_EVERY_MS = 24 * 60 * 60 * 1000;

/** Whether `file` is checked whole before it opens: small, or marked by an earlier background check. */
export function checksWhole(file: string, maxBytes = FULL_CHECK_MAX_BYTES): boolean {
  return !existsSync(file) || statSync(file).size <= maxBytes || existsSync(damageMarker(file));
}

/** After a clean whole check, the marker (if any) has done its job. */
export function clearDamageMarker(file: string): void {
  rmSync(damageMarker(file), { force: true });
}

/**
 * Reads the first row of every table (its root page and the path to its first leaf), so a file
 * that is not a database or whose b-tree roots are damaged still fails at start-up; the rest is
 * left to {@link checkInBackground}.
 */
export function probeStructure(db: DB): void {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0").pluck().all() as string[];
  for (const name of tables) db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}" LIMIT 1`).get();
}

// CommonJS, run with `eval`: its own read-only connection, one quick_check, the answer posted back.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let answer;
${LOWER_OWN_PRIORITY}
try {
  const Database = require(workerData.driver);
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  try { answer = String(db.pragma('quick_check', { simple: true })); } finally { db.close(); }
} catch (err) { answer = 'error: ' + String(err && err.message || err); }
parentPort.postMessage(answer);
`;

/** When a background check of `file` last found it sound, if less than `everyMs` ago. */
function checkedRecently(file: string, everyMs: number): Date | null {
  try {
    const at = statSync(checkedStamp(file)).mtime;
    const age = Date.now() - at.getTime();
    return age >= 0 && age < everyMs ? at : null;
  } catch {
    return null;
  }
}

/**
 * Runs `quick_check` over the whole file on a worker thread after `delayMs`, while Lookout works,
 * unless one found it sound less than `everyMs` ago (a day by default). On damage it leaves
 * {@link damageMarker} (so the next start checks the file whole and moves it aside) and calls
 * `onDamage` with SQLite's words. Returns a function that cancels a check not yet started; one
 * under way finishes on its own thread (it holds nothing the writer needs).
 * @see https://www.sqlite.org/pragma.html#pragma_quick_check
 */
export function checkInBackground(file: string, opts: {
  nativeBinding?: string; delayMs: number; onDamage: (detail: string) => void; everyMs?: number;
  /** Every answer, damage or not (`ok`, SQLite's findings, or `error: …` when the check could not run). */
  onAnswer?: (answer: string) => void;
  /** No check this time: one found the file sound at `lastSound`, less than `everyMs` ago. */
  onSkipped?: (lastSound: Date) => void;
}): () => void {
  const lastSound = checkedRecently(file, opts.everyMs ?? BACKGROUND_CHECK_EVERY_MS);
  if (lastSound) {
    opts.onSkipped?.(lastSound);
    return () => undefined;
  }
  let driver: string;
  try { driver = createRequire(import.meta.url).resolve('better-sqlite3'); } catch { return () => undefined; }
  const timer = setTimeout(() => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, nativeBinding: opts.nativeBinding } });
    } catch { return; }
    worker.unref();
    worker.once('message', (answer: string) => {
      opts.onAnswer?.(answer);
      if (answer === 'ok') {
        try { writeFileSync(checkedStamp(file), `${new Date().toISOString()}\n`); } catch { /* checked again next start */ }
        return;
      }
      // A check that could not run (the file went away, a busy lock) says nothing about damage.
      if (answer.startsWith('error: ') && !/malformed|corrupt|not a database/i.test(answer)) return;
      try { writeFileSync(damageMarker(file), `${new Date().toISOString()}\n${answer}\n`); } catch { /* the notice still tells */ }
      opts.onDamage(answer.slice(0, 500));
    });
  }, opts.delayMs);
  timer.unref();
  return () => clearTimeout(timer);
}
