// ISO-8601 timestamps as pydantic reads them for a datetime field.

export interface Timestamp {
  /** Aware: the UTC instant, `2026-01-01T06:00:00Z`; naive: the wall time, `2026-01-01T08:00:00`. */
  iso: string;
  /** Has an offset or Z. */
  aware: boolean;
  /** The instant (aware) or the wall time read as if it were UTC (naive), in milliseconds. */
  epochMs: number;
}

const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export function parseIsoTimestamp(value: string): Timestamp | null {
  const match = ISO_TIMESTAMP.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const millis = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  // Not Date.UTC: it reads the years 0-99 as 1900-1999, and Python's datetime takes 0050-01-01.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  const wall = date.getTime();
  const check = new Date(wall);
  // Dates roll 2026-02-30 over to March: reject what Python would reject (its years start at 1).
  if (
    Number.isNaN(wall) ||
    year < 1 ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  if (!zone) {
    return { iso: formatIso(wall, false), aware: false, epochMs: wall };
  }
  const offsetMinutes = zone === 'Z' || zone === 'z' ? 0 : zoneMinutes(zone);
  if (offsetMinutes === null) return null;
  const instant = wall - offsetMinutes * 60000;
  return { iso: formatIso(instant, true), aware: true, epochMs: instant };
}

function zoneMinutes(zone: string): number | null {
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

/** `2026-01-01T06:00:00Z` (aware) or `2026-01-01T08:00:00` (naive wall time); milliseconds only when not zero. */
export function formatIso(epochMs: number, aware: boolean): string {
  const iso = new Date(epochMs).toISOString();
  const trimmed = iso.endsWith('.000Z') ? iso.slice(0, -5) : iso.slice(0, -1);
  return aware ? `${trimmed}Z` : trimmed;
}
