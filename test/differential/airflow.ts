// The Airflow part of the differential test (issue 12): the `airflow` dialect
// against the timetables of the real Airflow from PyPI, not only croniter.
//
//   airflow3  explainCron(dialect airflow) vs Airflow 3 (.tools/airflow3-venv)   must agree 100%
//   airflow2  our Airflow 2.10 model (the hover's "on Airflow 2.10" note)
//             vs Airflow 2.10 (.tools/airflow2-venv)                             must agree 100%
//   croniter 7.0 (Airflow 3's) vs croniter 6.0 on the plain croniter cases       figure only
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
import { AirflowTimetable } from '../../src/cron/airflow';
import { parseCroniter } from '../../src/cron/croniter';
import { zoneRules } from '../../src/cron/zone';
import { ROOT, type Reference } from './build-refs';
import { type Case, generateCorpus, mulberry32, ZONES } from './corpus';

interface Answer {
  runs?: string[];
  error?: string;
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

function runPython(python: string, version: string, script: string, cases: Case[]): Answer[] {
  const input = cases.map((c) => JSON.stringify({ expr: c.expr, tz: c.tz, from: c.from, count: c.count })).join('\n') + '\n';
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

function oursV3(c: Case): Answer {
  const r = explainCron(c.expr, { dialect: 'airflow', timeZone: c.tz, from: new Date(c.from), count: c.count });
  if (!r.valid) return { error: r.error?.message ?? 'invalid' };
  return { runs: r.nextRuns.map((d) => d.toISOString().replace('.000Z', 'Z')) };
}

/** Our Airflow 2.10 model, on what explainCron accepts. */
function oursV2(c: Case): Answer {
  const r = explainCron(c.expr, { dialect: 'airflow', timeZone: c.tz, from: new Date(c.from), count: 0 });
  if (!r.valid) return { error: r.error?.message ?? 'invalid' };
  const runs = airflow2Runs(c.expr, c.tz, Date.parse(c.from) / 1000, c.count);
  return runs === null ? { error: 'AssertionError: next schedule shouldn\'t be earlier (Airflow 2.10 raises)' } : { runs: runs.map(isoZ) };
}

const PRESETS: Record<string, string> = { '@hourly': '0 * * * *', '@daily': '0 0 * * *', '@weekly': '0 0 * * 0', '@monthly': '0 0 1 * *', '@quarterly': '0 0 1 */3 *', '@yearly': '0 0 1 1 *' };

function airflow2Runs(expr: string, tz: string, from: number, count: number): number[] | null {
  if (expr === '@once' || expr === '@continuous') return [];
  const spec = parseCroniter(PRESETS[expr] ?? expr, 0);
  return new AirflowTimetable(spec, zoneRules(tz), 1).runsV2(from, count);
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
      console.log(`  DISAGREE [${label}] ${JSON.stringify(c.expr)} tz=${c.tz} from=${c.from}\n    reference (${refName}): ${show(answers[i])}\n    ours:      ${show(mine)}`);
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

export function runAirflowDifferential(seed: number, size: number, showMax: number, baseline?: (c: Case) => Answer): GroupResult {
  const result: GroupResult = { passed: 0, failed: 0, skipped: 0, skipReasons: [] };
  const cases = airflowCases(seed, size);
  const script = join(ROOT, 'test/differential/ref/airflow_ref.py');
  const versions: Record<string, Answer[]> = {};
  for (const name of baseline ? (['airflow3'] as const) : (['airflow3', 'airflow2'] as const)) {
    const ref = checkAirflow(name);
    if (!ref.available) {
      result.skipped += cases.length;
      result.skipReasons.push(`${name}: reference unavailable (${ref.reason})`);
      console.log(`${name}: SKIPPED ${cases.length} cases: reference unavailable (${ref.reason})`);
      continue;
    }
    const t0 = Date.now();
    let answers: Answer[];
    try {
      answers = runPython(ref.python as string, ref.version ?? '', script, cases);
    } catch (e) {
      result.failed += cases.length;
      console.log(`${name}: FAILED ${cases.length} cases: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    versions[name] = answers;
    console.log(`${name}: ${ref.version}; ${cases.length} cases (${cases.filter((c) => ['America/Santiago', 'America/Sao_Paulo', 'Australia/Sydney', 'Australia/Lord_Howe', 'Pacific/Auckland', 'Pacific/Chatham'].includes(c.tz)).length} in southern-hemisphere zones, ${cases.filter((c) => ['America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'Asia/Kathmandu'].includes(c.tz)).length} in half-hour/45-minute zones); reference ${Date.now() - t0} ms`);
    const label = baseline ? 'airflow (plain cron-parser, baseline)' : `airflow (${name === 'airflow3' ? 'Airflow 3, the dialect' : 'Airflow 2.10 model'})`;
    const { ok, n } = compare(label, name, cases, answers, baseline ?? (name === 'airflow3' ? oursV3 : oursV2), showMax);
    result.passed += ok;
    result.failed += n - ok;
  }
  if (versions.airflow3 && versions.airflow2) {
    const same = cases.filter((_, i) => agree(versions.airflow3[i], versions.airflow2[i])).length;
    console.log(`  (figure) Airflow 2.10 vs Airflow 3 start the same runs in ${same}/${cases.length} cases (${((100 * same) / cases.length).toFixed(2)}%)`);
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
