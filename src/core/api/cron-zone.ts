/**
 * Wall-clock time in an IANA time zone, from the runtime's own tz database (Intl): a wall time
 * is held as epoch ms "as if UTC", so calendar arithmetic is plain `Date.UTC` arithmetic.
 * @see https://develop.sentry.dev/sdk/telemetry/check-ins/#monitor-upsert-support
 */

const MINUTE = 60_000;
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

/** A time zone's clock; null when the zone is unknown. */
export interface ZoneClock {
  /** The wall time at an instant. */
  wall(instant: number): number;
  /** The instants showing wall time `w`, earliest first: none in a gap, two in a repeated hour. */
  instants(w: number): number[];
  /** Python's `fold=0` reading: the earlier instant, or in a gap the offset from before it. */
  localize(w: number): number;
}

/** The clock of `zone` ("UTC" when null), or null when the runtime does not know the zone. */
export function zoneClock(zone: string | null): ZoneClock | null {
  const f = formatOf(zone ?? 'UTC');
  if (!f) return null;
  const wall = (instant: number): number => {
    const p: Record<string, number> = {};
    for (const part of f.formatToParts(new Date(instant))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const ms = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
    return ms + (((instant % 1000) + 1000) % 1000);
  };
  // Transitions are months apart, so the offsets a day and a half either side are the only candidates.
  const offsets = (w: number): number[] => {
    const set = new Set([-36, 0, 36].map((h) => { const t = w + h * 3_600_000; return wall(t) - t; }));
    return [...set].sort((a, b) => a - b);
  };
  const instants = (w: number): number[] => offsets(w).map((o) => w - o).filter((t) => wall(t) === w).sort((a, b) => a - b);
  const localize = (w: number): number => instants(w)[0] ?? w - (offsets(w)[0] ?? 0);
  return { wall, instants, localize };
}

/** Wall-clock fields of a wall time. */
export function fieldsOf(w: number) {
  const d = new Date(w);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(),
    minute: d.getUTCMinutes(), weekday: d.getUTCDay() };
}

export const floorMinute = (ms: number): number => Math.floor(ms / MINUTE) * MINUTE;
