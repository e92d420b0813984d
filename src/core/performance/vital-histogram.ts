/**
 * Web vital values kept as counts in fixed logarithmic buckets, so a page's p75 over any period is
 * read from summed counts instead of every page view (Sentry answers its Web Vitals page from
 * pre-aggregated metrics, not from each span). Bucket `i` holds the values in (γ^(i-1), γ^i] and
 * stands for 2γ^i/(γ+1): any value read back is within {@link RELATIVE_ERROR} (0.5%) of a value
 * in its bucket (DDSketch's bound). Values under {@link SMALLEST} (a CLS of 0) share one bucket read as 0;
 * values over {@link LARGEST} count as it.
 * A percentile interpolated between the values at two ranks, as `percentile` does, keeps that bound:
 * it is a weighted mean of two values each within it.
 * @see https://www.vldb.org/pvldb/vol12/p2195-masson.pdf (DDSketch: relative-error quantiles)
 * @see https://docs.sentry.io/product/insights/frontend/web-vitals/
 */
import { WEB_VITALS, type VitalValues, type WebVital } from '../../shared/web-vitals';

/** The largest relative error of a value read back from its bucket. */
export const RELATIVE_ERROR = 0.005;
const GAMMA = (1 + RELATIVE_ERROR) / (1 - RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);
/** Values under this count as 0 (CLS is often exactly 0; times under a nanosecond are 0 to the eye). */
export const SMALLEST = 1e-6;
/** Values over this are counted as this (27 hours in ms: no page load takes longer), so keys stay in a small range. */
export const LARGEST = 1e8;
const KEY_MAX = Math.ceil(Math.log(LARGEST) / LOG_GAMMA);
/** The bucket of values under {@link SMALLEST}, just under the smallest value's. */
const ZERO_KEY = Math.ceil(Math.log(SMALLEST) / LOG_GAMMA) - 1;

/** The bucket of `value` (≥ 0). */
export function bucketOf(value: number): number {
  return value < SMALLEST ? ZERO_KEY : Math.min(KEY_MAX, Math.ceil(Math.log(value) / LOG_GAMMA));
}

/** The value bucket `key` stands for. */
export function bucketValue(key: number): number {
  return key === ZERO_KEY ? 0 : (2 * Math.exp(key * LOG_GAMMA)) / (GAMMA + 1);
}

/**
 * One vital's counts by bucket for a report, in an array over the range of keys met (grown as
 * needed, within ZERO_KEY…KEY_MAX), the zero bucket apart: a report adds a period's thousands of
 * rows into these, and an array index is several times cheaper than a Map's.
 */
export class BucketCounts {
  private lo = 0;
  private counts = new Float64Array(0);
  private zero = 0;
  total = 0;

  add(key: number, n: number): void {
    if (key <= ZERO_KEY || key > KEY_MAX) {
      if (key === ZERO_KEY) { this.zero += n; this.total += n; }
      return; // else not a key this module made (a damaged row)
    }
    let i = key - this.lo;
    if (i < 0 || i >= this.counts.length) i = this.grow(key);
    this.counts[i]! += n;
    this.total += n;
  }

  private grow(key: number): number {
    // A margin as wide as the range so far: growing a few times, not once per new key.
    const margin = Math.max(32, this.counts.length);
    const hi = this.counts.length === 0 ? key : Math.max(key, this.lo + this.counts.length - 1);
    const lo = Math.max(ZERO_KEY + 1, Math.min(key, this.counts.length === 0 ? key : this.lo) - margin);
    const grown = new Float64Array(Math.min(KEY_MAX, hi + margin) - lo + 1);
    grown.set(this.counts, this.counts.length === 0 ? 0 : this.lo - lo);
    this.lo = lo;
    this.counts = grown;
    return key - lo;
  }

  /** Adds every count of `other`. */
  addAll(other: BucketCounts): void {
    if (other.zero > 0) this.add(ZERO_KEY, other.zero);
    for (let i = 0; i < other.counts.length; i++) if (other.counts[i]! > 0) this.add(other.lo + i, other.counts[i]!);
  }

  /** The values at ranks `lo` and `hi` (0-based, lo ≤ hi < total), walking the buckets once. */
  atRanks(lo: number, hi: number): [number, number] {
    let seen = this.zero;
    let loValue: number | null = seen > lo ? 0 : null;
    if (seen > hi) return [0, 0];
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (loValue === null && seen > lo) loValue = bucketValue(this.lo + i);
      if (loValue !== null && seen > hi) return [loValue, bucketValue(this.lo + i)];
    }
    const last = loValue ?? 0;
    return [last, last];
  }
}

