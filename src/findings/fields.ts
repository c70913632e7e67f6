// "Did you mean" for misspelt Schedule fields.

import { SCHEDULE_FIELDS, type ScheduleFieldName } from '../discovery/fields';

// The field list lives with discovery (one source of truth); re-exported for the rules.
export { DATETIME_FIELDS, SCHEDULE_FIELDS, isScheduleField, type ScheduleFieldName } from '../discovery/fields';

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[rows - 1][cols - 1];
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

/**
 * The Schedule field a misspelt name most likely meant, or null when none is close.
 * Close = a small edit distance (ignoring case, `_` and `-`), or a clear abbreviation
 * (`cron` for `cron_expression`, `interval` for `interval_second`).
 */
export function suggestField(name: string): ScheduleFieldName | null {
  const wanted = normalise(name);
  if (wanted.length === 0) return null;
  let best: ScheduleFieldName | null = null;
  let bestDistance = Infinity;
  for (const field of SCHEDULE_FIELDS) {
    const distance = editDistance(wanted, normalise(field));
    if (distance < bestDistance) {
      best = field;
      bestDistance = distance;
    }
  }
  // Short names need a closer match, or `time` would suggest `name`.
  const tolerance = wanted.length <= 4 ? 1 : Math.max(2, Math.floor(wanted.length / 3));
  if (best && bestDistance <= tolerance) return best;
  // Abbreviations: a unique field that starts with what was written.
  if (wanted.length >= 3) {
    const prefixed = SCHEDULE_FIELDS.filter((f) => normalise(f).startsWith(wanted));
    if (prefixed.length === 1) return prefixed[0];
  }
  return null;
}
