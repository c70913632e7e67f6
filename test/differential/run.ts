// Differential test (issue 5): the cron engine against the orchestrators' own
// parsers. Kubernetes and Kubeflow: robfig/cron (Go); Airflow: croniter
// (Python); Databricks: Quartz (Java); standard, GitHub, Vertex: Vixie cron (C, Debian's). Each case agrees when both give the same
// next runs, or both reject the expression.
//
//   npm run test:differential                 the corpus, engine vs references
//   ... -- --baseline                         plain cron-parser vs references (the "before")
//   ... -- --seed 7 --size 2000 --show 30     another corpus / more disagreements shown
//   ... -- --airflow-window-size 400          the Airflow window slice (start_date/end_date/catchup)
//   ... -- --posix-size 600                   the standard/github/vertex slice (Vixie cron)
//   ... -- --only airflow-window              only these groups (comma list of kubernetes, kubeflow,
//                                             airflow, databricks, airflow-timetable, airflow-window,
//                                             posix); the others are not run (not counted as skipped)
//
// Ends with "N passed, N failed[, N skipped]"; exit 1 on any disagreement.
// A skipped reference (not installed) is reported, never counted as passed, and exits 1:
// every reference is required, so a local run and CI agree. ZS_DIFF_ALLOW_SKIP=1 opts out (for
// machines without the toolchains) and says so. A reference that is installed but fails to
// build or run is a failure, never a skip. standard, github and vertex: Vixie cron (posix.ts).
import { spawnSync } from 'node:child_process';

import { CronExpressionParser } from 'cron-parser';

import { explainCron } from '../../src/cron/index';
import { croniterRuns, parseCroniter } from '../../src/cron/croniter';
import { zoneRules } from '../../src/cron/zone';
import { croniterLayerReference, croniterVersionsFigure, runAirflowDifferential, runAirflowWindowDifferential } from './airflow';
import { buildReferences, type Reference, type ReferenceName } from './build-refs';
import { type Case, type DiffDialect, generateCorpus } from './corpus';
import { runPosixDifferential } from './posix';

interface Answer {
  runs?: string[];
  error?: string;
}

