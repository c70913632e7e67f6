// The Airflow part of the differential test (issue 12): the `airflow` dialect
// against the timetables of the real Airflow from PyPI, not only croniter.
//
//   airflow3  explainCron(dialect airflow) vs Airflow 3 (.tools/airflow3-venv)   must agree 100%
//   airflow2  our Airflow 2.10 model (the hover's "on Airflow 2.10" note)
//             vs Airflow 2.10 (.tools/airflow2-venv)                             must agree 100%
//   croniter 7.0 (Airflow 3's) vs croniter 6.0 on the plain croniter cases       figure only
//
// A second slice (G6 of the issue-12 audit) gives the DAG ZenML's Schedule window:
// a future start_time (start_date), an end_time (end_date; passed, or falling inside
// the next runs) and catchup=True, against our engine with the same window
// (explainCron's `window`, which the hover, the view and `list` pass; see
// src/workspace/summary.ts). Both Airflow versions, 100% required as above.
//
// The cases: the corpus's Airflow expressions (each in 2 zones/starts), plus cases
// aimed at DST: schedules at the hours clocks change, in the zones with DST
// (southern hemisphere, half-hour and 45-minute ones included), started around
// each change, and at month ends and leap days.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { explainCron } from '../../src/cron/index';
import { AirflowTimetable, type AirflowWindow } from '../../src/cron/airflow';
import type { RunWindow } from '../../src/cron/types';
import { parseCroniter } from '../../src/cron/croniter';
import { zoneRules } from '../../src/cron/zone';
import { ROOT, type Reference } from './build-refs';
import { type Case, generateCorpus, mulberry32, ZONES } from './corpus';

interface Answer {
  runs?: string[];
  error?: string;
}

/** A case with ZenML's Schedule window: start_time, end_time (ISO UTC) and catchup. */
export interface AirflowCase extends Case {
  start?: string;
  end?: string;
  catchup?: boolean;
}

export interface AirflowReference {
  name: 'airflow3' | 'airflow2';
  available: boolean;
  reason?: string;
  python?: string;
  version?: string;
}

function disabled(name: string): boolean {
  return (process.env.ZS_DIFF_SKIP ?? '').split(',').map((s) => s.trim()).includes(name);
}

export function checkAirflow(name: 'airflow3' | 'airflow2'): AirflowReference {
  if (disabled(name)) return { name, available: false, reason: 'disabled by ZS_DIFF_SKIP' };
  const python = join(ROOT, `.tools/${name}-venv/bin/python`);
  if (!existsSync(python)) return { name, available: false, reason: `no .tools/${name}-venv (run test/setup/50-airflow-venv.sh)` };
  const probe = spawnSync(python, [join(ROOT, 'test/differential/ref/airflow_ref.py'), '--version'], { encoding: 'utf8', env: airflowEnv() });
  if (probe.status !== 0) return { name, available: false, reason: `Airflow does not import: ${probe.stderr.trim().split('\n').pop()}` };
  const versions = spawnSync(python, ['-c', "import importlib.metadata as m; print(m.version('apache-airflow'), m.version('croniter'), m.version('pendulum'))"], { encoding: 'utf8' });
  const [airflow, croniter, pendulum] = versions.stdout.trim().split(' ');
  // The versions key the answer cache: without them a reinstalled Airflow could be served old answers.
  if (versions.status !== 0 || !airflow || !croniter || !pendulum) return { name, available: false, reason: `cannot read the installed Airflow/croniter/pendulum versions: ${versions.stderr.trim().split('\n').pop() ?? ''}` };
  return { name, available: true, python, version: `Airflow ${airflow}, croniter ${croniter}, pendulum ${pendulum}` };
}

function airflowEnv(): NodeJS.ProcessEnv {
  // Importing Airflow writes its config into AIRFLOW_HOME: keep it in .tools.
  return { ...process.env, AIRFLOW_HOME: join(ROOT, '.tools/airflow-ref-home'), AIRFLOW__CORE__LOAD_EXAMPLES: 'False' };
}

/**
 * The reference's answers. Real Airflow takes ~30-50 ms a case (a DAG each), so answers are
 * cached in .tools/refs, keyed by the cases, the runner script, the interpreter and the installed
 * Airflow, croniter and pendulum versions: a new corpus, runner or venv, or another Airflow reinstalled
 * into the same venv, asks Airflow again (ZS_DIFF_NO_CACHE=1 always does).
 */
