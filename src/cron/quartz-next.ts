// Quartz's next fire time (CronExpression.getTimeAfter), walked on an emulated
// lenient java.util.GregorianCalendar: fields are set one by one, and reading
// a field resolves the wall time in the zone (a time in a DST gap moves
// forward by the gap, a repeated time takes its second occurrence) and
// normalises every field from the resulting instant. Quartz's DST behaviour
// (skipping an hour whose :00 falls in a gap, never running the second 02:00
// after the first one) comes out of this, as it does in Quartz.

import type { QuartzSets } from './quartz';
import { type ZoneRules, civilFromSeconds, daysInMonth, lenientLocalSeconds, weekdayOf } from './zone';

/** Quartz's marker for `?` (its `*` marker, 99, sorts last and never gets picked). */
const NO_SPEC = 98;

type Field = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

/** java.util.Calendar, lenient, in one zone; months 1-12 here (Java's are 0-11). */
class JavaCalendar {
  year = 1970;
  month = 1;
  day = 1;
  hour = 0;
  minute = 0;
  second = 0;
  private dirty = false;
  private instant = 0;

  constructor(private readonly rules: ZoneRules, instant: number) {
    this.setInstant(instant);
  }

  set(field: Field, value: number): void {
    this[field] = value;
    this.dirty = true;
  }

  get(field: Field): number {
    if (this.dirty) this.normalise();
    return this[field];
  }

  /** DAY_OF_WEEK: 1 = Sunday ... 7 = Saturday. */
  dayOfWeek(): number {
    if (this.dirty) this.normalise();
    return weekdayOf(this.year, this.month, this.day) + 1;
  }

  time(): number {
    if (this.dirty) this.normalise();
    return this.instant;
  }

  addYears(n: number): void {
    if (this.dirty) this.normalise();
    this.year += n;
    this.day = Math.min(this.day, daysInMonth(this.year, this.month));
    this.dirty = true;
  }

  private normalise(): void {
    const local = lenientLocalSeconds(this.year, this.month, this.day, this.hour, this.minute, this.second);
    this.setInstant(resolveWallTime(this.rules, local));
  }

  private setInstant(instant: number): void {
    this.instant = instant;
    const c = civilFromSeconds(instant + this.rules.offsetAt(instant));
    this.year = c.year;
    this.month = c.month;
    this.day = c.day;
    this.hour = c.hour;
    this.minute = c.minute;
    this.second = c.second;
    this.dirty = false;
  }
}

/** The instant Java gives a wall time: the standard-time reading when it is in a gap or an overlap. */
function resolveWallTime(rules: ZoneRules, local: number): number {
  const instants = rules.instantsOf(local);
  if (instants.length === 1) return instants[0];
  const tr = rules.transitionAtWall(local);
  if (tr) return local - Math.min(tr.before, tr.after);
  return instants.length > 0 ? instants[instants.length - 1] : local - rules.offsetAt(local);
}

function tailFirst(set: number[], from: number): number | undefined {
  for (const v of set) if (v >= from) return v;
  return undefined;
}

function setHour(cl: JavaCalendar, hour: number): void {
  cl.set('hour', hour);
  if (cl.get('hour') !== hour && hour !== 24) cl.set('hour', hour + 1);
}

/** Nearest weekday adjustment Quartz applies for W (weekday of the possibly rolled-over date). */
function nearestWeekdayDay(rules: ZoneRules, year: number, mon: number, day: number): number {
  const probe = new JavaCalendar(rules, 0);
  probe.set('second', 0);
  probe.set('minute', 0);
  probe.set('hour', 0);
  probe.set('day', day);
  probe.set('month', mon);
  probe.set('year', year);
  const ldom = daysInMonth(year + Math.floor((mon - 1) / 12), ((mon - 1) % 12) + 1);
  const dow = probe.dayOfWeek();
  if (dow === 7 && day === 1) return day + 2;
  if (dow === 7) return day - 1;
  if (dow === 1 && day === ldom) return day - 2;
  if (dow === 1) return day + 1;
  return day;
}

