// CPU time a process has used so far, read from /proc (Linux): what a request cost each server,
// as opposed to how many it answered on a machine whose cores the load generator shares.
import { readFileSync } from 'node:fs';

const TICKS_PER_SEC = 100;

/** utime + stime in ms of one /proc stat line (fields 14 and 15; the name may hold spaces). */
function statMs(line) {
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SEC;
}

/**
 * CPU ms of `pid` so far: all threads, and its main thread alone. NaN for both where /proc is
 * missing or the process is gone.
 * @returns {{ totalMs: number, mainMs: number }}
 */
export function processCpuMs(pid) {
  try {
    // The main thread first: the total, read after it, then holds every tick the main thread had.
    const mainMs = statMs(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8'));
    return { totalMs: statMs(readFileSync(`/proc/${pid}/stat`, 'utf8')), mainMs };
  } catch {
    return { totalMs: Number.NaN, mainMs: Number.NaN };
  }
}

/** The record of a run that has no window to measure (no mark came, or /proc is missing). */
export const NO_CPU = Object.freeze({ totalUs: Number.NaN, mainUs: Number.NaN, cores: Number.NaN });

/**
 * CPU µs per item between two readings: the process's, its main thread's, and the share of one
 * core it used over `wallMs`.
 */
export function cpuPerItem(before, after, items, wallMs) {
  const total = after.totalMs - before.totalMs;
  // /proc counts 10 ms ticks and the two files are read a moment apart, so over a short window
  // the main thread can show one tick more than the whole process. It is never more than that.
  const main = Math.min(after.mainMs - before.mainMs, total);
  return {
    totalUs: items > 0 ? (total * 1000) / items : Number.NaN,
    mainUs: items > 0 ? (main * 1000) / items : Number.NaN,
    cores: wallMs > 0 ? total / wallMs : Number.NaN,
  };
}
