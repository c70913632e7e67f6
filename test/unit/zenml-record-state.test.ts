// "Never show 'paused' for a schedule that still fires" (issue 10 §2): a ZenML record set inactive on
// an orchestrator where the record does not control what fires (Airflow without its own connection)
// is shown as "record inactive — may still fire", with a warning, alike in the tree's row and tooltip,
// the timeline and the CLI's `schedules list` / `show` (text and JSON). A Kubernetes record (ZenML's
// client suspends the CronJob) and a flavor that cannot schedule stay plainly "paused".

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LiveSchedule } from '../../src/adapters/types';
import { ZenmlServerAdapter } from '../../src/adapters/zenmlServer';
import { runSchedules } from '../../src/cli/schedules';
import { memoryIo } from '../../src/cli/io';
import { buildLiveRows } from '../../src/workspace/liveModel';
import { liveRow } from '../../src/workspace/liveRows';
import { RECORD_INACTIVE, stateWords } from '../../src/workspace/liveState';
import { liveFlags, liveRunsInWindow } from '../../src/workspace/timeline';
import { fakeZenml } from './zenml-fake-fetch';

const NOW = new Date('2026-12-02T10:00:00Z');
const ids = { airflow: '11111111-1111-1111-1111-111111111111', k8s: '22222222-2222-2222-2222-222222222222', local: '33333333-3333-3333-3333-333333333333' };

function server() {
  return fakeZenml({
    records: [
      { id: ids.airflow, name: 'airflow-nightly', active: false, orchestratorId: 'o-air', pipelineId: 'p1' },
      { id: ids.k8s, name: 'k8s-nightly', active: false, orchestratorId: 'o-k8s', pipelineId: 'p1', cronJobName: 'train-abc' },
      { id: ids.local, name: 'local-nightly', active: false, orchestratorId: 'o-local', pipelineId: 'p1' },
    ],
    components: [
      { id: 'o-air', name: 'airflow', flavor: 'airflow' },
      { id: 'o-k8s', name: 'k8s', flavor: 'kubernetes' },
      { id: 'o-local', name: 'local', flavor: 'local' },
    ],
    pipelines: [{ id: 'p1', name: 'train' }],
  });
}

async function listed(): Promise<Map<string, LiveSchedule>> {
  const fake = server();
  const adapter = new ZenmlServerAdapter({ name: 'zen', url: 'http://zen.test', fetch: fake.fetch, now: () => NOW });
  const page = await adapter.list();
  assert.ok(page.ok, page.ok ? '' : page.error.message);
  return new Map(page.value.items.map((s) => [s.name, s]));
}

const capabilities = new ZenmlServerAdapter({ name: 'x', url: 'http://x' }).capabilities;
const rowOptions = { connection: 'zen', capabilities, displayZone: 'UTC', includeArchived: false, order: 'name' as const };

