// `npm run bench:timeline`: the schedule timeline over 200 schedules and 7 days — the layout
// (collisions, lanes, positions, ticks) and the webview's page — against computing the same
// next runs alone, in the same run (medians of 7 repetitions after a warm-up).

import { loadavg, cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { explainCron } from '../../src/cron';
import type { Dialect } from '../../src/common/flavors';
import { layoutTimeline, runsInWindow, type TimelineSchedule } from '../../src/workspace/timeline';
import { renderTimelinePage } from '../../src/workspace/timelineHtml';

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

function ours(): { runs: number; collisions: number; htmlBytes: number } {
  const schedules: TimelineSchedule[] = SPECS.map((spec) => {
    const { runs, truncated } = runsOf(spec);
    return { id: `s${spec.i}`, pipeline: `pipeline_${spec.i % 60}`, label: `schedule ${spec.i}`, source: 'workspace', orchestrator: spec.orchestrator, description: spec.expression, runs, truncated };
  });
  const layout = layoutTimeline(schedules, { from: FROM, to: TO, now: FROM, width: 960, displayZone: 'Europe/Berlin', collisionMinutes: 5 });
  const html = renderTimelinePage(layout, { displayZone: 'Europe/Berlin', nonce: 'bench', cspSource: 'vscode-resource:', hours: 168, collisionMinutes: 5 });
  return { runs: layout.agenda.runs.length, collisions: layout.agenda.collisions.length, htmlBytes: Buffer.byteLength(html) };
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
console.log(`200 schedules, 7 days: ${result.runs} runs, ${result.collisions} collisions, page ${(result.htmlBytes / 1024).toFixed(0)} KB`);
console.log(`next runs alone (baseline): ${b.toFixed(1)} ms`);
console.log(`runs + collisions + layout + page: ${o.toFixed(1)} ms`);
console.log(`layout + page on top of the runs: ${(o - b).toFixed(1)} ms (${(o / b).toFixed(2)}x the runs alone)`);
