// Interval schedules (`interval_second`): words, the equivalent cron when one
// exists exactly, and the runs after a start time.

function unit(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A fractional number of seconds as written, without float noise (0.001, 1.5, 2.25). */
function formatSeconds(seconds: number): string {
  return String(Number(seconds.toPrecision(12)));
}

/**
 * `seconds - whole` with no more decimals than `seconds` is written with: the subtraction carries the
 * float error of the whole number (172860.1 - 172860 is 0.100000000005821), which toPrecision keeps.
 */
function formatRemainder(seconds: number, whole: number): string {
  const written = String(seconds);
  if (/e/i.test(written)) return formatSeconds(seconds - whole);
  const decimals = (written.split('.')[1] ?? '').length;
  return String(Number((seconds - whole).toFixed(Math.min(decimals, 100))));
}

/**
 * "every 30 minutes", "every 1 hour 30 minutes", "every day", "every 2 weeks"; fractional and sub-second
 * intervals as they are ("every 0.001 seconds", "every 1 minute 30.5 seconds").
 */
export function describeInterval(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return 'never (the interval must be a positive number of seconds)';
  if (!Number.isInteger(seconds)) {
    const whole = Math.floor(seconds / 60) * 60;
    const larger: Array<[number, string]> = [
      [Math.floor(whole / 86400), 'day'],
      [Math.floor((whole % 86400) / 3600), 'hour'],
      [Math.floor((whole % 3600) / 60), 'minute'],
    ];
    const words = larger.filter(([n]) => n > 0).map(([n, w]) => unit(n, w));
    return `every ${[...words, `${formatRemainder(seconds, whole)} seconds`].join(' ')}`;
  }
  const total = seconds;
  if (total % 604800 === 0) {
    const w = total / 604800;
    return w === 1 ? 'every week' : `every ${w} weeks`;
  }
  const parts: Array<[number, string]> = [
    [Math.floor(total / 86400), 'day'],
    [Math.floor((total % 86400) / 3600), 'hour'],
    [Math.floor((total % 3600) / 60), 'minute'],
    [total % 60, 'second'],
  ];
  const used = parts.filter(([n]) => n > 0);
  if (used.length === 1 && used[0][0] === 1) return `every ${used[0][1]}`;
  return 'every ' + used.map(([n, w]) => unit(n, w)).join(' ');
}

/** The 5-field cron with exactly the same runs (given an aligned start), or null when there is none. */
export function intervalToCron(seconds: number): string | null {
  if (!Number.isInteger(seconds) || seconds <= 0 || seconds % 60 !== 0) return null;
  const minutes = seconds / 60;
  if (minutes < 60) {
    if (60 % minutes !== 0) return null;
    return minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`;
  }
  if (minutes % 60 !== 0) return null;
  const hours = minutes / 60;
  if (hours < 24) {
    if (24 % hours !== 0) return null;
    return hours === 1 ? '0 * * * *' : `0 */${hours} * * *`;
  }
  return hours === 24 ? '0 0 * * *' : null;
}

/** Runs at start + k * interval, strictly after `from`, not after `end`. */
export function nextIntervalRuns(start: Date, intervalSeconds: number, from: Date, count: number, end?: Date): Date[] {
  const out: Date[] = [];
  const step = intervalSeconds * 1000;
  if (!(step > 0) || !Number.isFinite(step) || Number.isNaN(start.getTime()) || Number.isNaN(from.getTime())) return out;
  const s = start.getTime();
  const f = from.getTime();
  let k = f < s ? 0 : Math.floor((f - s) / step) + 1;
  while (out.length < count) {
    const t = s + k * step;
    if (end && t > end.getTime()) break;
    // A Date holds whole milliseconds: a run 0.5 ms after `from` must not come out as `from` itself.
    const ms = Math.round(t);
    if (ms > f) out.push(new Date(ms));
    k++;
  }
  return out;
}

/** A cron field firing at `offset`, `offset + step`, … up to `max`: `*`, `*\/n`, a short list, or `a-max/n`. */
function steppedField(offset: number, step: number, max: number): string {
  if (step === 1) return '*';
  if (offset === 0) return `*/${step}`;
  const values: number[] = [];
  for (let v = offset; v <= max; v += step) values.push(v);
  return values.length <= 4 ? values.join(',') : `${offset}-${max}/${step}`;
}

/**
 * The 5-field cron (read in UTC) that fires at exactly `start + k * interval`, or null when none does.
 * Unlike intervalToCron it keeps the start's phase: 2 h from 01:30 -> `30 1-23/2 * * *`,
 * 30 min from 09:10 -> `10,40 * * * *`, a day from 09:30 -> `30 9 * * *`, a week -> that weekday.
 */
export function intervalToCronFromStart(seconds: number, start: Date): string | null {
  if (Number.isNaN(start.getTime()) || start.getUTCSeconds() !== 0 || start.getUTCMilliseconds() !== 0) return null;
  if (!Number.isInteger(seconds) || seconds <= 0 || seconds % 60 !== 0) return null;
  const minutes = seconds / 60;
  const minute = start.getUTCMinutes();
  const hour = start.getUTCHours();
  if (minutes < 60) return 60 % minutes === 0 ? `${steppedField(minute % minutes, minutes, 59)} * * * *` : null;
  if (minutes % 60 !== 0) return null;
  const hours = minutes / 60;
  if (hours < 24) return 24 % hours === 0 ? `${minute} ${steppedField(hour % hours, hours, 23)} * * *` : null;
  if (hours === 24) return `${minute} ${hour} * * *`;
  if (hours === 24 * 7) return `${minute} ${hour} * * ${start.getUTCDay()}`;
  return null;
}