export function answerCacheKey(python: string, version: string, script: string, input: string): string {
  return createHash('sha256').update(python).update('\0').update(version).update('\0').update(readFileSync(script)).update(input).digest('hex').slice(0, 24);
}

function runPython(python: string, version: string, script: string, cases: AirflowCase[]): Answer[] {
  const input = cases.map((c) => JSON.stringify({ expr: c.expr, tz: c.tz, from: c.from, count: c.count, start: c.start, end: c.end, catchup: c.catchup })).join('\n') + '\n';
  const key = answerCacheKey(python, version, script, input);
  const cacheDir = join(ROOT, '.tools/refs');
  const cacheFile = join(cacheDir, `answers-${key}.jsonl`);
  if (process.env.ZS_DIFF_NO_CACHE !== '1' && existsSync(cacheFile)) {
    const cached = readFileSync(cacheFile, 'utf8').split('\n').filter((l) => l.startsWith('{'));
    if (cached.length === cases.length) return cached.map((l) => JSON.parse(l) as Answer);
  }
  const res = spawnSync(python, [script], { input, encoding: 'utf8', maxBuffer: 1 << 30, env: airflowEnv() });
  if (res.status !== 0) throw new Error(`${script} failed (${res.status}): ${res.stderr.slice(-800)}`);
  const lines = res.stdout.split('\n').filter((l) => l.startsWith('{'));
  if (lines.length !== cases.length) throw new Error(`${script}: ${lines.length} answers for ${cases.length} cases; stderr: ${res.stderr.slice(-500)}`);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cacheFile, lines.join('\n') + '\n');
  return lines.map((l) => JSON.parse(l) as Answer);
}

const isoZ = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

/** The window as the product passes it (summary.ts: start_time, end_time, catchup), when the case has one. */
function windowOf(c: AirflowCase): RunWindow | undefined {
  if (c.start === undefined && c.end === undefined && c.catchup === undefined) return undefined;
  return { start: c.start ? new Date(c.start) : null, end: c.end ? new Date(c.end) : null, catchup: c.catchup === true };
}

function oursV3(c: AirflowCase): Answer {
  const r = explainCron(c.expr, { dialect: 'airflow', timeZone: c.tz, from: new Date(c.from), count: c.count, window: windowOf(c) });
  if (!r.valid) return { error: r.error?.message ?? 'invalid' };
  return { runs: r.nextRuns.map((d) => d.toISOString().replace('.000Z', 'Z')) };
}

/** Our Airflow 2.10 model, on what explainCron accepts. */
function oursV2(c: AirflowCase): Answer {
  const r = explainCron(c.expr, { dialect: 'airflow', timeZone: c.tz, from: new Date(c.from), count: 0 });
  if (!r.valid) return { error: r.error?.message ?? 'invalid' };
  const seconds = (iso: string | undefined) => (iso === undefined ? null : Date.parse(iso) / 1000);
  const window: AirflowWindow = { start: seconds(c.start), end: seconds(c.end), catchup: c.catchup === true };
  const runs = airflow2Runs(c.expr, c.tz, Date.parse(c.from) / 1000, c.count, window);
  return runs === null ? { error: 'AssertionError: next schedule shouldn\'t be earlier (Airflow 2.10 raises)' } : { runs: runs.map(isoZ) };
}

const PRESETS: Record<string, string> = { '@hourly': '0 * * * *', '@daily': '0 0 * * *', '@weekly': '0 0 * * 0', '@monthly': '0 0 1 * *', '@quarterly': '0 0 1 */3 *', '@yearly': '0 0 1 1 *' };

function airflow2Runs(expr: string, tz: string, from: number, count: number, window: AirflowWindow = {}): number[] | null {
  if (expr === '@once' || expr === '@continuous') return [];
  const spec = parseCroniter(PRESETS[expr] ?? expr, 0);
  return new AirflowTimetable(spec, zoneRules(tz), 1).runsV2(from, count, window);
}

function agree(a: Answer, b: Answer): boolean {
  if (a.error !== undefined || b.error !== undefined) return a.error !== undefined && b.error !== undefined;
  return JSON.stringify(a.runs ?? []) === JSON.stringify(b.runs ?? []);
}

function show(a: Answer): string {
  return a.error !== undefined ? `rejects: ${a.error}` : `[${(a.runs ?? []).join(', ')}]`;
}

