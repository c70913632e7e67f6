// Next runs of a field-based schedule, for dialects whose scheduler matches
// wall-clock times: enumerate matching local times and map them to instants
// through the zone's periods of constant offset, with a per-dialect rule for
// the local times a DST change skips (gap) or repeats (overlap).

import type { FieldSpec } from './fields';
import { type ZoneRules, civilFromSeconds, daysInMonth, localSeconds, weekdayOf } from './zone';

export interface DstPolicy {
  /** A wall time that does not exist: skip it, or run at the instant of the change (Vixie cron: 02:30 -> 03:00). */
  gap: 'skip' | 'atChange';
  /** A wall time that happens twice: run at the first, the second, or both. */
  overlap: 'first' | 'second' | 'both';
}

/** Smallest value >= x in the set, or -1. Small arrays: a scan is fastest. */
function nextIn(bits: Uint8Array, x: number): number {
  for (let i = x; i < bits.length; i++) if (bits[i] === 1) return i;
  return -1;
}

function nearestWeekdayDay(y: number, m: number, target: number): number {
  const dim = daysInMonth(y, m);
  const day = Math.min(target, dim);
  const wd = weekdayOf(y, m, day);
  if (wd === 6) return day === 1 ? 3 : day - 1; // Saturday: Friday, or Monday the 3rd
  if (wd === 0) return day === dim ? day - 2 : day + 1; // Sunday: Monday, or Friday before
  return day;
}

/**
 * Quartz's `nW`: the weekday nearest to day n, without leaving the month. For
 * an n past the month's end Quartz looks at the weekday of the date it rolls
 * over to (31W in a 30-day month: 1st of next month); only a Saturday there
 * brings it back into the month (to the 30th). -1 when there is no such day.
 */
function quartzNearestWeekday(y: number, m: number, n: number, dim: number): number {
  const wd = (weekdayOf(y, m, 1) + n - 1) % 7;
  let day = n;
  if (wd === 6) day = n === 1 ? n + 2 : n - 1;
  else if (wd === 0) day = n === dim ? n - 2 : n + 1;
  return day <= dim ? day : -1;
}

export function dayMatches(spec: FieldSpec, y: number, m: number, d: number): boolean {
  const dim = daysInMonth(y, m);
  const wd = weekdayOf(y, m, d);
  let domMatch = spec.dom[d] === 1;
  if (!domMatch && spec.lastDay) {
    const target = dim - spec.lastDayOffset;
    domMatch = spec.lastWeekday ? d === nearestWeekdayDay(y, m, Math.max(target, 1)) : d === target;
  }
  if (!domMatch && spec.nearestWeekday > 0) domMatch = d === quartzNearestWeekday(y, m, spec.nearestWeekday, dim);
  let dowMatch = spec.dow[wd] === 1;
  if (!dowMatch && spec.dowLast[wd] === 1) dowMatch = d + 7 > dim;
  if (!dowMatch) for (const { dow, n } of spec.dowNth) if (dow === wd && Math.ceil(d / 7) === n) dowMatch = true;
  if (spec.dayOr) return domMatch || dowMatch;
  return domMatch && dowMatch;
}

