/**
 * The sampling interval the spec asks SDKs for (101 Hz), used when a thread has one sample.
 * @see https://develop.sentry.dev/sdk/telemetry/profiles/sample-format-v2/#profile-data
 */
export const DEFAULT_INTERVAL_MS = 1000 / 101;
/** A gap longer than this many typical intervals means the profiler was not sampling (between chunks, paused). */
export const GAP_CAP_INTERVALS = 10;

/** The median of the positive gaps, or the default interval. */
export function typicalInterval(times: readonly number[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const gap = times[i]! - times[i - 1]!;
    if (gap > 0) gaps.push(gap);
  }
  if (gaps.length === 0) return DEFAULT_INTERVAL_MS;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]!;
}

/**
 * Each sample's time (ms) on its thread: the gap to the thread's next sample, at most
 * {@link GAP_CAP_INTERVALS} typical intervals; the last sample weighs one typical interval.
 * `times` must be sorted.
 */
export function sampleWeights(times: readonly number[]): number[] {
  const interval = typicalInterval(times);
  const cap = interval * GAP_CAP_INTERVALS;
  return times.map((t, i) => (i + 1 < times.length ? Math.min(times[i + 1]! - t, cap) : interval));
}
