import { describe, expect, it } from 'vitest';
import { cpuPerItem, processCpuMs } from '../../bench/proc-cpu.mjs';

/** Spins this thread until it has used `ms` more of CPU time (by Node's own count). */
function burn(ms: number): void {
  const start = process.cpuUsage();
  let x = 0;
  while ((process.cpuUsage(start).user + process.cpuUsage(start).system) / 1000 < ms) x += Math.sqrt(x + 1);
  expect(x).toBeGreaterThan(0);
}

describe('bench CPU accounting', () => {
  it.runIf(process.platform === 'linux')('reads a process\'s CPU time from /proc (Linux only), its main thread within all of it', () => {
    const before = processCpuMs(process.pid);
    burn(300);
    const after = processCpuMs(process.pid);
    // /proc counts in 10 ms ticks, the two files read a moment apart: a tick of skew at each of the
    // two samples (it measured 290 against 310 once, 00:03 of 2026-11-25); the spin ran on this thread.
    expect(after.mainMs - before.mainMs).toBeGreaterThanOrEqual(250);
    expect(after.totalMs - before.totalMs + 20).toBeGreaterThanOrEqual(after.mainMs - before.mainMs);
    expect(after.mainMs).toBeLessThanOrEqual(after.totalMs);
  });

  it('gives NaN for a process that is not there', () => {
    const none = processCpuMs(2 ** 31 - 2);
    expect(Number.isNaN(none.totalMs) && Number.isNaN(none.mainMs)).toBe(true);
  });

  it('turns two readings into µs per item and cores busy', () => {
    const per = cpuPerItem({ totalMs: 1000, mainMs: 400 }, { totalMs: 4000, mainMs: 1600 }, 6000, 2000);
    expect(per).toEqual({ totalUs: 500, mainUs: 200, cores: 1.5 });
    expect(Number.isNaN(cpuPerItem({ totalMs: 0, mainMs: 0 }, { totalMs: 5, mainMs: 1 }, 0, 0).totalUs)).toBe(true);
    // The null server's short latency run: the main thread read one tick after the total.
    expect(cpuPerItem({ totalMs: 100, mainMs: 90 }, { totalMs: 150, mainMs: 150 }, 120, 600)).toEqual({ totalUs: 50_000 / 120, mainUs: 50_000 / 120, cores: 50 / 600 });
  });
});