/** A local wall time being walked forward field by field (month 1-12). */
interface Cursor {
  y: number;
  m: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

// Each moves to the start of the next year / month / day / hour / minute,
// carrying into the larger fields and zeroing the smaller ones.
function toNextYear(c: Cursor): void {
  c.y++;
  c.m = 1;
  c.d = 1;
  c.h = c.mi = c.s = 0;
}

function toNextMonth(c: Cursor): void {
  if (c.m >= 12) return toNextYear(c);
  c.m++;
  c.d = 1;
  c.h = c.mi = c.s = 0;
}

function toNextDay(c: Cursor): void {
  if (c.d >= daysInMonth(c.y, c.m)) return toNextMonth(c);
  c.d++;
  c.h = c.mi = c.s = 0;
}

function toNextHour(c: Cursor): void {
  if (c.h >= 23) return toNextDay(c);
  c.h++;
  c.mi = c.s = 0;
}

function toNextMinute(c: Cursor): void {
  if (c.mi >= 59) return toNextHour(c);
  c.mi++;
  c.s = 0;
}

/** The first local time (local seconds) >= `local` that matches, or null past `lastYear`. */
export function nextLocalMatch(spec: FieldSpec, local: number, lastYear: number): number | null {
  const civil = civilFromSeconds(local);
  const c: Cursor = { y: civil.year, m: civil.month, d: civil.day, h: civil.hour, mi: civil.minute, s: civil.second };
  for (let guard = 0; guard < 200_000; guard++) {
    if (c.y > lastYear) return null;
    if (spec.years && (c.y < 1970 || c.y - 1970 >= spec.years.length || spec.years[c.y - 1970] !== 1)) {
      toNextYear(c);
      continue;
    }
    if (spec.months[c.m] !== 1) {
      toNextMonth(c);
      continue;
    }
    if (c.d > daysInMonth(c.y, c.m) || !dayMatches(spec, c.y, c.m, c.d)) {
      toNextDay(c);
      continue;
    }
    const hh = nextIn(spec.hours, c.h);
    if (hh < 0) {
      toNextDay(c);
      continue;
    }
    if (hh !== c.h) {
      c.h = hh;
      c.mi = c.s = 0;
    }
    const mm = nextIn(spec.minutes, c.mi);
    if (mm < 0) {
      toNextHour(c);
      continue;
    }
    if (mm !== c.mi) {
      c.mi = mm;
      c.s = 0;
    }
    const ss = nextIn(spec.seconds, c.s);
    if (ss < 0) {
      toNextMinute(c);
      continue;
    }
    return localSeconds(c.y, c.m, c.d, c.h, c.mi, ss);
  }
  return null;
}

/**
 * Up to `count` instants (UTC seconds) strictly after `from`, in order.
 * `lastYear` bounds the search (local calendar year).
 */
export function walkRuns(spec: FieldSpec, rules: ZoneRules, from: number, count: number, policy: DstPolicy, lastYear: number): number[] {
  const out: number[] = [];
  if (count <= 0) return out;
  // Start in the period holding `from` itself: when `from` is the last second before a change,
  // the times that change skips run at its instant (after `from`), found at the end of this period.
  let u = from;
  const seen = new Set<number>();
  let pendingGap: number[] = [];
  const emit = (x: number): boolean => {
    if (x <= from || seen.has(x)) return out.length >= count;
    seen.add(x);
    out.push(x);
    return out.length >= count;
  };
  for (let periods = 0; periods < 1000; periods++) {
    const offset = rules.offsetAt(u);
    const prev = rules.previousTransition(u);
    const next = rules.nextTransition(u, 1);
    const periodEnd = next ? next.at : Number.POSITIVE_INFINITY;
    let local = u + offset;
    // Wall times this period shares with the previous one / the next one (an overlap).
    const sharedBefore = prev && prev.after < prev.before ? [prev.at + prev.after, prev.at + prev.before] : null;
    const sharedAfter = next && next.after < next.before ? [next.at + next.after, next.at + next.before] : null;
    let done = false;
    for (;;) {
      const match = nextLocalMatch(spec, local, lastYear);
      if (match === null) {
        done = true;
        break;
      }
      const instant = match - offset;
      if (instant >= periodEnd) break;
      local = match + 1;
      if (policy.overlap === 'first' && sharedBefore && match >= sharedBefore[0] && match < sharedBefore[1]) continue;
      if (policy.overlap === 'second' && sharedAfter && match >= sharedAfter[0] && match < sharedAfter[1]) continue;
      while (pendingGap.length > 0 && pendingGap[0] < instant) if (emit(pendingGap.shift() as number)) return out;
      if (emit(instant)) return out;
    }
    for (const g of pendingGap) if (emit(g)) return out;
    pendingGap = [];
    if (done || !next) return out;
    if (policy.gap === 'atChange' && next.after > next.before) {
      // Wall times in [at+before, at+after) do not exist; they all run at the change.
      let l = next.at + next.before;
      const end = next.at + next.after;
      while (pendingGap.length < count) {
        const match = nextLocalMatch(spec, l, lastYear);
        if (match === null || match >= end) break;
        pendingGap.push(next.at);
        l = match + 1;
      }
    }
    u = next.at;
  }
  return out;
}
