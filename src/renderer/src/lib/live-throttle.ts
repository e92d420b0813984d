/**
 * Coalesces live pokes (an error loop streams hundreds of items a second) into reads that start
 * at least `gapMs` apart, trailing (the last poke of a burst is always followed by a read), and
 * never overlap: a poke while a read is in flight waits for it, then the gap. A slow server thus
 * gets one read at a time instead of a queue of them, each waiting behind the last.
 */
export interface LiveThrottle {
  /** Something changed: read again within the gap. */
  poke: () => void;
  /** Read as soon as no read is in flight (a new key, a user's action), ignoring the gap. */
  now: () => void;
  /** Stops: no read starts after this (one in flight finishes unheard by the throttle). */
  dispose: () => void;
  /** Reads started so far (for tests and the e2e read counter). */
  readonly started: number;
}

export function liveThrottle(read: () => Promise<unknown>, gapMs: number, clock: () => number = Date.now): LiveThrottle {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight = false;
  let pending = false;
  let urgent = false;
  let lastStart = -Infinity;
  let disposed = false;
  let started = 0;

  const start = (): void => {
    timer = null;
    if (disposed) return;
    pending = false;
    urgent = false;
    inFlight = true;
    lastStart = clock();
    started++;
    let finished: Promise<unknown>;
    try { finished = read(); } catch (err) { finished = Promise.reject(err); }
    // The reader reports its own errors; the throttle only needs to know it is done.
    finished.catch(() => undefined).finally(() => { inFlight = false; schedule(); });
  };

  const schedule = (): void => {
    if (disposed || inFlight || !pending) return;
    const wait = urgent ? 0 : Math.max(0, lastStart + gapMs - clock());
    if (timer !== null) {
      if (!urgent) return;
      clearTimeout(timer);
    }
    timer = setTimeout(start, wait);
  };

  return {
    poke: () => { pending = true; schedule(); },
    now: () => { pending = true; urgent = true; schedule(); },
    dispose: () => { disposed = true; if (timer !== null) clearTimeout(timer); timer = null; },
    get started() { return started; },
  };
}
