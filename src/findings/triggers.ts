// What a discovered Schedule sets, read the way ZenML's validator reads it:
// a field counts when its value is truthy (`cron_expression=""`, `interval_second=0`
// and `None` do not count). Values that cannot be known statically stay unknown.

import type { DiscoveredSchedule, FieldValue, ScheduleField } from '../discovery/types';
import type { ScheduleKind } from '../common/flavors';
import type { ScheduleFieldName } from './fields';

/** Three-valued: definitely set, definitely not set, or cannot be known. */
export type Presence = 'set' | 'unset' | 'unknown';

/** The first field with that name (Python rejects repeated keywords, YAML duplicate keys). */
export function findField(schedule: DiscoveredSchedule, name: ScheduleFieldName): ScheduleField | undefined {
  return schedule.fields.find((f) => f.name === name);
}

export function presenceOfValue(value: FieldValue | undefined): Presence {
  if (!value) return 'unset';
  switch (value.kind) {
    case 'none':
      return 'unset';
    case 'unknown':
      return 'unknown';
    case 'string':
      return value.value.length > 0 ? 'set' : 'unset';
    case 'number':
      return value.value !== 0 ? 'set' : 'unset';
    case 'bool':
      return value.value ? 'set' : 'unset';
    case 'datetime':
      return 'set';
  }
}

/** Positional or `**` arguments may set any field that is not written as a keyword. */
export function presence(schedule: DiscoveredSchedule, name: ScheduleFieldName): Presence {
  const field = findField(schedule, name);
  if (!field && schedule.hasOpaqueArguments) return 'unknown';
  return presenceOfValue(field?.value);
}

function and(a: Presence, b: Presence): Presence {
  if (a === 'unset' || b === 'unset') return 'unset';
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return 'set';
}

function or(...values: Presence[]): Presence {
  if (values.includes('set')) return 'set';
  if (values.includes('unknown')) return 'unknown';
  return 'unset';
}

export interface TriggerState {
  cron: Presence;
  /** start_time and interval_second both set. */
  periodic: Presence;
  interval: Presence;
  runOnce: Presence;
  /** Whether the Schedule has any trigger at all. */
  any: Presence;
}

export function triggerState(schedule: DiscoveredSchedule): TriggerState {
  const cron = presence(schedule, 'cron_expression');
  const interval = presence(schedule, 'interval_second');
  const periodic = and(presence(schedule, 'start_time'), interval);
  const runOnce = presence(schedule, 'run_once_start_time');
  const any = or(cron, periodic, runOnce);
  return { cron, periodic, interval, runOnce, any };
}

/**
 * The kind of schedule ZenML will create: the cron expression wins, then start time +
 * interval, then the run-once time. Null when it cannot be known or nothing is set.
 */
export function effectiveKind(state: TriggerState): ScheduleKind | null {
  if (state.cron === 'set') return 'cron';
  if (state.cron === 'unknown') return null;
  if (state.periodic === 'set') return 'interval';
  if (state.periodic === 'unknown') return null;
  if (state.runOnce === 'set') return 'once';
  return null;
}

/**
 * The only kind ZenML can create when run-time values leave the effective kind open without widening it:
 * `Schedule(start_time=datetime.now(), interval_second=every)` with no cron and no run-once time becomes an
 * interval schedule, or ZenML raises for want of a trigger; either way it is not a cron schedule. Null when
 * more than one kind stays possible (`cron_expression=CRON, interval_second=60, ...`) or none is.
 */
export function onlyPossibleKind(state: TriggerState): ScheduleKind | null {
  const possible: ScheduleKind[] = [];
  if (state.cron !== 'unset') possible.push('cron');
  if (state.periodic !== 'unset') possible.push('interval');
  if (state.runOnce !== 'unset') possible.push('once');
  return possible.length === 1 ? possible[0] : null;
}
