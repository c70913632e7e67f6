// Guided recreate (issue 15 §2): change the schedule of a live row whose orchestrator (or ZenML) cannot
// update it in place, by ZenML's own four-step recipe (facts file §8-§10): stop it where it fires, delete
// it there where the API allows, archive ZenML's record, run the pipeline again with the new schedule
// through ZenML. Two separate calls: `planRecreate` is pure data (the steps, and a before/after diff of
// the schedule) and changes nothing; `executeRecreate` carries the plan out, one step at a time, through
// the shared adapters only, reads each change back, stops at the first failure and says what is done,
// what failed and why, and what is left to finish by hand. Nothing here branches on the orchestrator's
// type: only on what the adapters declare (operations, `deleteForRecreate`, `archiveRecord`).
// No vscode import.

import type { AdapterError } from '../adapters/errors';
import type { CallOptions, ChangeReport, LiveSchedule, Result, ScheduleAdapter } from '../adapters/types';
import type { Dialect } from '../common/flavors';
import { dialectOf, explainCron } from '../cron';
import type { CreateRunResult } from '../zenml/createRun';
import { pyString } from './createSchedule';

/** What an orchestrator adapter may add for recreate (declared by having the method). */
export interface RecreateOrchestrator extends ScheduleAdapter {
  /**
   * Recreate's orchestrator step where the plain `delete` is refused (it would not stop the schedule on
   * its own): remove the native object after it was paused, read back. `unchanged` entries name what
   * stays (and must be finished by hand).
   */
  deleteForRecreate?(id: string, options?: CallOptions): Promise<Result<ChangeReport>>;
  /** Words for the plan: what `deleteForRecreate` removes and what it leaves (pure, no I/O). */
  recreateDeleteWords?(schedule: LiveSchedule): { what: string; leaves: string | null };
}

/** What a ZenML connection offers for recreate: archive (soft delete) its record only. */
export interface RecordArchiver {
  readonly name: string;
  archiveRecord?(id: string, options?: CallOptions): Promise<Result<ChangeReport>>;
}

export type RecreateStepKind = 'pause' | 'delete' | 'archive' | 'rerun';

export interface RecreateStep {
  /** 1-based, in the order they run. */
  n: number;
  kind: RecreateStepKind;
  where: string;
  what: string;
  /** 'auto': this tool does it (after confirmation); 'manual': the user does it (it cannot be done from here). */
  mode: 'auto' | 'manual';
  /** For 'manual' steps, and for 'auto' steps that stop: how to do it by hand. */
  byHand: string;
  /** A caveat shown with the step (what stays behind, …). */
  note?: string;
}

export interface ScheduleSide {
  expression: string | null;
  description: string;
  nextRuns: Date[];
  timeZone: string;
  dialect: Dialect;
}

export interface RecreatePlan {
  source: string;
  scheduleId: string;
  name: string;
  pipeline: string | null;
  zenmlId: string | null;
  before: ScheduleSide;
  after: ScheduleSide;
  steps: RecreateStep[];
  /** The code change that makes the pipeline run with the new schedule (step "change the code"). */
  codeChange: string;
  /** The command that runs it again, when the file is known. */
  rerunCommand: string | null;
  warnings: string[];
}

export type RecreatePlanResult = { ok: true; plan: RecreatePlan } | { ok: false; code: 'invalid-cron' | 'same-schedule' | 'edit-in-file' | 'no-pipeline'; message: string };

export interface RerunTarget {
  /** The Python file that defines the pipeline (runs it through ZenML's helper), when known. */
  file?: string;
  /** The interpreter with ZenML that runs it. */
  python?: string;
  /** Why the re-run cannot be done here (untrusted folder, no file, …), when it cannot. */
  unavailable?: string;
}

