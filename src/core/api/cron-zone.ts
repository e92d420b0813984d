/**
 * Wall-clock time in an IANA time zone, from the runtime's own tz database (Intl): a wall time
 * is held as epoch ms "as if UTC", so calendar arithmetic is plain `Date.UTC` arithmetic. Sentry
 * reads a monitor's zone with Python's `zoneinfo`, whose aware datetimes carry PEP 495's `fold`;
 * `at` and `foldAt` give the same readings, so cron-next.ts can step as cronsim does.
 * @see https://develop.sentry.dev/sdk/telemetry/check-ins/#monitor-upsert-support
 * @see https://peps.python.org/pep-0495/
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Intl calls are the cost of a schedule walk; each clock keeps this many readings. */
const CACHE_LIMIT = 4096;
const formats = new Map<string, Intl.DateTimeFormat | null>();

function formatOf(zone: string): Intl.DateTimeFormat | null {
  let f = formats.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric',
        day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch { f = null; } // not a zone this runtime knows: Sentry refuses such a config
    formats.set(zone, f);
  }
  return f;
}

/** PEP 495's `fold`: 1 for the second reading of a repeated wall time (and, in a gap, the offset after it). */
export type Fold = 0 | 1;

/** A time zone's clock; null when the zone is unknown. */
export interface ZoneClock {
  /** The wall time at an instant. */
  wall(instant: number): number;
  /** The instants showing wall time `w`, earliest first: none in a gap, two in a repeated hour. */
  instants(w: number): number[];
  /**
   * The instant Python gives an aware datetime of wall time `w` and `fold`: in a repeated hour
   * the first (fold 0) or second reading; in a gap, `w` read with the offset before the change
   * (fold 0) or after it, so an imaginary 00:00 where clocks jump to 01:00 is the instant of 01:00.
   */
  at(w: number, fold: Fold): number;
  /** The fold of an instant's wall time: 1 when the same wall time was shown earlier. */
  foldAt(instant: number): Fold;
  /** Python's `fold=0` reading, `at(w, 0)`. */
  localize(w: number): number;
}

/** The clock of `zone` ("UTC" when null), or null when the runtime does not know the zone. */
export function zoneClock(zone: string | null): ZoneClock | null {
  const f = formatOf(zone ?? 'UTC');
  if (!f) return null;
  const cache = new Map<number, number>();
  const wall = (instant: number): number => {
    const hit = cache.get(instant);
    if (hit !== undefined) return hit;
    const p: Record<string, number> = {};
    for (const part of f.formatToParts(new Date(instant))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const ms = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0)
      + (((instant % 1000) + 1000) % 1000);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(instant, ms);
    return ms;
  };
  // Transitions are months apart, so the offsets a day and a half either side are the only
  // candidates; probing on the hour lets a walk minute by minute reuse its probes.
  const offsets = (w: number): number[] => {
    const set = new Set([-36, 0, 36].map((h) => { const t = Math.floor(w / HOUR) * HOUR + h * HOUR; return wall(t) - t; }));
    return [...set].sort((a, b) => a - b);
  };
  const instants = (w: number): number[] => offsets(w).map((o) => w - o).filter((t) => wall(t) === w).sort((a, b) => a - b);
  const at = (w: number, fold: Fold): number => {
    const found = instants(w);
    if (found.length > 0) return found[Math.min(fold, found.length - 1)]!;
    // A gap: clocks move forward, so the smaller offset is the one before it.
    const around = offsets(w);
    return w - (fold === 0 ? around[0] ?? 0 : around.at(-1) ?? 0);
  };
  const foldAt = (instant: number): Fold => {
    const found = instants(wall(instant));
    return found.length > 1 && found[0] !== instant ? 1 : 0;
  };
  return { wall, instants, at, foldAt, localize: (w) => at(w, 0) };
}

/** Wall-clock fields of a wall time. */
export function fieldsOf(w: number) {
  const d = new Date(w);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(),
    minute: d.getUTCMinutes(), weekday: d.getUTCDay() };
}

export const floorMinute = (ms: number): number => Math.floor(ms / MINUTE) * MINUTE;
