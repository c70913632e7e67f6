// One row for a live orchestrator schedule and the ZenML record it came from (issue 11).
// Given the loaded groups of every connection, an orchestrator's row that ZenML made
// (`match.madeByZenml`) takes the record's id as `zenmlId`, matched by the native name ZenML
// stored in the record's run metadata (Kubernetes' `cron_job_name`: "run metadata"), else by
// ZenML's naming rules (same pipeline, same orchestrator flavor and the same expression, one
// candidate only: "matched by name"). The record is then listed once, under the orchestrator's
// connection where the schedule fires; the ZenML group hides it and says how many it shows
// elsewhere. Also: which path carries out a change on a merged row (contracts.md "Connections").
// Pure: no vscode, no I/O except through the adapters handed in.

import type { CallOptions, ChangeReport, LiveSchedule, Result, ScheduleAdapter } from '../adapters/types';
import { capabilityOf } from '../common/flavors';
import type { LiveGroup, LiveRow } from './liveModel';

export const MATCHED_BY_METADATA = 'run metadata';
export const MATCHED_BY_NAME = 'matched by name';

export interface MergedRecord {
  /** The ZenML connection and record id. */
  zenmlSource: string;
  zenmlId: string;
  recordName: string;
  /** The orchestrator connection and row key it is shown under. */
  source: string;
  key: string;
  matchedBy: string;
}

export interface MergeResult {
  groups: LiveGroup[];
  merged: MergedRecord[];
  /** Per ZenML connection: how many of its records are shown under which orchestrator connections (for the group's note). */
  notes: Map<string, string>;
}

const isZenml = (g: LiveGroup) => g.type === 'zenml';

/** Whether a record can be the one behind an orchestrator's schedule. */
function candidate(record: LiveSchedule, orchestratorType: string): boolean {
  return record.state !== 'archived' && (record.orchestrator === null || record.orchestrator === orchestratorType);
}

/** The ZenML record behind one orchestrator schedule, and how it was found; null when none or ambiguous. */
export function findRecord(schedule: LiveSchedule, orchestratorType: string, records: readonly LiveSchedule[], taken: ReadonlySet<string> = new Set()): { record: LiveSchedule; matchedBy: string } | null {
  if (!schedule.match?.madeByZenml) return null;
  const free = records.filter((r) => !taken.has(r.id) && candidate(r, orchestratorType));
  const native = schedule.match.nativeName ?? schedule.id;
  const byMetadata = free.filter((r) => r.match?.nativeName === native);
  if (byMetadata.length === 1) return { record: byMetadata[0], matchedBy: MATCHED_BY_METADATA };
  // ZenML's naming rules: the native name carries the pipeline; the record carries the same trigger.
  // A record that names another native object is not this one's.
  const pipeline = schedule.match.pipeline ?? schedule.pipeline;
  if (!pipeline) return null;
  const byName = free.filter(
    (r) => !r.match?.nativeName && r.orchestrator === orchestratorType && r.pipeline === pipeline && !!r.expression && r.expression.trim() === (schedule.expression ?? '').trim(),
  );
  return byName.length === 1 ? { record: byName[0], matchedBy: MATCHED_BY_NAME } : null;
}

/** A merged orchestrator schedule: the record's id, how it matched, its words in details and a warning when they disagree. */
export function mergedSchedule(schedule: LiveSchedule, record: LiveSchedule, zenmlSource: string, matchedBy: string): LiveSchedule {
  const warnings = [...schedule.warnings];
  const recordActive = record.state === 'active';
  if (schedule.state === 'active' && !recordActive) warnings.push(`ZenML's record '${record.name}' says ${record.state} while it still fires here.`);
  if (schedule.state === 'paused' && recordActive) warnings.push(`ZenML's record '${record.name}' still says active while it is paused here.`);
  if (record.expression && schedule.expression && record.expression.trim() !== schedule.expression.trim()) {
    warnings.push(`ZenML's record says '${record.expression}', the orchestrator fires '${schedule.expression}'.`);
  }
  return {
    ...schedule,
    zenmlId: record.id,
    matchedBy,
    details: { ...schedule.details, 'ZenML record': `${record.name} (${record.id}) on ${zenmlSource}, ${matchedBy}` },
    warnings,
  };
}

/**
 * Merge the groups of every connection: an orchestrator's ZenML-made row gets its record; each merged
 * record is left out of its ZenML group (listed once, where it fires). Groups that failed to load are
 * kept as they are (a record whose orchestrator could not be read stays in the ZenML group).
 */