/** Cases aimed at DST: the hours clocks change at, started around each change. */
function dstCases(seed: number, size: number): Case[] {
  const r = mulberry32(seed ^ 0x5a17);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const int = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
  const between = (z: string) => zoneRules(z).transitionsBetween(Date.UTC(2024, 0, 1) / 1000, Date.UTC(2029, 0, 1) / 1000);
  const dstZones = ZONES.filter((z) => between(z).length > 0);
  const transitions = new Map(dstZones.map((z) => [z, between(z)]));
  const out: Case[] = [];
  for (let i = 0; i < size; i++) {
    const tz = pick(dstZones);
    const tr = pick(transitions.get(tz) ?? []);
    // The wall hour of the change, before and after: the hours that are skipped or repeated.
    const wallBefore = new Date((tr.at + tr.before) * 1000);
    const hour = (wallBefore.getUTCHours() + pick([-1, 0, 0, 1])) % 24;
    const minute = pick([0, 0, 15, 30, 45, wallBefore.getUTCMinutes(), int(0, 59)]);
    const shape = r();
    let expr: string;
    if (shape < 0.35) expr = `${minute} ${hour} * * *`;
    else if (shape < 0.5) expr = `${pick(['0', '30', '*/15', '*/30', '0,30', '5'])} * * * *`;
    else if (shape < 0.6) expr = `${minute} ${hour},${(hour + 1) % 24} * * *`;
    else if (shape < 0.7) expr = `${minute} */${pick([2, 3, 4, 6])} * * *`;
    else if (shape < 0.78) expr = `${minute} ${hour} * * ${pick(['0', '6', '0,6', 'sun', '1-5'])}`;
    else if (shape < 0.86) expr = `${minute} ${hour}-${(hour + 2) % 24} * * *`;
    else if (shape < 0.93) expr = `${minute} ${hour} ${pick(['L', '1', '28-31', '29', '*/2'])} * *`;
    else expr = `${pick(['*/10', '0', '59'])} ${pick(['*', `${hour}`, '0-23/2'])} * * *`;
    const offset = pick([-2 * 86400, -86400, -7200, -3600, -1800, -60, 0, 60, 1800, 3600, 7200, 86400]) + pick([0, 0, -int(0, 3600)]);
    out.push({ dialect: 'airflow', expr, tz, from: isoZ(tr.at + offset), count: 5 });
  }
  return out;
}

/** Expressions for the window slice: frequent ones (a catch-up chain of hours, not weeks) and sparse ones. */
const FREQUENT = ['*/5 * * * *', '*/15 * * * *', '0,30 * * * *', '5 * * * *', '@hourly', '30 * * * *', '*/10 9-17 * * 1-5', '0 */2 * * *', '0 8-18 * * *', '*/20 * * * *'];
const SPARSE = ['0 0 * * *', '@daily', '30 2 * * *', '0 3 * * *', '15 1 * * *', '0 9 * * 1-5', '0 0 * * 0', '@weekly', '0 0 1 * *', '@monthly', '0 12 L * *', '0 0 29 2 *', '0 6 15 * *', '45 23 * * 5', '@quarterly', '@yearly', '0 1 * * 6,0', '0 0 28-31 * *'];

/**
 * The window slice (G6): ZenML's DAG with a Schedule window, started near DST changes
 * (half of the cases) or at a plain instant, in every corpus zone:
 *   future  start_time ahead of now (minutes to 40 days; on the hour, in a DST gap or overlap, or odd seconds)
 *   end     end_time passed, just ahead, on a run, or a few runs ahead
 *   catchup catchup=True with start_time behind now (hours for frequent schedules, up to 40 days for
 *           sparse ones: beyond the engine's 8-day replay), each with a catchup=False twin right after it;
 *           some with now just after clocks go forward and the schedule in the skipped hour, where
 *           catchup changes the runs after now on Airflow 2.10
 * Deterministic for a seed.
 */