/** Counts per bucket of each vital, as a report sums them. */
export type VitalHistogram = Record<WebVital, BucketCounts>;

export const emptyHistogram = (): VitalHistogram =>
  ({ lcp: new BucketCounts(), fcp: new BucketCounts(), inp: new BucketCounts(), cls: new BucketCounts(), ttfb: new BucketCounts() });

/** Adds every count of `from` into `into`. */
export function addHistogram(into: VitalHistogram, from: VitalHistogram): void {
  for (const vital of WEB_VITALS) into[vital].addAll(from[vital]);
}

/** Counts per bucket of each vital as one aggregate row holds them: few buckets, changed one view at a time. */
export type SparseHistogram = Record<WebVital, Map<number, number>>;

export const emptySparse = (): SparseHistogram => ({ lcp: new Map(), fcp: new Map(), inp: new Map(), cls: new Map(), ttfb: new Map() });

/** Adds (`sign` 1) or takes out (-1) one page view's values; buckets left at 0 go. */
export function countView(into: SparseHistogram, values: VitalValues, sign: 1 | -1): void {
  for (const vital of WEB_VITALS) {
    const value = values[vital];
    if (value === undefined) continue;
    const key = bucketOf(value);
    const n = (into[vital].get(key) ?? 0) + sign;
    if (n > 0) into[vital].set(key, n);
    else into[vital].delete(key);
  }
}

/** Appends `n` (≥ 0) as a LEB128 varint. */
function pushVarint(out: number[], n: number): void {
  while (n >= 0x80) { out.push((n % 0x80) | 0x80); n = Math.floor(n / 0x80); }
  out.push(n);
}

/**
 * Stored form, compact so a period's rows read fast: per vital holding values, its index, the
 * number of buckets, then each bucket as varints: its key's distance from the previous (the first
 * from ZERO_KEY) and its count. Mostly two bytes a bucket.
 */
export function encodeHistogram(h: SparseHistogram): Buffer {
  const out: number[] = [];
  WEB_VITALS.forEach((vital, index) => {
    if (h[vital].size === 0) return;
    out.push(index);
    pushVarint(out, h[vital].size);
    let previous = ZERO_KEY;
    for (const key of [...h[vital].keys()].sort((a, b) => a - b)) { pushVarint(out, key - previous); pushVarint(out, h[vital].get(key)!); previous = key; }
  });
  return Buffer.from(out);
}

/** Calls `visit` with each bucket of a stored histogram (a damaged blob yields what it holds up to the damage). */
function readEncoded(buf: Uint8Array, visit: (vital: WebVital, key: number, n: number) => void): void {
  let at = 0;
  const varint = (): number => {
    let n = 0;
    let scale = 1;
    while (at < buf.length) {
      const byte = buf[at++]!;
      n += (byte & 0x7f) * scale;
      if (byte < 0x80) return n;
      scale *= 0x80;
    }
    return -1;
  };
  while (at < buf.length) {
    const vital = WEB_VITALS[buf[at++]!];
    const buckets = varint();
    if (vital === undefined || buckets < 0) return;
    let key = ZERO_KEY;
    for (let b = 0; b < buckets; b++) {
      const step = varint();
      const n = varint();
      if (step < 0 || n < 0) return;
      key += step;
      visit(vital, key, n);
    }
  }
}

/** Adds a stored histogram's counts into a report's sums. */
export function addEncoded(into: VitalHistogram, buf: Uint8Array): void {
  readEncoded(buf, (vital, key, n) => into[vital].add(key, n));
}

/** A stored histogram, to change and store again. */
export function decodeSparse(buf: Uint8Array): SparseHistogram {
  const h = emptySparse();
  readEncoded(buf, (vital, key, n) => h[vital].set(key, (h[vital].get(key) ?? 0) + n));
  return h;
}

/**
 * The value at percentile `p` (0–1) of one vital's counts, interpolated between ranks as
 * `percentile` (shared/web-vitals.ts) does on the values themselves; null when empty.
 */
export function histogramPercentile(counts: BucketCounts, p: number): number | null {
  if (counts.total <= 0) return null;
  const rank = (counts.total - 1) * p;
  const lo = Math.floor(rank);
  const [loValue, hiValue] = counts.atRanks(lo, Math.ceil(rank));
  return loValue + (hiValue - loValue) * (rank - lo);
}
