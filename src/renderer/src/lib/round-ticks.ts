/**
 * Time-axis ticks at round values (1, 2 or 5 × a power of ten, in ms) from 0 up to `durationMs`,
 * about `target` of them: "0, 50 ms, 100 ms, 150 ms" reads at a glance where quarters of
 * 173.4 ms ("43.4 ms, 86.7 ms…") do not. Empty for a duration that is not positive and finite.
 */
export function roundTicks(durationMs: number, target = 4): number[] {
  if (!(durationMs > 0) || !Number.isFinite(durationMs)) return [];
  const rough = durationMs / target;
  const power = 10 ** Math.floor(Math.log10(rough));
  // The round step nearest the rough one: never fewer than about half the ticks asked for.
  const step = [1, 2, 5, 10].map((m) => m * power).reduce((best, s) => (Math.abs(s - rough) < Math.abs(best - rough) ? s : best));
  const ticks: number[] = [];
  for (let i = 0; i * step <= durationMs * (1 + 1e-9) && ticks.length <= target * 3; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}