export function windowCases(seed: number, size: number): AirflowCase[] {
  const r = mulberry32(seed ^ 0x3c1d);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const int = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
  const span = [Date.UTC(2025, 0, 1) / 1000, Date.UTC(2029, 0, 1) / 1000];
  const transitions = new Map(ZONES.map((z) => [z, zoneRules(z).transitionsBetween(span[0], span[1])]));
  const out: AirflowCase[] = [];
  while (out.length < size) {
    const tz = pick(ZONES);
    const trs = transitions.get(tz) ?? [];
    const tr = trs.length > 0 && r() < 0.5 ? pick(trs) : null;
    const frequent = r() < 0.4;
    let expr: string = frequent ? pick(FREQUENT) : pick(SPARSE);
    if (tr && r() < 0.5) {
      // A schedule at the wall hour the clocks change at.
      const wall = new Date((tr.at + tr.before) * 1000);
      expr = `${pick([0, 30, wall.getUTCMinutes()])} ${(wall.getUTCHours() + pick([-1, 0, 0, 1]) + 24) % 24} * * *`;
    }
    // Now: around the change, else a plain instant (on the hour, or any second).
    const now = tr ? tr.at + pick([-3 * 86400, -86400, -7200, -3600, -60, 0, 1800, 3600, 86400]) + pick([0, -int(0, 3600)]) : int(span[0], span[1] - 60 * 86400) - (r() < 0.3 ? 0 : int(0, 3599));
    const from = r() < 0.3 ? now - (now % 3600) : now;
    const hourly = (t: number) => t - (t % 3600);
    const kind = r();
    const c: AirflowCase = { dialect: 'airflow', expr, tz, from: isoZ(from), count: 5 };
    if (kind < 0.35) {
      // A start_time ahead of now.
      const ahead = pick([60, 1799, 3600, 5400, 86400, 3 * 86400, 10 * 86400, 40 * 86400]);
      let start = from + ahead;
      const shape = r();
      if (tr && shape < 0.4) start = tr.at + pick([-3600, -1800, -1, 0, 1, 1800, 3600]);
      else if (shape < 0.7) start = hourly(start);
      else if (shape < 0.8) start += int(1, 59);
      if (start <= from) start = from + 60;
      c.start = isoZ(start);
      if (r() < 0.3) c.end = isoZ(start + pick([3600, 86400, 7 * 86400, 40 * 86400]));
      if (r() < 0.5) c.catchup = true;
    } else if (kind < 0.65) {
      // An end_time: passed, just ahead, on a run or a few runs ahead.
      const delta = frequent ? pick([-86400, -3600, -1, 0, 60, 900, 1800, 3600, 7200, 86400]) : pick([-7 * 86400, -86400, -1, 0, 3600, 86400, 3 * 86400, 7 * 86400, 40 * 86400, 100 * 86400]);
      let end = from + delta;
      if (r() < 0.4) end = hourly(end) + (frequent ? pick([0, 0, 1800]) : 0);
      if (tr && r() < 0.3) end = tr.at + pick([-3600, -1, 0, 3600]);
      c.end = isoZ(end);
      if (r() < 0.4) c.start = isoZ(from - pick([3600, 86400, 3 * 86400]));
      if (r() < 0.3) c.catchup = true;
    } else {
      // catchup=True with a start_time behind now, and its catchup=False twin.
      const back = frequent ? pick([600, 3600, 3 * 3600, 6 * 3600]) : pick([3600, 86400, 3 * 86400, 7 * 86400, 9 * 86400, 20 * 86400, 40 * 86400]);
      let start = from - back;
      if (r() < 0.5) start = hourly(start);
      if (tr && tr.after > tr.before && r() < 0.7) {
        // Where catchup changes the runs after now on Airflow 2.10: now just after clocks go
        // forward, a schedule in the skipped hour (or hourly), started a little or days before.
        const wall = new Date((tr.at + tr.before) * 1000);
        c.expr = r() < 0.7 ? `${pick([0, 30, (wall.getUTCMinutes() + 15) % 60])} ${wall.getUTCHours()} * * *` : pick(['@hourly', '0 * * * *', '30 * * * *']);
        c.from = isoZ(tr.at + pick([0, 0, 60, 900, 1800]));
        start = tr.at - pick([600, 86400, 86400, 3 * 86400, 20 * 86400]);
      }
      c.start = isoZ(start);
      if (r() < 0.2) c.end = isoZ(from + pick([3600, 86400, 10 * 86400]));
      c.catchup = true;
      out.push(c);
      out.push({ ...c, catchup: false });
      continue;
    }
    out.push(c);
  }
  return out;
}

export interface GroupResult {
  passed: number;
  failed: number;
  skipped: number;
  skipReasons: string[];
}

