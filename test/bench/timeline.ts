// `npm run bench:timeline`: the schedule timeline over 200 schedules and 7 days — 160 from code and
// 40 from two live connections (with runs, health, overlaps) — the layout (collisions, lanes,
// positions, ticks, marks) and the webview's page, against computing the same next runs alone, in
// the same run (medians of 7 repetitions after a warm-up). Also the page's size.

import { loadavg, cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { explainCron } from '../../src/cron';
import type { LiveRun, LiveSchedule } from '../../src/adapters/types';
import type { Dialect } from '../../src/common/flavors';
import { buildLiveRows } from '../../src/workspace/liveModel';
import { layoutTimeline, runsInWindow, timelineScheduleOfLive, type TimelineSchedule } from '../../src/workspace/timeline';
import { renderTimelinePage } from '../../src/workspace/timelineHtml';
import { liveSchedule } from '../unit/live-fixtures';

const FROM = new Date('2026-12-01T00:00:00Z');
const TO = new Date(FROM.getTime() + 7 * 86_400_000);
const ORCHESTRATORS: [string, Dialect][] = [
  ['kubernetes', 'kubernetes'],
  ['airflow', 'airflow'],
  ['vertex', 'vertex'],
  ['kubeflow', 'kubeflow'],
];
const SHAPES = ['M H * * *', 'M */4 * * *', 'M H * * 1-5', '*/15 H-23 * * *', 'M H,12 * * 0,6'];

function expressionOf(i: number, dialect: Dialect): string {
  const minute = (i * 7) % 60;
  const hour = (i * 5) % 24;
  const cron = SHAPES[i % SHAPES.length].replace('M', String(minute)).replace(/H/g, String(hour));
  return dialect === 'kubeflow' ? `0 ${cron}` : cron;
}

const SPECS = Array.from({ length: 200 }, (_, i) => {
  const [orchestrator, dialect] = ORCHESTRATORS[i % ORCHESTRATORS.length];
  return { i, orchestrator, dialect, expression: expressionOf(i, dialect) };
});

function runsOf(spec: (typeof SPECS)[number]) {
  return runsInWindow((after, count) => explainCron(spec.expression, { dialect: spec.dialect, timeZone: 'UTC', from: after, count }).nextRuns, FROM, TO);
}

function baseline(): number {
  let n = 0;
  for (const spec of SPECS) n += runsOf(spec).runs.length;
  return n;
}

/** One schedule in five is live, on one of two connections, with five finished runs (some slow, some failed). */
const isLive = (i: number) => i % 5 === 1;

function liveOf(spec: (typeof SPECS)[number]): { schedule: LiveSchedule; runs: LiveRun[] } {
  const schedule = liveSchedule({
    id: `l${spec.i}`,
    name: `schedule ${spec.i}`,
    pipeline: `pipeline_${spec.i % 60}`,
    orchestrator: spec.orchestrator,
    expression: spec.expression,
    created: new Date(FROM.getTime() - 30 * 86_400_000),
  });
  const minutes = spec.i % 3 === 0 ? 300 : 10;
  const runs = Array.from({ length: 5 }, (_, k) => {
    const created = new Date(FROM.getTime() - (k + 1) * 3_600_000);
    return { id: `r${spec.i}-${k}`, status: k === 0 && spec.i % 4 === 0 ? 'failed' : 'completed', created, ended: new Date(created.getTime() + minutes * 60_000), scheduleId: schedule.id };
  });
  return { schedule, runs };
}

const LIVE = SPECS.filter((s) => isLive(s.i)).map((spec) => ({ spec, ...liveOf(spec) }));

/** The layout and the page alone (ms) in each repetition of ours(), for a figure free of the runs' noise. */
const layoutMs: number[] = [];
const renderMs: number[] = [];

function ours(): { runs: number; collisions: number; overlaps: number; htmlBytes: number } {
  const schedules: TimelineSchedule[] = SPECS.filter((s) => !isLive(s.i)).map((spec) => {
    const { runs, truncated } = runsOf(spec);
    return { id: `s${spec.i}`, pipeline: `pipeline_${spec.i % 60}`, label: `schedule ${spec.i}`, source: 'workspace', orchestrator: spec.orchestrator, description: spec.expression, runs, truncated };
  });
  for (const { spec, schedule, runs } of LIVE) {
    const [row] = buildLiveRows(spec.i % 2 ? 'prod' : 'staging', [schedule], new Map([[schedule.id, runs]]), { now: FROM, nextRunCount: 5 });
    const lane = timelineScheduleOfLive(row, { id: `live/${schedule.id}`, from: FROM, to: TO, now: FROM });
    if (lane) schedules.push(lane);
  }
  const t0 = performance.now();
  const layout = layoutTimeline(schedules, { from: FROM, to: TO, now: FROM, width: 960, displayZone: 'Europe/Berlin', collisionMinutes: 5 });
  const t1 = performance.now();
  const html = renderTimelinePage(layout, { displayZone: 'Europe/Berlin', nonce: 'bench', cspSource: 'vscode-resource:', hours: 168, collisionMinutes: 5 });
  layoutMs.push(t1 - t0);
  renderMs.push(performance.now() - t1);
  return { runs: layout.agenda.runs.length, collisions: layout.agenda.collisions.length, overlaps: layout.agenda.overlaps.length, htmlBytes: Buffer.byteLength(html) };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function time(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

// The cron engine caches compiled expressions and runs: both paths warm it the same way first.
baseline();
ours();
layoutMs.length = 0;
renderMs.length = 0;
const base: number[] = [];
const full: number[] = [];
for (let rep = 0; rep < 7; rep++) {
  base.push(time(baseline));
  full.push(time(ours));
}
const result = ours();
const b = median(base);
const o = median(full);
console.log(`timeline benchmark (node ${process.version}, ${cpus().length} cores, load ${loadavg()[0].toFixed(1)}; medians of 7)`);
console.log(`200 schedules (40 live), 7 days: ${result.runs} runs, ${result.collisions} collisions, ${result.overlaps} overlaps`);
console.log(`page: ${(result.htmlBytes / 1024).toFixed(0)} KB (${(result.htmlBytes / result.runs).toFixed(0)} bytes per run)`);
console.log(`next runs alone (baseline): ${b.toFixed(1)} ms`);
console.log(`runs + collisions + layout + page: ${o.toFixed(1)} ms`);
console.log(`of which layout (collisions, overlaps, lanes, marks, ticks): ${median(layoutMs).toFixed(1)} ms, page: ${median(renderMs).toFixed(1)} ms`);
console.log(`layout + page on top of the runs: ${(o - b).toFixed(1)} ms (${(o / b).toFixed(2)}x the runs alone)`);
