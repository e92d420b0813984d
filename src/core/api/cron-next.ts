/**
 * The next run of a crontab after an instant, in the monitor's time zone, as Sentry computes a
 * monitor's next expected check-in (cronsim, which copies Debian cron's DST handling): a job at a
 * fixed time (minute and hour both fixed) is reckoned in wall-clock time, so a run that falls in
 * the hour skipped in spring happens at the first minute after it, and a run in the repeated
 * autumn hour happens once, the first time. Any other job follows the real clock: it runs in both
 * repeated hours and not at all in the skipped one.
 * @see https://docs.sentry.io/product/crons/job-monitoring/#crontab-schedules
 */
import { matchesDay, type Crontab } from './cron-crontab';
import { fieldsOf, floorMinute, type ZoneClock } from './cron-zone';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** cronsim gives up after fifty years without a match (`0 0 30 2 *` never runs). */
const GIVE_UP_YEARS = 50;

/**
 * A cursor that is either a wall time (fixed-time jobs) or an instant read through the zone;
 * either way it answers the wall-clock fields the crontab matches.
 */
function cursor(c: Crontab, zone: ZoneClock, from: number) {
  const fixed = c.fixedTime;
  let at = fixed ? floorMinute(zone.wall(from)) : floorMinute(from);
  const fields = () => fieldsOf(fixed ? at : zone.wall(at));
  return {
    fields,
    tick: (minutes: number) => { at += minutes * MINUTE; },
    toMinuteZero: () => { at -= fields().minute * MINUTE; },
    /** Midnight of a date, as wall time or as the instant that shows it. */
    toDate: (y: number, m: number, d: number) => { const w = Date.UTC(y, m - 1, d); at = fixed ? w : zone.localize(w); },
    /** The instant of the match; a wall time in a gap moves on to the first minute that exists. */
    result: (): number => {
      if (!fixed) return at;
      while (zone.instants(at).length === 0) at += MINUTE;
      return zone.instants(at)[0]!;
    },
  };
}

/** The first run strictly after the minute of `from` (epoch ms), or null when none comes in fifty years. */
export function nextRun(c: Crontab, zone: ZoneClock, from: number): number | null {
  const cur = cursor(c, zone, from);
  cur.tick(1);
  const startYear = cur.fields().year;
  for (;;) {
    let f = cur.fields();
    if (!c.months.has(f.month)) {
      let y = f.year;
      let m = f.month;
      do { m++; if (m > 12) { m = 1; y++; } } while (!c.months.has(m) && y <= startYear + GIVE_UP_YEARS);
      cur.toDate(y, m, 1);
      f = cur.fields();
    }
    if (f.year > startYear + GIVE_UP_YEARS) return null;
    if (!matchesDay(c, f.year, f.month, f.day, f.weekday)) {
      // Day by day up to the first of the next month, where the month is checked again.
      let d = Date.UTC(f.year, f.month - 1, f.day);
      do { d += DAY; } while (!matchesDay(c, ...dateParts(d)) && new Date(d).getUTCDate() !== 1);
      const [y, m, day] = dateParts(d);
      cur.toDate(y, m, day);
      continue;
    }
    if (!c.hours.has(f.hour)) {
      cur.toMinuteZero();
      do { cur.tick(60); } while (!c.hours.has(cur.fields().hour) && cur.fields().hour !== 0);
      continue;
    }
    if (!c.minutes.has(f.minute)) {
      do { cur.tick(1); } while (!c.minutes.has(cur.fields().minute) && cur.fields().minute !== 0);
      continue;
    }
    return cur.result();
  }
}

function dateParts(d: number): [number, number, number, number] {
  const x = new Date(d);
  return [x.getUTCFullYear(), x.getUTCMonth() + 1, x.getUTCDate(), x.getUTCDay()];
}
