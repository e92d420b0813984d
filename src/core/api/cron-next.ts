/**
 * The next run of a crontab after an instant, in the monitor's time zone, as Sentry computes a
 * monitor's next expected check-in: cronsim's walk over a `zoneinfo` datetime, quirks included.
 * - A job at a fixed time (minute and hour both fixed) is walked in wall-clock time, as Debian's
 *   cron does: a run that falls in the hour skipped in spring happens at the first minute after
 *   it, and a run in the repeated autumn hour happens once, the first time.
 * - Any other job steps the real clock, so it runs in both repeated hours and not in the skipped
 *   one. But a jump to a new day or month lands on its midnight as wall time: where clocks skip
 *   midnight (America/Santiago, America/Asuncion, Asia/Beirut), that imaginary 00:00 is read as
 *   hour 0 and, once stepped, as the instant of 01:00. So a job every half hour of hour 0 on
 *   Sundays runs once that Sunday, at 01:00, and one every half hour of hour 1 not at all.
 * @see https://github.com/cuu508/cronsim/blob/main/cronsim/cronsim.py (advance, advance_day, tick)
 * @see https://github.com/getsentry/sentry/blob/master/src/sentry/monitors/schedule.py (get_next_schedule)
 */
import { matchesDay, type Crontab } from './cron-crontab';
import { fieldsOf, floorMinute, type Fold, type ZoneClock } from './cron-zone';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** cronsim gives up after fifty years without a match (`0 0 30 2 *` never runs). */
const GIVE_UP_YEARS = 50;

/**
 * Python's datetime as cronsim moves it: a wall time, with its fold for a zone-aware walk or
 * naive for a fixed-time job. Steps go through the real clock (aware) or the wall (naive);
 * setting a field (`replace`, `combine`) changes the wall time alone, which may leave it in a gap.
 */
function cursor(c: Crontab, zone: ZoneClock, from: number) {
  const aware = !c.fixedTime;
  const start = floorMinute(from);
  let wall = floorMinute(zone.wall(start));
  let fold: Fold = aware ? zone.foldAt(start) : 0;
  return {
    fields: () => fieldsOf(wall),
    tick: (ms: number) => {
      if (!aware) { wall += ms; return; }
      const instant = zone.at(wall, fold) + ms;
      wall = zone.wall(instant);
      fold = zone.foldAt(instant);
    },
    /** `replace(minute=0)`: the fold stays. */
    toMinuteZero: () => { wall -= fieldsOf(wall).minute * MINUTE; },
    /** `datetime.combine(date, time())`: midnight of a date, fold 0. */
    toDate: (y: number, m: number, d: number) => { wall = Date.UTC(y, m - 1, d); fold = 0; },
    /** The instant of the match; a fixed-time job's wall time in a gap moves on to the first minute that exists. */
    result: (): number => {
      if (aware) return zone.at(wall, fold);
      while (zone.instants(wall).length === 0) wall += MINUTE;
      return zone.at(wall, 0);
    },
  };
}

/** The first run strictly after the minute of `from` (epoch ms), or null when none comes in fifty years. */
export function nextRun(c: Crontab, zone: ZoneClock, from: number): number | null {
  const cur = cursor(c, zone, from);
  cur.tick(MINUTE);
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
      do { cur.tick(HOUR); } while (!c.hours.has(cur.fields().hour) && cur.fields().hour !== 0);
      continue;
    }
    if (!c.minutes.has(f.minute)) {
      // One minute allowed: one jump to it, as cronsim makes (it may cross the hour).
      const [only] = c.minutes;
      if (c.minutes.size === 1 && only !== undefined) cur.tick((((only - f.minute) % 60) + 60) % 60 * MINUTE);
      while (!c.minutes.has(cur.fields().minute)) {
        cur.tick(MINUTE);
        if (cur.fields().minute === 0) break;
      }
      continue;
    }
    return cur.result();
  }
}

function dateParts(d: number): [number, number, number, number] {
  const x = new Date(d);
  return [x.getUTCFullYear(), x.getUTCMonth() + 1, x.getUTCDate(), x.getUTCDay()];
}
