/**
 * Whole percentages that add up to 100, by largest remainder (Hamilton's method): each share is
 * rounded down, then the points still missing go to the largest fractions. Rounding each share
 * on its own shows 38 % + 38 % + 25 % = 101 % for counts 3, 3 and 2.
 *
 * `total` may exceed the sum of `counts` (values not shown): that rest is one more share, which
 * takes part in the rounding but is not returned, so the shown shares plus the rest's make 100.
 *
 * Equal counts always read equal: when the point would split them (3, 3, 2 → 38, 37, 25), every
 * share is given to one decimal instead (37.5, 37.5, 25), which is exact or off by a tenth.
 */
export function wholePercents(counts: readonly number[], total: number): number[] {
  const shares = counts.map((c) => (Number.isFinite(c) && c > 0 ? c : 0));
  const sum = shares.reduce((a, b) => a + b, 0);
  const whole = Number.isFinite(total) && total > sum ? total : sum;
  if (whole <= 0) return shares.map(() => 0);
  const buckets = [...shares, whole - sum];
  const exact = buckets.map((b) => (b / whole) * 100);
  const result = exact.map((e) => Math.floor(e));
  let missing = 100 - result.reduce((a, b) => a + b, 0);
  // Largest fraction first; on a tie the bigger count (then the earlier value) gets the point.
  const order = exact.map((_, i) => i).sort((a, b) =>
    (exact[b]! - result[b]!) - (exact[a]! - result[a]!) || buckets[b]! - buckets[a]! || a - b);
  for (const i of order) {
    if (missing <= 0) break;
    result[i] = (result[i] ?? 0) + 1;
    missing -= 1;
  }
  const shown = result.slice(0, shares.length);
  const split = shares.some((c, i) => shares.some((d, j) => c === d && shown[i] !== shown[j]));
  return split ? exact.slice(0, shares.length).map((e) => Math.round(e * 10) / 10) : shown;
}
