// `npm run bench:live`: 1,000 schedules on a REAL ZenML 0.98 server (127.0.0.1, auth on).
// Refresh → tree rows (health and drift computed for every row, presented as the tree shows
// them) against the same HTTP requests that refresh makes, sent bare (fetch + JSON.parse),
// in the same run, interleaved; medians of several repetitions; memory before and after.
// Target (issue 10 §7): overhead under 20%.

import { performance } from 'node:perf_hooks';
import { ZenmlServerAdapter } from '../../src/adapters/zenmlServer';
import type { CodeSchedule } from '../../src/workspace/drift';
import { presentLiveRow, refreshSource } from '../../src/workspace/liveModel';
import { LiveZenmlServer, adminToken, createSchedule, freePort, venvReady, type SeedData } from '../live/zenmlServer';
import { overheadVerdict } from './verdict';

const COUNT = Number(process.env.BENCH_SCHEDULES ?? 1000);
const REPS = Number(process.env.BENCH_REPS ?? 5);

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Runs the benchmark; resolves to the exit code (1 when the overhead target is missed). */
async function main(): Promise<number> {
  if (!venvReady()) throw new Error('.tools/zenml-server-venv is missing: run bash test/setup/45-zenml-server-venv.sh');
  const server = new LiveZenmlServer(await freePort());
  try {
    const t0 = performance.now();
    await server.start();
    const seed = await server.seed<SeedData>(['setup']);
    const token = await adminToken(server);
    const pipelines = Object.entries(seed.pipelines);
    const orchestrators = [seed.kubernetesId, seed.airflowId];
    let made = 0;
    const ids: string[] = [];
    const worker = async () => {
      while (made < COUNT) {
        const i = made++;
        const s = await createSchedule(server, token, {
          name: `bench-${String(i).padStart(4, '0')}`,
          project: seed.projectId,
          orchestrator_id: orchestrators[i % 2],
          pipeline_id: pipelines[i % pipelines.length][1],
          cron_expression: `${i % 60} ${i % 24} * * *`,
        });
        ids.push(s.id);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await server.seed(['runs', ids[0], 'completed', 'failed']);
    console.log(`setup: server + ${COUNT} schedules in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    // The code's schedules, for drift: one per pipeline, one of them different from what is live.
    const code: CodeSchedule[] = pipelines.map(([name], i) => ({ pipeline: name, kind: 'cron', expression: i === 0 ? '0 5 * * *' : `${i} ${i} * * *`, intervalSeconds: null, location: `${name}.py:1` }));

    // Record the requests one refresh makes (after login), to replay them bare.
    const requests: { url: string; headers: Record<string, string> }[] = [];
    const recordingFetch = (input: string, init: RequestInit) => {
      if (!input.endsWith('/api/v1/login')) requests.push({ url: input, headers: init.headers as Record<string, string> });
      return fetch(input, init);
    };
    const adapter = new ZenmlServerAdapter({ name: 'bench', url: server.url, credentials: async () => ({ apiKey: seed.apiKey }), fetch: recordingFetch, timeoutMs: 120_000 });
    let rowsCount = 0;
    const refresh = async () => {
      adapter.reset(); // forget cached lookups: every refresh asks again, as after a restart
      const group = await refreshSource(adapter, { now: new Date(), code, timeoutMs: 120_000, knownPipelines: true });
      if (group.error) throw new Error(group.error.message);
      const views = group.rows.map(presentLiveRow);
      rowsCount = views.length;
      const computed = group.rows.filter((r) => r.health.health !== undefined && r.drift !== null).length;
      if (computed !== group.rows.length) throw new Error('health or drift missing on some rows');
    };
    await refresh(); // warm-up; also records the request list
    const replay = [...requests];
    requests.length = 0;
    const bare = async () => {
      for (const r of replay) {
        // The same one retry on a closed kept-alive connection as the adapter's HTTP layer.
        const res = await fetch(r.url, { headers: r.headers }).catch(() => fetch(r.url, { headers: r.headers }));
        JSON.parse(await res.text());
      }
    };
    await bare();

    const heapBefore = process.memoryUsage();
    const refreshTimes: number[] = [];
    const bareTimes: number[] = [];
    for (let i = 0; i < REPS; i++) {
      let t = performance.now();
      await bare();
      bareTimes.push(performance.now() - t);
      t = performance.now();
      await refresh();
      refreshTimes.push(performance.now() - t);
      requests.length = 0;
    }
    global.gc?.();
    const heapAfter = process.memoryUsage();
    const r = median(refreshTimes);
    const b = median(bareTimes);
    const overhead = (r / b - 1) * 100;
    const byPath = new Map<string, number>();
    for (const x of replay) {
      const p = new URL(x.url).pathname.replace(/[0-9a-f-]{36}/, '{id}');
      byPath.set(p, (byPath.get(p) ?? 0) + 1);
    }
    console.log(`requests per refresh: ${replay.length} (${[...byPath].map(([p, n]) => `${n}× ${p}`).join(', ')})`);
    console.log(`rows: ${rowsCount} (health + drift + tooltip computed for every row)`);
    console.log(`bare HTTP (same requests, fetch + JSON.parse): median ${b.toFixed(0)} ms  [${bareTimes.map((x) => x.toFixed(0)).join(', ')}]`);
    console.log(`refresh → tree rows:                          median ${r.toFixed(0)} ms  [${refreshTimes.map((x) => x.toFixed(0)).join(', ')}]`);
    const verdict = overheadVerdict(overhead);
    console.log(verdict.line);
    console.log(`memory: heapUsed ${mb(heapBefore.heapUsed)} → ${mb(heapAfter.heapUsed)}, rss ${mb(heapBefore.rss)} → ${mb(heapAfter.rss)}`);
    // A missed target fails the run, as `npm run bench` does (not part of CI: machine noise cannot break a build).
    if (!verdict.pass) console.log('MISSED 1 target(s): refresh overhead');
    return verdict.exitCode;
  } finally {
    await server.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
