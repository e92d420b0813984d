/**
 * A timer for scale tests: the median of 5 runs after a warm one (the first reads pages from disk;
 * the shared machine is noisy), each line kept in `timings` for the test's summary.
 */
export function medianTimer(timings: string[]) {
  return function timed<T>(label: string, run: () => T): { value: T; ms: number } {
    let value = run();
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      value = run();
      runs.push(performance.now() - started);
    }
    const ms = runs.sort((a, b) => a - b)[2]!;
    timings.push(`${label}: ${ms.toFixed(1)} ms (median of 5)`);
    return { value, ms };
  };
}
