// Interval schedules (`interval_second`): words, the equivalent cron when one
// exists exactly, and the runs after a start time.

function unit(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "every 30 minutes", "every 1 hour 30 minutes", "every day", "every 2 weeks". */
export function describeInterval(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return 'never (the interval must be a positive number of seconds)';
  const total = Math.round(seconds);
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
    if (t > f) out.push(new Date(t));
    k++;
  }
  return out;
}