describe('a record-only pause is never shown as "paused"', () => {
  it('the adapter marks an inactive record on Airflow as may-still-fire, with the why; Kubernetes and local stay paused', async () => {
    const s = await listed();
    const airflow = s.get('airflow-nightly')!;
    assert.equal(airflow.state, 'paused', "the data keeps contracts.md's enum");
    assert.match(airflow.mayStillFire ?? '', /ZenML's record is inactive, but Airflow may still fire it/);
    assert.ok(airflow.warnings.includes(airflow.mayStillFire!));
    assert.equal(stateWords(airflow), RECORD_INACTIVE);
    for (const name of ['k8s-nightly', 'local-nightly']) {
      assert.equal(s.get(name)!.mayStillFire, undefined, name);
      assert.equal(stateWords(s.get(name)!), 'paused', name);
    }
  });

  it('the tree row and its tooltip: the words, a warning icon, the warning, and next runs (it may still fire)', async () => {
    const s = await listed();
    // A run at 03:00 today: health ok, so the warning icon comes from the state alone.
    const runs = new Map([[ids.airflow, [{ id: 'r1', status: 'completed', created: new Date('2026-12-02T03:00:05Z') }]]]);
    const [airflowRow, k8sRow] = buildLiveRows('zen', [s.get('airflow-nightly')!, s.get('k8s-nightly')!], runs, { now: NOW });
    assert.equal(airflowRow.health.health, 'ok');
    const row = liveRow(airflowRow, rowOptions);
    assert.match(row.description, /^record inactive — may still fire · /);
    assert.doesNotMatch(row.description, /paused/);
    assert.match(row.description, /next /);
    assert.equal(row.icon.id, 'warning');
    assert.ok(row.nextRuns.length > 0);
    assert.match(row.tooltip, /record inactive — may still fire/);
    assert.match(row.tooltip, /\$\(warning\) ZenML's record is inactive, but Airflow may still fire it/);
    assert.doesNotMatch(row.tooltip, /Paused: no runs/);
    assert.equal(row.tooltip.split("ZenML's record is inactive").length, 2, 'the warning once');
    // Silence is judged for it (nothing says it stopped): with no runs for a month it is silent.
    const [quiet] = buildLiveRows('zen', [s.get('airflow-nightly')!], new Map(), { now: NOW });
    assert.equal(quiet.health.health, 'silent');
    const k8s = liveRow(k8sRow, rowOptions);
    assert.match(k8s.description, /^paused · /);
    assert.equal(k8s.icon.id, 'debug-pause');
    assert.match(k8s.tooltip, /Paused: no runs until it is resumed/);
  });

  it('the timeline draws its runs and flags it "record inactive", not "paused"', async () => {
    const s = await listed();
    const [row] = buildLiveRows('zen', [s.get('airflow-nightly')!], null, { now: NOW });
    const flags = liveFlags(row, NOW);
    assert.deepEqual(flags.map((f) => f.kind), ['record-inactive']);
    assert.match(flags[0].text, /^record inactive — may still fire: /);
    assert.equal(liveRunsInWindow(row.schedule, NOW, new Date('2026-12-05T00:00:00Z')).runs.length, 2);
  });

  it('the CLI: list (text and JSON) and show say the same, with the warning; JSON keeps state "paused" plus stateText/stateWarning', async () => {
    const fake = server();
    const env = { ZS_KEY: 'ZENKEY_x' };
    const base = ['--zenml-url', 'http://zen.test', '--api-key-env', 'ZS_KEY'];
    const text = memoryIo(NOW);
    assert.equal(await runSchedules(['list', ...base], text, { env, fetch: fake.fetch }), 0, text.err);
    const line = text.out.split('\n').find((l) => l.includes('airflow-nightly') && !l.includes('warning'))!;
    assert.match(line, /record inactive — may still fire/);
    assert.doesNotMatch(line, /paused/);
    assert.match(text.out, /warning: airflow-nightly: ZenML's record is inactive, but Airflow may still fire it/);
    assert.match(text.out.split('\n').find((l) => l.includes('k8s-nightly'))!, /paused/);

    const js = memoryIo(NOW);
    assert.equal(await runSchedules(['list', ...base, '--json'], js, { env, fetch: fake.fetch }), 0, js.err);
    const rows = JSON.parse(js.out).schedules as { name: string; state: string; stateText: string; stateWarning: string | null; nextRun: string | null }[];
    const a = rows.find((r) => r.name === 'airflow-nightly')!;
    assert.equal(a.state, 'paused');
    assert.equal(a.stateText, RECORD_INACTIVE);
    assert.match(a.stateWarning ?? '', /Airflow may still fire it/);
    assert.notEqual(a.nextRun, null);
    const k = rows.find((r) => r.name === 'k8s-nightly')!;
    assert.deepEqual([k.state, k.stateText, k.stateWarning, k.nextRun], ['paused', 'paused', null, null]);

    const show = memoryIo(NOW);
    assert.equal(await runSchedules(['show', 'airflow-nightly', ...base], show, { env, fetch: fake.fetch }), 0, show.err);
    assert.match(show.out, /state: +record inactive — may still fire/);
    assert.match(show.out, /warning: +ZenML's record is inactive, but Airflow may still fire it/);
  });
});