function compare(label: string, refName: string, cases: Case[], answers: Answer[], ours: (c: Case) => Answer, showMax: number): { ok: number; n: number } {
  let ok = 0;
  let shown = 0;
  let valid = 0;
  const kinds = { onlyReferenceRejects: 0, onlyOursRejects: 0, differentRuns: 0 };
  cases.forEach((c, i) => {
    const mine = ours(c);
    if (answers[i].error === undefined) valid++;
    if (agree(mine, answers[i])) {
      ok++;
      return;
    }
    if (answers[i].error !== undefined) kinds.onlyReferenceRejects++;
    else if (mine.error !== undefined) kinds.onlyOursRejects++;
    else kinds.differentRuns++;
    if (shown++ < showMax) {
      const w = c as AirflowCase;
      const window = `${w.start ? ` start=${w.start}` : ''}${w.end ? ` end=${w.end}` : ''}${w.catchup !== undefined ? ` catchup=${w.catchup}` : ''}`;
      console.log(`  DISAGREE [${label}] ${JSON.stringify(c.expr)} tz=${c.tz} from=${c.from}${window}\n    reference (${refName}): ${show(answers[i])}\n    ours:      ${show(mine)}`);
    }
  });
  console.log(`${label}: ${ok}/${cases.length} agree (${((100 * ok) / cases.length).toFixed(2)}%) vs ${refName}; ${valid} accepted by the reference`);
  if (ok < cases.length) {
    console.log(`  disagreements: ${kinds.onlyReferenceRejects} accepted although ${refName} rejects, ${kinds.onlyOursRejects} rejected although ${refName} accepts, ${kinds.differentRuns} with different next runs`);
  }
  return { ok, n: cases.length };
}

/** The Airflow cases of the corpus plus the DST-aimed ones. */
export function airflowCases(seed: number, size: number): Case[] {
  const corpus = generateCorpus(seed, size).filter((c) => c.dialect === 'airflow' && !c.expr.trim().startsWith('@continuous'));
  return [...corpus, ...dstCases(seed, Math.max(500, Math.floor(size / 3)))];
}

const SOUTHERN = ['America/Santiago', 'America/Sao_Paulo', 'Australia/Sydney', 'Australia/Lord_Howe', 'Pacific/Auckland', 'Pacific/Chatham'];
const HALF_HOUR = ['America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kolkata', 'Asia/Kathmandu'];