export interface RecreatePlanInput {
  schedule: LiveSchedule;
  adapter: RecreateOrchestrator;
  /** The ZenML connection with the record (null when none is connected). */
  zenml: RecordArchiver | null;
  cron: string;
  now: Date;
  nextRuns?: number;
  rerun?: RerunTarget;
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function side(expression: string | null, dialect: Dialect, timeZone: string, now: Date, count: number, fallback: string): ScheduleSide {
  if (!expression) return { expression, description: fallback, nextRuns: [], timeZone, dialect };
  const e = explainCron(expression, { dialect, timeZone, from: now, count });
  return { expression, description: e.valid ? e.description : `not readable as a ${dialect} cron`, nextRuns: e.nextRuns, timeZone: e.timeZone, dialect };
}

/** The plan: pure, changes nothing. */
export function planRecreate(input: RecreatePlanInput): RecreatePlanResult {
  const { schedule, adapter, zenml } = input;
  const count = input.nextRuns ?? 5;
  // The schedule is written in a file the user changes (a GitHub workflow): the update edits that file instead.
  const fileEdit = schedule.changes?.fileEdit;
  if (fileEdit?.operations.includes('update')) return { ok: false, code: 'edit-in-file', message: `${schedule.name} is scheduled by ${fileEdit.path}: change the cron there (Change Cron Expression… edits the workspace copy); nothing needs recreating.` };
  const cron = input.cron.trim();
  const dialect = adapter.capabilities.dialect === 'standard' && schedule.orchestrator ? dialectOf(schedule.orchestrator) : adapter.capabilities.dialect;
  const zone = schedule.timeZone ?? 'UTC';
  const checked = explainCron(cron, { dialect, timeZone: zone, from: input.now, count });
  if (!checked.valid) return { ok: false, code: 'invalid-cron', message: `'${cron}' is not a valid ${dialect} cron expression: ${checked.error?.message ?? 'unreadable'}.` };
  if (schedule.expression && schedule.expression.trim() === cron) return { ok: false, code: 'same-schedule', message: `${schedule.name} already runs on '${cron}': nothing to recreate.` };
  const pipeline = schedule.pipeline ?? schedule.match?.pipeline ?? null;
  if (!pipeline) return { ok: false, code: 'no-pipeline', message: `${schedule.name} does not say which pipeline it runs, so it cannot be run again with a new schedule.` };

  const before = side(schedule.expression, dialect, zone, input.now, count, schedule.intervalSeconds ? `every ${schedule.intervalSeconds} s` : 'no cron');
  const after = side(cron, dialect, zone, input.now, count, '');
  const warnings = checked.warnings.map((w) => w.message);

  const steps: RecreateStep[] = [];
  const add = (s: Omit<RecreateStep, 'n'>) => steps.push({ ...s, n: steps.length + 1 });
  const ops = schedule.changes?.operations ?? adapter.capabilities.operations;
  // The row is a ZenML record (its orchestrator is not connected): the orchestrator steps are for the user.
  const recordOnly = typeof (adapter as unknown as RecordArchiver).archiveRecord === 'function';
  const where = recordOnly ? `${schedule.orchestrator ?? 'its orchestrator'} (not connected)` : `${adapter.name}`;
  const native = schedule.match?.nativeName ?? schedule.id;
  if (schedule.zenmlId === null && !recordOnly) warnings.push(`No ZenML record was matched to ${schedule.name}: only the orchestrator's side is changed before the re-run.`);

  if (!recordOnly && ops.includes('pause')) {
    add({
      kind: 'pause',
      where,
      what: schedule.state === 'paused' ? `${native} is paused already: checked again, so that nothing fires while it is replaced` : `pause ${native}, so that nothing fires while it is replaced (read back)`,
      mode: 'auto',
      byHand: `pause ${native} on ${adapter.name}`,
    });
  } else {
    add({ kind: 'pause', where, what: `pause ${native}`, mode: 'manual', byHand: `pause ${native} in ${schedule.orchestrator ?? 'the orchestrator'}'s own console or CLI` });
  }

  if (!recordOnly && adapter.deleteForRecreate) {
    const words = adapter.recreateDeleteWords?.(schedule) ?? { what: `delete ${native} (read back: gone)`, leaves: null };
    add({ kind: 'delete', where, what: words.what, mode: 'auto', byHand: `delete ${native} on ${adapter.name}`, ...(words.leaves ? { note: words.leaves } : {}) });
  } else if (!recordOnly && ops.includes('delete')) {
    add({ kind: 'delete', where, what: `delete ${native} (read back: gone)`, mode: 'auto', byHand: `delete ${native} on ${adapter.name}` });
  } else {
    add({ kind: 'delete', where, what: `delete ${native}`, mode: 'manual', byHand: `delete ${native} in ${schedule.orchestrator ?? 'the orchestrator'}'s own console or CLI (ZenML cannot delete it there)` });
  }

  const recordId = recordOnly ? schedule.id : schedule.zenmlId;
  const recordHolder = recordOnly ? (adapter as unknown as RecordArchiver) : zenml;
  if (recordId && recordHolder?.archiveRecord) {
    add({ kind: 'archive', where: `ZenML on ${recordHolder.name}`, what: `archive the record ${recordOnly ? schedule.name : recordId} (ZenML's soft delete; read back: is_archived)`, mode: 'auto', byHand: `zenml pipeline schedule delete ${recordId}` });
  } else if (recordId) {
    add({ kind: 'archive', where: 'ZenML', what: `archive the record ${recordId}`, mode: 'manual', byHand: `zenml pipeline schedule delete ${recordId} (connect the ZenML server to do it from here)` });
  }

  const code = `${pipeline}.with_options(schedule=Schedule(cron_expression=${pyString(cron)}))()`;
  const codeChange = `from zenml.config.schedule import Schedule\n${code}`;
  const file = input.rerun?.file;
  const rerunCommand = file ? `${input.rerun?.python ?? 'python'} ${file}` : null;
  const byHand = `change the code to ${code} and run it on the stack whose orchestrator is ${schedule.orchestrator ?? adapter.type}${rerunCommand ? ` (${rerunCommand})` : ''}`;
  if (file && input.rerun?.python && !input.rerun.unavailable) {
    add({
      kind: 'rerun',
      where: `ZenML (active stack, ${input.rerun.python})`,
      what: `run ${pipeline} from ${file} with Schedule(cron_expression=${pyString(cron)}) through ZenML; ZenML creates the new schedule on the orchestrator (read back from ZenML)`,
      mode: 'auto',
      byHand,
    });
  } else {
    add({ kind: 'rerun', where: 'your code', what: `run ${pipeline} again with Schedule(cron_expression=${pyString(cron)})`, mode: 'manual', byHand: `${byHand}${input.rerun?.unavailable ? ` — not done here: ${input.rerun.unavailable}` : ''}` });
  }

  return {
    ok: true,
    plan: {
      source: adapter.name,
      scheduleId: schedule.id,
      name: schedule.name,
      pipeline,
      zenmlId: recordId ?? null,
      before,
      after,
      steps,
      codeChange,
      rerunCommand,
      warnings,
    },
  };
}

/** The plan as text (terminal, modal detail): numbered steps, then the diff. */
export function planText(plan: RecreatePlan): string {
  const lines = [`Recreate ${plan.name} (${plan.source}) with a new schedule:`];
  for (const s of plan.steps) lines.push(`  ${s.n}. [${s.mode === 'auto' ? 'here' : 'by hand'}] ${s.where}: ${s.mode === 'auto' ? s.what : s.byHand}${s.note ? `\n     note: ${s.note}` : ''}`);
  lines.push('', ...diffLines(plan));
  for (const w of plan.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

/** The before/after diff, as unified-diff-like lines. */
export function diffLines(plan: RecreatePlan): string[] {
  const row = (label: string, a: string, b: string) => (a === b ? [`  ${label}: ${a}`] : [`- ${label}: ${a}`, `+ ${label}: ${b}`]);
  return [
    ...row('expression', plan.before.expression ?? '-', plan.after.expression ?? '-'),
    ...row('description', plan.before.description, plan.after.description),
    ...row('time zone', plan.before.timeZone, plan.after.timeZone),
    ...row('next runs', plan.before.nextRuns.map(iso).join(', ') || 'none', plan.after.nextRuns.map(iso).join(', ') || 'none'),
  ];
}

/** The full plan as a markdown document (the editor's read-only preview). */
export function planMarkdown(plan: RecreatePlan): string {
  const out = [`# Recreate ${plan.name}`, '', `Source: ${plan.source}; pipeline: ${plan.pipeline ?? '-'}${plan.zenmlId ? `; ZenML record: ${plan.zenmlId}` : ''}`, '', '## Steps', ''];
  for (const s of plan.steps) out.push(`${s.n}. **${s.mode === 'auto' ? 'Here' : 'By hand'}** — ${s.where}: ${s.mode === 'auto' ? s.what : s.byHand}${s.note ? `  \n   _Note: ${s.note}_` : ''}`);
  out.push('', '## Schedule', '', '```diff', ...diffLines(plan), '```', '', '## Code', '', '```python', plan.codeChange, '```');
  if (plan.warnings.length) out.push('', '## Warnings', '', ...plan.warnings.map((w) => `- ${w}`));
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- execution

export type StepStatus = 'done' | 'failed' | 'by-hand' | 'not-run';

export interface StepOutcome {
  n: number;
  kind: RecreateStepKind;
  status: StepStatus;
  changed: { where: string; what: string }[];
  unchanged: { where: string; why: string }[];
  /** Failed: why. */
  message?: string;
  /** Failed with an adapter's typed error (unreachable, unauthorized, …). */
  error?: AdapterError;
}

export interface RecreateResult {
  state: 'done' | 'partial' | 'failed';
  outcomes: StepOutcome[];
  /** What is left for the user, in order. */
  finishByHand: string[];
  /** "done: 1,2; failed: 3 because …; to finish by hand: …" */
  words: string;
  report: ChangeReport;
  /** The new schedule ZenML created, when the re-run ran. */
  created?: Extract<CreateRunResult, { ok: true }>['schedule'];
}

export interface RecreateDeps {
  adapter: RecreateOrchestrator;
  zenml: RecordArchiver | null;
  /** Runs the pipeline with the new schedule through ZenML (the editor's "create now" helper). */
  rerun?: (schedule: Record<string, unknown>, options: { signal?: AbortSignal }) => Promise<CreateRunResult>;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Called before each step starts and after it ends. */
  onProgress?: (step: RecreateStep, status: 'running' | StepStatus, outcome?: StepOutcome) => void;
}

const already = (why: string) => /^already /.test(why);

function fromResult(step: RecreateStep, r: Result<ChangeReport>): StepOutcome {
  if (!r.ok) return { n: step.n, kind: step.kind, status: 'failed', changed: [], unchanged: [], message: errorWords(r.error), error: r.error };
  const settled = r.value.changed.length > 0 || (r.value.unchanged.length > 0 && r.value.unchanged.every((u) => already(u.why)));
  if (!settled) {
    return { n: step.n, kind: step.kind, status: 'failed', changed: r.value.changed, unchanged: r.value.unchanged, message: r.value.unchanged.map((u) => `${u.where}: ${u.why}`).join('; ') || 'nothing changed' };
  }
  return { n: step.n, kind: step.kind, status: 'done', changed: r.value.changed, unchanged: r.value.unchanged };
}

function errorWords(e: AdapterError): string {
  return `${e.source ? `${e.source}: ` : ''}${e.message}`;
}

/** Carries out a plan; call only after the user confirmed it. */
export async function executeRecreate(plan: RecreatePlan, deps: RecreateDeps): Promise<RecreateResult> {
  const options: CallOptions = { signal: deps.signal, timeoutMs: deps.timeoutMs };
  const outcomes: StepOutcome[] = [];
  const finishByHand: string[] = [];
  let created: RecreateResult['created'];
  let stopped = false;
  for (const step of plan.steps) {
    if (stopped) {
      outcomes.push({ n: step.n, kind: step.kind, status: 'not-run', changed: [], unchanged: [] });
      finishByHand.push(`${step.n}. ${step.byHand}`);
      continue;
    }
    if (step.mode === 'manual') {
      const o: StepOutcome = { n: step.n, kind: step.kind, status: 'by-hand', changed: [], unchanged: [{ where: step.where, why: `not done here: ${step.byHand}` }] };
      outcomes.push(o);
      finishByHand.push(`${step.n}. ${step.byHand}`);
      deps.onProgress?.(step, 'by-hand', o);
      continue;
    }
    if (deps.signal?.aborted) {
      stopped = true;
      outcomes.push({ n: step.n, kind: step.kind, status: 'not-run', changed: [], unchanged: [] });
      finishByHand.push(`${step.n}. ${step.byHand}`);
      continue;
    }
    deps.onProgress?.(step, 'running');
    let outcome: StepOutcome;
    switch (step.kind) {
      case 'pause':
        outcome = fromResult(step, await deps.adapter.pause(plan.scheduleId, options));
        break;
      case 'delete':
        outcome = fromResult(step, deps.adapter.deleteForRecreate ? await deps.adapter.deleteForRecreate(plan.scheduleId, options) : await deps.adapter.delete(plan.scheduleId, options));
        break;
      case 'archive': {
        const holder = typeof (deps.adapter as unknown as RecordArchiver).archiveRecord === 'function' ? (deps.adapter as unknown as RecordArchiver) : deps.zenml;
        outcome = holder?.archiveRecord
          ? fromResult(step, await holder.archiveRecord(plan.zenmlId!, options))
          : { n: step.n, kind: step.kind, status: 'failed', changed: [], unchanged: [], message: 'no ZenML connection that can archive the record' };
        break;
      }
      case 'rerun':
        ({ outcome, created } = await rerunStep(plan, step, deps));
        break;
    }
    // What a step leaves behind (a DAG file, …) is for the user even when the step itself is done.
    if (outcome.status === 'done') for (const u of outcome.unchanged.filter((x) => !already(x.why))) finishByHand.push(`${step.n}. ${u.where}: ${u.why}`);
    outcomes.push(outcome);
    deps.onProgress?.(step, outcome.status, outcome);
    if (outcome.status === 'failed') {
      stopped = true;
      finishByHand.push(`${step.n}. ${step.byHand}`);
    }
  }
  const report: ChangeReport = { changed: outcomes.flatMap((o) => o.changed), unchanged: [] };
  for (const o of outcomes) {
    const step = plan.steps[o.n - 1];
    if (o.status === 'failed') report.unchanged.push({ where: step.where, why: `step ${o.n} failed: ${o.message ?? 'unknown'}` });
    else if (o.status === 'not-run') report.unchanged.push({ where: step.where, why: `step ${o.n} not run (an earlier step failed): ${step.byHand}` });
    else report.unchanged.push(...o.unchanged.filter((u) => !already(u.why)));
  }
  const done = outcomes.filter((o) => o.status === 'done').map((o) => o.n);
  const failed = outcomes.find((o) => o.status === 'failed');
  const state: RecreateResult['state'] = finishByHand.length === 0 && !failed ? 'done' : done.length === 0 ? 'failed' : 'partial';
  const parts = [`done: ${done.length ? done.join(',') : 'none'}`];
  if (failed) parts.push(`failed: ${failed.n} because ${failed.message ?? 'unknown'}`);
  if (finishByHand.length) parts.push(`to finish by hand: ${finishByHand.join('; ')}`);
  return { state, outcomes, finishByHand, words: parts.join('; '), report, ...(created ? { created } : {}) };
}

async function rerunStep(plan: RecreatePlan, step: RecreateStep, deps: RecreateDeps): Promise<{ outcome: StepOutcome; created?: RecreateResult['created'] }> {
  const base = { n: step.n, kind: step.kind };
  if (!deps.rerun) return { outcome: { ...base, status: 'failed', changed: [], unchanged: [], message: 'no way to run the pipeline from here' } };
  const result = await deps.rerun({ cron_expression: plan.after.expression }, { signal: deps.signal });
  if (!result.ok) return { outcome: { ...base, status: 'failed', changed: [], unchanged: [], message: `ZenML did not create the new schedule (${result.code}): ${result.message}` } };
  const s = result.schedule;
  if (s.cronExpression !== null && s.cronExpression.trim() !== (plan.after.expression ?? '').trim()) {
    return { outcome: { ...base, status: 'failed', changed: [], unchanged: [], message: `ZenML stored '${s.cronExpression}' instead of '${plan.after.expression}' (schedule ${s.name}, ${s.id})` } };
  }
  const changed = [{ where: `ZenML on stack ${result.stack}`, what: `new schedule ${s.name} (${s.id}) with cron '${s.cronExpression ?? plan.after.expression}' (read back from ZenML)` }];
  const unchanged: { where: string; why: string }[] = [];
  // Read back where it fires: a row for the pipeline with the new cron on the orchestrator's connection.
  if (typeof (deps.adapter as unknown as RecordArchiver).archiveRecord !== 'function') {
    const listed = await deps.adapter.list({ signal: deps.signal, timeoutMs: deps.timeoutMs });
    const seen = listed.ok && listed.value.items.some((r) => r.id !== plan.scheduleId && (r.pipeline ?? r.match?.pipeline) === plan.pipeline && r.expression?.trim() === plan.after.expression?.trim());
    if (seen) changed.push({ where: deps.adapter.name, what: `the new schedule is listed with '${plan.after.expression}' (read back)` });
    else unchanged.push({ where: deps.adapter.name, why: `the new schedule is not listed yet${listed.ok ? '' : ` (${listed.error.message})`}: refresh later to check it fires there` });
  }
  return { outcome: { ...base, status: 'done', changed, unchanged }, created: s };
}
