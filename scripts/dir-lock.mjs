// A lock between processes on one machine: a directory, since mkdir either creates it or fails
// with EEXIST, atomically on every filesystem Node supports.
import { mkdirSync, rmSync, statSync } from 'node:fs';

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `fn` while holding the lock `lockPath`, waiting for another holder to finish first.
 * A lock older than `staleMs` is taken to be left by a killed process and removed.
 * @template T
 * @param {string} lockPath
 * @param {() => T} fn
 * @param {{ staleMs?: number, pollMs?: number, onWait?: () => void }} [opts]
 * @returns {T}
 */
export function withDirLock(lockPath, fn, opts = {}) {
  const { staleMs = 10 * 60_000, pollMs = 100, onWait } = opts;
  let told = false;
  for (;;) {
    try {
      mkdirSync(lockPath);
      break;
    } catch (err) {
      if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EEXIST') throw err;
      let age = 0;
      try { age = Date.now() - statSync(lockPath).mtimeMs; } catch { continue; }
      if (age > staleMs) { rmSync(lockPath, { recursive: true, force: true }); continue; }
      if (!told) { onWait?.(); told = true; }
      Atomics.wait(sleeper, 0, 0, pollMs);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lockPath, { recursive: true, force: true });
  }
}