/** One slice of Airflow cases against Airflow 3 (and 2.10, unless baseline): counts, and each version's answers. */
function runSlice(slice: string, cases: AirflowCase[], showMax: number, baseline?: (c: Case) => Answer): { result: GroupResult; versions: Partial<Record<'airflow3' | 'airflow2', Answer[]>> } {
  const result: GroupResult = { passed: 0, failed: 0, skipped: 0, skipReasons: [] };
  const script = join(ROOT, 'test/differential/ref/airflow_ref.py');
  const versions: Partial<Record<'airflow3' | 'airflow2', Answer[]>> = {};
  for (const name of baseline ? (['airflow3'] as const) : (['airflow3', 'airflow2'] as const)) {
    const ref = checkAirflow(name);
    if (!ref.available) {
      result.skipped += cases.length;
      result.skipReasons.push(`${name}: reference unavailable (${ref.reason})`);
      console.log(`${name}: SKIPPED ${cases.length} ${slice} cases: reference unavailable (${ref.reason})`);
      continue;
    }
    const t0 = Date.now();
    let answers: Answer[];
    try {
      answers = runPython(ref.python as string, ref.version ?? '', script, cases);
    } catch (e) {
      result.failed += cases.length;
      console.log(`${name}: FAILED ${cases.length} ${slice} cases: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    versions[name] = answers;
    console.log(`${name}: ${ref.version}; ${cases.length} ${slice} cases (${cases.filter((c) => SOUTHERN.includes(c.tz)).length} in southern-hemisphere zones, ${cases.filter((c) => HALF_HOUR.includes(c.tz)).length} in half-hour/45-minute zones); reference ${Date.now() - t0} ms`);
    const label = baseline ? `${slice} (plain cron-parser, baseline)` : `${slice} (${name === 'airflow3' ? 'Airflow 3, the dialect' : 'Airflow 2.10 model'})`;
    const { ok, n } = compare(label, name, cases, answers, baseline ?? (name === 'airflow3' ? oursV3 : oursV2), showMax);
    result.passed += ok;
    result.failed += n - ok;
  }
  const { airflow3, airflow2 } = versions;
  if (airflow3 && airflow2) {
    const same = cases.filter((_, i) => agree(airflow3[i], airflow2[i])).length;
    console.log(`  (figure) ${slice}: Airflow 2.10 vs Airflow 3 start the same runs in ${same}/${cases.length} cases (${((100 * same) / cases.length).toFixed(2)}%)`);
  }
  return { result, versions };
}

export function runAirflowDifferential(seed: number, size: number, showMax: number, baseline?: (c: Case) => Answer): GroupResult {
  return runSlice('airflow', airflowCases(seed, size), showMax, baseline).result;
}

/** The window slice (start_date, end_date, catchup): both versions, plus what catchup=True changes. */
export function runAirflowWindowDifferential(seed: number, size: number, showMax: number): GroupResult {
  const cases = windowCases(seed, size);
  const count = (p: (c: AirflowCase) => boolean) => cases.filter(p).length;
  console.log(`airflow window: ${cases.length} cases (seed ${seed}): ${count((c) => c.start !== undefined && Date.parse(c.start) > Date.parse(c.from))} with a future start_time, ${count((c) => c.end !== undefined)} with an end_time (${count((c) => c.end !== undefined && Date.parse(c.end) <= Date.parse(c.from))} passed), ${count((c) => c.catchup === true)} with catchup=True`);
  const { result, versions } = runSlice('airflow window', cases, showMax);
  // catchup=True vs its catchup=False twin (the case right after it), in real Airflow: a figure.
  for (const name of ['airflow3', 'airflow2'] as const) {
    const answers = versions[name];
    if (!answers) continue;
    let pairs = 0;
    let changed = 0;
    cases.forEach((c, i) => {
      const twin = cases[i + 1];
      if (c.catchup !== true || !twin || twin.catchup !== false || twin.start !== c.start || twin.expr !== c.expr || twin.from !== c.from) return;
      pairs++;
      if (!agree(answers[i], answers[i + 1])) changed++;
    });
    console.log(`  (figure) ${name === 'airflow3' ? 'Airflow 3' : 'Airflow 2.10'}: catchup=True changes the runs after now in ${changed}/${pairs} start-in-the-past pairs`);
  }
  return result;
}

/** The croniter version installed for `python` (a cache key part), or "unknown". */
function croniterVersion(python: string): string {
  const probe = spawnSync(python, ['-c', "import importlib.metadata as m; print(m.version('croniter'))"], { encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.trim() ? probe.stdout.trim() : 'unknown';
}

/** croniter 7.0 (from the Airflow 3 venv) vs croniter 6.0 (the pinned reference) on the same cases: a figure, not a test. */
export function croniterVersionsFigure(cases: Case[]): void {
  // Both read the cases the same way (croniter_ref.py on tz-aware starts).
  const ref = checkAirflow('airflow3');
  const six = join(ROOT, '.tools/croniter-venv/bin/python');
  if (!ref.available || !existsSync(six)) return;
  const script = join(ROOT, 'test/differential/ref/croniter_ref.py');
  try {
    const a = runPython(six, `croniter ${croniterVersion(six)}`, script, cases);
    const b = runPython(ref.python as string, ref.version ?? '', script, cases);
    const same = cases.filter((_, i) => agree(a[i], b[i])).length;
    console.log(`  (figure) croniter 7.0 vs 6.0 on the ${cases.length} plain-croniter cases: ${same} agree (${((100 * same) / cases.length).toFixed(2)}%)`);
  } catch (e) {
    console.log(`  (figure) croniter 7.0 vs 6.0: not measured (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** croniter as Airflow 3 installs it (7.0, in .tools/airflow3-venv), for the croniter layer of the `airflow` dialect. */
export function croniterLayerReference(): Reference {
  const ref = checkAirflow('airflow3');
  if (disabled('croniter')) return { name: 'croniter', available: false, reason: 'disabled by ZS_DIFF_SKIP' };
  if (!ref.available) return { name: 'croniter', available: false, reason: `croniter 7.0 comes with Airflow 3: ${ref.reason}` };
  return { name: 'croniter', available: true, command: ref.python, args: [join(ROOT, 'test/differential/ref/croniter_ref.py')] };
}
