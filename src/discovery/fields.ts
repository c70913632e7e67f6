// The fields of ZenML's Schedule (zenml.config.schedule.Schedule).

export const SCHEDULE_FIELDS = [
  'name',
  'cron_expression',
  'start_time',
  'end_time',
  'interval_second',
  'catchup',
  'run_once_start_time',
] as const;

export type ScheduleFieldName = (typeof SCHEDULE_FIELDS)[number];

/** Schedule fields holding a datetime: an ISO string there is read as a timestamp. */
export const DATETIME_FIELDS = ['start_time', 'end_time', 'run_once_start_time'] as const satisfies readonly ScheduleFieldName[];

const DATETIME_FIELD_SET: ReadonlySet<string> = new Set(DATETIME_FIELDS);

export function isDatetimeField(name: string): boolean {
  return DATETIME_FIELD_SET.has(name);
}

const FIELD_SET: ReadonlySet<string> = new Set(SCHEDULE_FIELDS);

export function isScheduleField(name: string): name is ScheduleFieldName {
  return FIELD_SET.has(name);
}

/** The Schedule field a misspelt name most likely means (edit distance at most 2, or a plural / prefix slip), or null. */
export function closestScheduleField(name: string): ScheduleFieldName | null {
  let best: ScheduleFieldName | null = null;
  let bestDistance = Infinity;
  const lower = name.toLowerCase();
  for (const field of SCHEDULE_FIELDS) {
    const distance = editDistance(lower, field);
    if (distance < bestDistance) {
      best = field;
      bestDistance = distance;
    }
  }
  const limit = Math.max(2, Math.floor(name.length / 4));
  return best !== null && bestDistance <= limit ? best : null;
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}