const REFERENCE_OF: Record<DiffDialect, ReferenceName> = {
  kubernetes: 'robfig',
  kubeflow: 'robfig',
  airflow: 'croniter',
  databricks: 'quartz',
};

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function runReference(ref: Reference, cases: Case[]): Answer[] {
  const input = cases.map((c) => JSON.stringify({ dialect: c.dialect, expr: c.expr, tz: c.tz, from: c.from, count: c.count })).join('\n') + '\n';
  const res = spawnSync(ref.command!, ref.args!, { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (res.status !== 0) throw new Error(`reference ${ref.name} failed (${res.status}): ${res.stderr.slice(0, 500)}`);
  const lines = res.stdout.split('\n').filter((l) => l !== '');
  if (lines.length !== cases.length) throw new Error(`reference ${ref.name}: ${lines.length} answers for ${cases.length} cases`);
  return lines.map((l) => JSON.parse(l) as Answer);
}

const AIRFLOW_PRESETS: Record<string, string> = { '@hourly': '0 * * * *', '@daily': '0 0 * * *', '@weekly': '0 0 * * 0', '@monthly': '0 0 1 * *', '@quarterly': '0 0 1 */3 *', '@yearly': '0 0 1 1 *' };

/** The croniter layer under the `airflow` dialect (Airflow's own timetable is checked in airflow.ts). */
function oursCroniter(c: Case): Answer {
  const r = explainCron(c.expr, { dialect: 'airflow', timeZone: c.tz, from: new Date(c.from), count: 0 });
  if (!r.valid) return { error: r.error?.message ?? 'invalid' };
  if (c.expr === '@once' || c.expr === '@continuous') return { runs: [] };
  const runs = croniterRuns(parseCroniter(AIRFLOW_PRESETS[c.expr] ?? c.expr, 0), zoneRules(c.tz), Date.parse(c.from) / 1000, c.count);
  return { runs: runs.map((s) => new Date(s * 1000).toISOString().replace('.000Z', 'Z')) };
}

function ours(c: Case): Answer {
  if (c.dialect === 'airflow') return oursCroniter(c);
  const r = explainCron(c.expr, { dialect: c.dialect, timeZone: c.tz, from: new Date(c.from), count: c.count });
  if (!r.valid) return { error: r.error?.message ?? 'invalid' };
  return { runs: r.nextRuns.map((d) => d.toISOString().replace('.000Z', 'Z')) };
}

/** The "before": cron-parser as is, reading the string the way it reads any string. */
function baseline(c: Case): Answer {
  try {
    const it = CronExpressionParser.parse(c.expr, { currentDate: new Date(c.from), tz: c.tz, strict: false });
    return { runs: it.take(c.count).map((d) => d.toDate().toISOString().replace('.000Z', 'Z')) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

function agree(a: Answer, b: Answer): boolean {
  if (a.error !== undefined || b.error !== undefined) return a.error !== undefined && b.error !== undefined;
  return JSON.stringify(a.runs ?? []) === JSON.stringify(b.runs ?? []);
}

function show(a: Answer): string {
  return a.error !== undefined ? `rejects: ${a.error}` : `[${(a.runs ?? []).join(', ')}]`;
}

function main(): number {
  const seed = arg('--seed', 20261128);
  const size = arg('--size', 3000);
  const showMax = arg('--show', 15);
  const useBaseline = process.argv.includes('--baseline');
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt > 0 ? new Set(process.argv[onlyAt + 1].split(',').map((g) => g.trim())) : null;
  const GROUPS = ['kubernetes', 'kubeflow', 'airflow', 'databricks', 'airflow-timetable', 'airflow-window', 'posix'];
  const unknown = [...(only ?? [])].filter((g) => !GROUPS.includes(g));
  if (unknown.length > 0) {
    console.log(`--only: unknown group(s) ${unknown.join(', ')}; the groups are ${GROUPS.join(', ')}`);
    return 2;
  }
  if (only) console.log(`--only ${[...only].join(',')}: the other groups are not run`);
  const runs = (group: string) => only === null || only.has(group);
  const started = Date.now();
  // Built on first use: a run of --only airflow-window compiles no Go or Java.
  let built: Record<ReferenceName, Reference> | null = null;
  const references = () => (built ??= buildReferences());
  const cases = generateCorpus(seed, size);
  console.log(`corpus: ${cases.length} cases (seed ${seed}, ${size} expressions per dialect, each in 2 zone/start pairs), engine: ${useBaseline ? 'plain cron-parser (baseline)' : 'explainCron'}`);

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const skipReasons: string[] = [];
  const dialects = (['kubernetes', 'kubeflow', 'airflow', 'databricks'] as DiffDialect[]).filter(runs);
  for (const dialect of dialects) {
    // Airflow runs croniter on naive wall times (its timetable adds the zone; see airflow.ts):
    // the croniter layer is checked that way, against the croniter Airflow 3 installs.
    const ref = dialect === 'airflow' ? croniterLayerReference() : references()[REFERENCE_OF[dialect]];
    const group = cases.filter((c) => c.dialect === dialect).map((c) => (dialect === 'airflow' ? { ...c, tz: 'UTC' } : c));
    if (!ref.available && ref.broken) {
      // Installed but failing to build: a failure, never a skip.
      failed += group.length;
      console.log(`${dialect}: FAILED ${group.length} cases: reference ${ref.name} is installed but broken (${ref.reason})`);
      continue;
    }
    if (!ref.available) {
      skipped += group.length;
      skipReasons.push(`${dialect}: reference ${ref.name} unavailable (${ref.reason})`);
      console.log(`${dialect}: SKIPPED ${group.length} cases: reference ${ref.name} unavailable (${ref.reason})`);
      continue;
    }
    const t0 = Date.now();
    let answers: Answer[];
    try {
      answers = runReference(ref, group);
    } catch (e) {
      // Installed but broken: that is a failure, not a skip.
      failed += group.length;
      console.log(`${dialect}: FAILED ${group.length} cases: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    const refMs = Date.now() - t0;
    const t1 = Date.now();
    let ok = 0;
    let shown = 0;
    let valid = 0;
    const kinds = { onlyReferenceRejects: 0, onlyOursRejects: 0, differentRuns: 0 };
    group.forEach((c, i) => {
      const mine = useBaseline ? baseline(c) : ours(c);
      if (answers[i].error === undefined) valid++;
      if (agree(mine, answers[i])) {
        ok++;
        return;
      }
      if (answers[i].error !== undefined) kinds.onlyReferenceRejects++;
      else if (mine.error !== undefined) kinds.onlyOursRejects++;
      else kinds.differentRuns++;
      if (shown++ < showMax) {
        console.log(`  DISAGREE [${dialect}] ${JSON.stringify(c.expr)} tz=${c.tz} from=${c.from}\n    reference (${ref.name}): ${show(answers[i])}\n    ours:      ${show(mine)}`);
      }
    });
    const oursMs = Date.now() - t1;
    passed += ok;
    failed += group.length - ok;
    const pct = ((100 * ok) / group.length).toFixed(2);
    console.log(`${dialect}: ${ok}/${group.length} agree (${pct}%) vs ${ref.name}; ${valid} accepted by the reference; reference ${refMs} ms, ours ${oursMs} ms`);
    if (ok < group.length) {
      console.log(`  disagreements: ${kinds.onlyReferenceRejects} accepted although ${ref.name} rejects, ${kinds.onlyOursRejects} rejected although ${ref.name} accepts, ${kinds.differentRuns} with different next runs`);
    }
  }
  if (runs('airflow-timetable')) {
    // Airflow itself (issue 12): the `airflow` dialect against Airflow 3's and 2.10's timetables.
    const airflow = runAirflowDifferential(seed, size, showMax, useBaseline ? baseline : undefined);
    passed += airflow.passed;
    failed += airflow.failed;
    skipped += airflow.skipped;
    skipReasons.push(...airflow.skipReasons);
    if (!useBaseline) croniterVersionsFigure(cases.filter((c) => c.dialect === 'airflow'));
  }
  if (!useBaseline && runs('airflow-window')) {
    // ZenML's Schedule window on Airflow (start_date, end_date, catchup), against both versions.
    const window = runAirflowWindowDifferential(seed, arg('--airflow-window-size', 400), showMax);
    passed += window.passed;
    failed += window.failed;
    skipped += window.skipped;
    skipReasons.push(...window.skipReasons);
  }
  if (!useBaseline && runs('posix')) {
    // standard, github, vertex against Vixie cron (issue 16), with their own corpus slice.
    const posix = runPosixDifferential(references().vixie, seed, arg('--posix-size', 600), showMax);
    passed += posix.passed;
    failed += posix.failed;
    skipped += posix.skipped;
    skipReasons.push(...posix.skipReasons);
  }
  console.log(`time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Every reference is required (a local run and CI agree); ZS_DIFF_ALLOW_SKIP=1 opts out.
  const allowSkip = process.env.ZS_DIFF_ALLOW_SKIP === '1';
  const requireAll = !allowSkip && skipReasons.length > 0;
  if (requireAll) {
    console.log(`FAILED: ${skipReasons.length} reference(s) were skipped; every reference is required (run \`bash test/setup/install.sh\`, or set ZS_DIFF_ALLOW_SKIP=1 to allow skips):`);
    for (const reason of skipReasons) console.log(`  ${reason}`);
  } else if (allowSkip) {
    console.log(`ZS_DIFF_ALLOW_SKIP=1: skipped references are allowed in this run (${skipReasons.length} skipped)${skipReasons.length ? ':' : ''}`);
    for (const reason of skipReasons) console.log(`  ${reason}`);
  }
  // Kept as the last line: "N passed, N failed[, N skipped]".
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  return failed > 0 || requireAll ? 1 : 0;
}

process.exitCode = main();
