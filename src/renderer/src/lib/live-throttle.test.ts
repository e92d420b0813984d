import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveThrottle } from './live-throttle';

describe('liveThrottle', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  /** A read that stays in flight until `finish()`: the server's answer. */
  function slowReads() {
    const finishers: (() => void)[] = [];
    const read = vi.fn(() => new Promise<void>((resolve) => { finishers.push(resolve); }));
    const finish = async () => { finishers.shift()?.(); await vi.advanceTimersByTimeAsync(0); };
    return { read, finish };
  }

  it('turns a burst of pokes into one trailing read per gap', async () => {
    const { read, finish } = slowReads();
    const t = liveThrottle(read, 1000, () => Date.now());
    for (let i = 0; i < 500; i++) { t.poke(); await vi.advanceTimersByTimeAsync(2); } // 500 items over 1 s
    expect(read.mock.calls.length).toBe(1);
    await finish();
    await vi.advanceTimersByTimeAsync(1000);
    // The pokes after the first read began are answered by exactly one more read.
    expect(read.mock.calls.length).toBe(2);
    await finish();
    await vi.advanceTimersByTimeAsync(5000);
    expect(read.mock.calls.length).toBe(2);
    expect(t.started).toBe(2);
  });

  it('never starts a read while one is in flight, however long it takes', async () => {
    const { read, finish } = slowReads();
    const t = liveThrottle(read, 100);
    t.poke();
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 100; i++) { t.poke(); await vi.advanceTimersByTimeAsync(50); } // a 5 s read
    expect(read.mock.calls.length).toBe(1);
    await finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(read.mock.calls.length).toBe(2);
  });

  it('reads at once for `now`, skipping the gap but not a read in flight', async () => {
    const { read, finish } = slowReads();
    const t = liveThrottle(read, 10_000);
    t.now();
    await vi.advanceTimersByTimeAsync(0);
    t.now();
    await vi.advanceTimersByTimeAsync(0);
    expect(read.mock.calls.length).toBe(1);
    await finish();
    expect(read.mock.calls.length).toBe(2);
  });

  it('starts nothing after dispose, and survives a failed read', async () => {
    const read = vi.fn(() => Promise.reject(new Error('down')));
    const t = liveThrottle(read, 100);
    t.poke();
    await vi.advanceTimersByTimeAsync(0);
    t.poke();
    await vi.advanceTimersByTimeAsync(100);
    expect(read.mock.calls.length).toBe(2);
    t.poke();
    t.dispose();
    await vi.advanceTimersByTimeAsync(1000);
    expect(read.mock.calls.length).toBe(2);
  });
});