function wallInstant(rules: ZoneRules, year: number, mon: number, day: number, hr: number, min: number, sec: number): number {
  const cal = new JavaCalendar(rules, 0);
  cal.set('second', sec);
  cal.set('minute', min);
  cal.set('hour', hr);
  cal.set('day', day);
  cal.set('month', mon);
  cal.set('year', year);
  return cal.time();
}

/**
 * The next fire time strictly after `after` (UTC seconds), or null.
 * Written section by section like CronExpression.getTimeAfter (second, minute,
 * hour, day, month, year), repetitions included, so that it can be checked
 * line by line against Quartz: each section resets different calendar fields
 * (and the day section has its own branches), so a shared helper would hide
 * exactly the differences that matter.
 */
export function quartzNext(q: QuartzSets, rules: ZoneRules, after: number): number | null {
  const afterTime = after + 1;
  const cl = new JavaCalendar(rules, afterTime);
  for (let guard = 0; guard < 100_000; guard++) {
    if (cl.get('year') > 2999) return null;
    let sec = cl.get('second');
    let min = cl.get('minute');
    let st = tailFirst(q.seconds, sec);
    if (st !== undefined) sec = st;
    else {
      sec = q.seconds[0];
      min++;
      cl.set('minute', min);
    }
    cl.set('second', sec);

    min = cl.get('minute');
    let hr = cl.get('hour');
    let t = -1;
    st = tailFirst(q.minutes, min);
    if (st !== undefined) {
      t = min;
      min = st;
    } else {
      min = q.minutes[0];
      hr++;
    }
    if (min !== t) {
      cl.set('second', 0);
      cl.set('minute', min);
      setHour(cl, hr);
      continue;
    }
    cl.set('minute', min);

    hr = cl.get('hour');
    let day = cl.get('day');
    t = -1;
    st = tailFirst(q.hours, hr);
    if (st !== undefined) {
      t = hr;
      hr = st;
    } else {
      hr = q.hours[0];
      day++;
    }
    if (hr !== t) {
      cl.set('second', 0);
      cl.set('minute', 0);
      cl.set('day', day);
      setHour(cl, hr);
      continue;
    }
    cl.set('hour', hr);

    day = cl.get('day');
    let mon = cl.get('month');
    t = -1;
    let tmon = mon;
    const domSpec = !q.daysOfMonth.includes(NO_SPEC);
    const dowSpec = !q.daysOfWeek.includes(NO_SPEC);
    if (domSpec && !dowSpec) {
      const year = cl.get('year');
      if (q.lastDayOfMonth) {
        if (!q.nearestWeekday) {
          t = day;
          day = daysInMonth(year, mon) - q.lastDayOffset;
          if (t > day) {
            mon++;
            if (mon > 12) {
              mon = 1;
              tmon = 3333;
              cl.addYears(1);
            }
            day = 1;
          }
        } else {
          t = day;
          day = daysInMonth(year, mon) - q.lastDayOffset;
          day = nearestWeekdayDay(rules, year, mon, day);
          if (wallInstant(rules, year, mon, day, hr, min, sec) < afterTime) {
            day = 1;
            mon++;
          }
        }
      } else if (q.nearestWeekday) {
        t = day;
        day = q.daysOfMonth[0];
        day = nearestWeekdayDay(rules, year, mon, day);
        if (wallInstant(rules, year, mon, day, hr, min, sec) < afterTime) {
          day = q.daysOfMonth[0];
          mon++;
        }
      } else {
        const first = tailFirst(q.daysOfMonth, day);
        if (first !== undefined) {
          t = day;
          day = first;
          if (day > daysInMonth(year, mon)) {
            day = q.daysOfMonth[0];
            mon++;
          }
        } else {
          day = q.daysOfMonth[0];
          mon++;
        }
      }
      if (day !== t || mon !== tmon) {
        cl.set('second', 0);
        cl.set('minute', 0);
        cl.set('hour', 0);
        cl.set('day', day);
        cl.set('month', mon);
        continue;
      }
    } else if (dowSpec && !domSpec) {
      const year = cl.get('year');
      const lDay = daysInMonth(year, mon);
      if (q.lastDayOfWeek) {
        const dow = q.daysOfWeek[0];
        const cDow = cl.dayOfWeek();
        let daysToAdd = 0;
        if (cDow < dow) daysToAdd = dow - cDow;
        if (cDow > dow) daysToAdd = dow + (7 - cDow);
        if (day + daysToAdd > lDay) {
          cl.set('second', 0);
          cl.set('minute', 0);
          cl.set('hour', 0);
          cl.set('day', 1);
          cl.set('month', mon + 1);
          continue;
        }
        while (day + daysToAdd + 7 <= lDay) daysToAdd += 7;
        day += daysToAdd;
        if (daysToAdd > 0) {
          cl.set('second', 0);
          cl.set('minute', 0);
          cl.set('hour', 0);
          cl.set('day', day);
          cl.set('month', mon);
          continue;
        }
      } else if (q.nthDayOfWeek !== 0) {
        const dow = q.daysOfWeek[0];
        const cDow = cl.dayOfWeek();
        let daysToAdd = 0;
        if (cDow < dow) daysToAdd = dow - cDow;
        else if (cDow > dow) daysToAdd = dow + (7 - cDow);
        const dayShifted = daysToAdd > 0;
        day += daysToAdd;
        let weekOfMonth = Math.floor(day / 7);
        if (day % 7 > 0) weekOfMonth++;
        daysToAdd = (q.nthDayOfWeek - weekOfMonth) * 7;
        day += daysToAdd;
        if (daysToAdd < 0 || day > lDay) {
          cl.set('second', 0);
          cl.set('minute', 0);
          cl.set('hour', 0);
          cl.set('day', 1);
          cl.set('month', mon + 1);
          continue;
        } else if (daysToAdd > 0 || dayShifted) {
          cl.set('second', 0);
          cl.set('minute', 0);
          cl.set('hour', 0);
          cl.set('day', day);
          cl.set('month', mon);
          continue;
        }
      } else {
        const cDow = cl.dayOfWeek();
        let dow = q.daysOfWeek[0];
        const next = tailFirst(q.daysOfWeek, cDow);
        if (next !== undefined) dow = next;
        let daysToAdd = 0;
        if (cDow < dow) daysToAdd = dow - cDow;
        if (cDow > dow) daysToAdd = dow + (7 - cDow);
        if (day + daysToAdd > lDay) {
          cl.set('second', 0);
          cl.set('minute', 0);
          cl.set('hour', 0);
          cl.set('day', 1);
          cl.set('month', mon + 1);
          continue;
        } else if (daysToAdd > 0) {
          cl.set('second', 0);
          cl.set('minute', 0);
          cl.set('hour', 0);
          cl.set('day', day + daysToAdd);
          cl.set('month', mon);
          continue;
        }
      }
    } else {
      return null;
    }
    cl.set('day', day);

    mon = cl.get('month');
    let year = cl.get('year');
    t = -1;
    if (year > q.maxYear) return null;
    st = tailFirst(q.months, mon);
    if (st !== undefined) {
      t = mon;
      mon = st;
    } else {
      mon = q.months[0];
      year++;
    }
    if (mon !== t) {
      cl.set('second', 0);
      cl.set('minute', 0);
      cl.set('hour', 0);
      cl.set('day', 1);
      cl.set('month', mon);
      cl.set('year', year);
      continue;
    }
    cl.set('month', mon);

    year = cl.get('year');
    st = tailFirst(q.years, year);
    if (st !== undefined) {
      t = year;
      year = st;
    } else {
      return null;
    }
    if (year !== t) {
      cl.set('second', 0);
      cl.set('minute', 0);
      cl.set('hour', 0);
      cl.set('day', 1);
      cl.set('month', 1);
      cl.set('year', year);
      continue;
    }
    cl.set('year', year);
    return cl.time();
  }
  return null;
}