export function mergeLiveGroups(groups: readonly LiveGroup[]): MergeResult {
  const zenmlGroups = groups.filter((g) => isZenml(g) && !g.error);
  const records = zenmlGroups.flatMap((g) => g.rows.map((row) => ({ source: g.source, row })));
  const taken = new Set<string>();
  const merged: MergedRecord[] = [];
  const out = groups.map((g) => {
    if (isZenml(g) || g.error || records.length === 0) return g;
    const rows = g.rows.map((row): LiveRow => {
      const found = findRecord(
        row.schedule,
        g.type,
        records.map((r) => r.row.schedule),
        taken,
      );
      if (!found) return row;
      const origin = records.find((r) => r.row.schedule === found.record)!;
      taken.add(found.record.id);
      merged.push({ zenmlSource: origin.source, zenmlId: found.record.id, recordName: found.record.name, source: g.source, key: row.key, matchedBy: found.matchedBy });
      return { ...row, schedule: mergedSchedule(row.schedule, found.record, origin.source, found.matchedBy), runs: row.runs.length ? row.runs : origin.row.runs };
    });
    return { ...g, rows };
  });
  const notes = new Map<string, string>();
  const final = out.map((g) => {
    if (!isZenml(g) || g.error) return g;
    const away = merged.filter((m) => m.zenmlSource === g.source);
    if (!away.length) return g;
    const where = [...new Set(away.map((m) => m.source))].join(', ');
    notes.set(g.source, `${away.length} schedule${away.length === 1 ? ' is' : 's are'} shown under ${where}, where ${away.length === 1 ? 'it fires' : 'they fire'}`);
    const ids = new Set(away.map((m) => m.zenmlId));
    return { ...g, rows: g.rows.filter((r) => !ids.has(r.schedule.id)) };
  });
  return { groups: final, merged, notes };
}

/** What a ZenML connection can do beyond the interface, for records (ZenmlServerAdapter). */
interface RecordKeeper extends ScheduleAdapter {
  hasClientBridge?: boolean;
  setRecordActive?(id: string, active: boolean, options?: CallOptions): Promise<Result<ChangeReport>>;
}

export type LiveAction = { action: 'pause' } | { action: 'resume'; catchUp?: boolean } | { action: 'update'; expression: string } | { action: 'delete'; purge?: boolean };

/** Who carries out a change on a row (contracts.md "Connections"), in words for the confirmation. */
export function changeRoute(schedule: LiveSchedule, adapter: ScheduleAdapter, zenml: RecordKeeper | null): { via: 'zenml-client' | 'orchestrator'; alsoRecord: boolean; words: string } {
  // ZenML's client changes only what ZenML manages itself (Kubernetes CronJobs); on the others it would refuse.
  const managed = capabilityOf(schedule.orchestrator ?? adapter.type)?.managedByZenml === true;
  if (adapter.type !== 'zenml' && schedule.zenmlId && zenml?.hasClientBridge && managed) {
    return { via: 'zenml-client', alsoRecord: false, words: `ZenML's client on ${zenml.name} changes it (the orchestrator first, then the record)` };
  }
  const alsoRecord = adapter.type !== 'zenml' && !!schedule.zenmlId && !!zenml?.setRecordActive;
  return { via: 'orchestrator', alsoRecord, words: `${adapter.name} changes it${alsoRecord ? `, then ZenML's record on ${zenml!.name} is set to match` : ''}` };
}

async function run(adapter: ScheduleAdapter, id: string, a: LiveAction, options: CallOptions): Promise<Result<ChangeReport>> {
  switch (a.action) {
    case 'pause':
      return adapter.pause(id, options);
    case 'resume':
      return adapter.resume(id, a.catchUp === undefined ? options : { ...options, catchUp: a.catchUp });
    case 'update':
      return adapter.update(id, { expression: a.expression }, options);
    case 'delete':
      return adapter.delete(id, { ...options, purge: a.purge });
  }
}

/**
 * Carry out a change on a (possibly merged) row: through ZenML's own client when the record exists and
 * a ZenML connection with an interpreter is there (then the orchestrator row is read back too), else
 * through the orchestrator's adapter, then (pause/resume) `PUT active` on the record so that ZenML's
 * dashboard agrees. The report lists every place that changed, and every place that did not.
 */
export async function changeLive(schedule: LiveSchedule, adapter: ScheduleAdapter, zenml: RecordKeeper | null, a: LiveAction, options: CallOptions = {}): Promise<Result<ChangeReport>> {
  const route = changeRoute(schedule, adapter, zenml);
  if (route.via === 'zenml-client') {
    const done = await run(zenml!, schedule.zenmlId!, a, options);
    if (!done.ok) return done;
    // Read back where it fires, through the orchestrator's own connection.
    const after = await adapter.get(schedule.id, options);
    if (a.action === 'delete') {
      if (after.ok) done.value.unchanged.push({ where: `${adapter.name}: ${schedule.name}`, why: 'still listed by the orchestrator when read back' });
      return ok({ ...done.value, after: undefined });
    }
    if (!after.ok) return ok({ ...done.value, unchanged: [...done.value.unchanged, { where: `${adapter.name}: ${schedule.name}`, why: `could not be read back: ${after.error.message}` }] });
    return ok({ ...done.value, after: { ...after.value, zenmlId: schedule.zenmlId, matchedBy: schedule.matchedBy } });
  }
  const done = await run(adapter, schedule.id, a, options);
  if (!done.ok || !route.alsoRecord || (a.action !== 'pause' && a.action !== 'resume') || done.value.changed.length === 0) return done;
  const record = await zenml!.setRecordActive!(schedule.zenmlId!, a.action === 'resume', options);
  const report: ChangeReport = { ...done.value, changed: [...done.value.changed], unchanged: [...done.value.unchanged] };
  if (record.ok) {
    report.changed.push(...record.value.changed);
    report.unchanged.push(...record.value.unchanged.filter((u) => !/^already /.test(u.why)));
  } else report.unchanged.push({ where: `ZenML record ${schedule.zenmlId} on ${zenml!.name}`, why: record.error.message });
  if (report.after) report.after = { ...report.after, zenmlId: schedule.zenmlId, matchedBy: schedule.matchedBy };
  return ok(report);
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
