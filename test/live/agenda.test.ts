// `zenml-schedules agenda` with a live connection, against a REAL ZenML 0.98 server (test/live/
// zenml-server.ts: started once for this file, authentication on, seeded by seed.py): the live runs
// beside the code's, collisions per connection, an overlap from runs that really took longer than
// their interval, a failing schedule, drift between the code and the server.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { memoryIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/run';
import { createSchedule } from './zenmlServer';
import { createScheduleRecord, startZenmlServer, type SeededServer } from './zenml-server';

interface AgendaJson {
  runs: { at: string; pipeline: string | null; schedule: string; source: string; orchestrator: string | null }[];
  collisions: { at: string; orchestrator: string; runs: { schedule: string; source: string }[] }[];
  overlaps: { pipeline: string | null; schedule: string; source: string; intervalSeconds: number; typicalDurationSeconds: number }[];
  marks: { schedule: string; source: string; kind: string; text: string }[];
  errors: unknown[];
}

describe('agenda with a live ZenML server', { timeout: 900_000 }, () => {
  let zenml: SeededServer;
  let folder: string;
  const KEY = 'ZS_AGENDA_TEST_KEY';

  before(async () => {
    zenml = await startZenmlServer();
    process.env[KEY] = zenml.apiKey;
    // Two pipelines on the same connection two minutes apart (different orchestrators): a collision.
    await createScheduleRecord(zenml, { name: 'train-nightly', cron: '0 2 * * *', orchestratorId: zenml.airflowId, pipelineId: zenml.pipelines.train });
    await createScheduleRecord(zenml, { name: 'etl-nightly', cron: '2 2 * * *', orchestratorId: zenml.kubernetesId, pipelineId: zenml.pipelines.etl });
    // Every 2 s, with runs that really last 3 s: they pile up.
    const token = await zenml.token();
    const fast = await createSchedule(zenml.server, token, {
      name: 'report-fast',
      project: zenml.projectId,
      orchestrator_id: zenml.airflowId,
      pipeline_id: zenml.pipelines.report,
      interval_second: 2,
      start_time: new Date().toISOString().replace('Z', ''),
    });
    await zenml.server.seed(['timed-runs', fast.id, '3', '2']);
    const failing = await createScheduleRecord(zenml, { name: 'etl-weekly', cron: '0 5 * * 1', orchestratorId: zenml.airflowId, pipelineId: zenml.pipelines.etl });
    await zenml.server.seed(['runs', failing.id, 'completed', 'failed']);
    // The code schedules `train` at 04:00; the server at 02:00: drift.
    folder = mkdtempSync(join(tmpdir(), 'agenda-live-'));
    writeFileSync(
      join(folder, 'train.py'),
      [
        'from zenml import pipeline',
        'from zenml.config.schedule import Schedule',
        '',
        '@pipeline',
        'def train() -> None:',
        '    pass',
        '',
        'train.with_options(schedule=Schedule(name="train-nightly", cron_expression="0 4 * * *"))()',
        '',
      ].join('\n'),
    );
  });

  after(async () => {
    delete process.env[KEY];
    if (folder) rmSync(folder, { recursive: true, force: true });
    await zenml?.stop();
  });

  it('lists live runs beside the code runs, with collisions per connection, the overlap, failing and drift marks', async () => {
    const io = memoryIo();
    const code = await runCli(['agenda', folder, '--zenml-url', zenml.url, '--api-key-env', KEY, '--hours', '48', '--display-tz', 'UTC', '--json'], io);
    assert.equal(code, 0, io.err);
    const agenda = JSON.parse(io.out) as AgendaJson;
    assert.deepEqual(agenda.errors, []);
    const live = agenda.runs.filter((r) => r.source === 'zenml');
    const codeRuns = agenda.runs.filter((r) => r.source === 'workspace');
    assert.equal(codeRuns.filter((r) => r.pipeline === 'train').length, 2, JSON.stringify(codeRuns));
    const nightly = live.filter((r) => r.schedule === 'train-nightly');
    assert.equal(nightly.length, 2);
    assert.ok(nightly.every((r) => r.at.endsWith('T02:00:00Z') && r.orchestrator === 'airflow'), JSON.stringify(nightly));
    // Collisions among live runs are per connection: train (airflow) and etl (kubernetes) both on `zenml`.
    const collision = agenda.collisions.find((c) => c.runs.some((r) => r.schedule === 'train-nightly'));
    assert.ok(collision, JSON.stringify(agenda.collisions.slice(0, 3)));
    assert.equal(collision.orchestrator, 'zenml');
    assert.deepEqual(collision.runs.map((r) => r.schedule).sort(), ['etl-nightly', 'train-nightly']);
    // The code's 04:00 run does not collide with the server's runs (another target).
    assert.ok(!agenda.collisions.some((c) => c.runs.some((r) => r.source === 'workspace') && c.runs.some((r) => r.source === 'zenml')));
    // The overlap: runs every 2 s that took about 3 s (the server's own created / finished stamps).
    const overlap = agenda.overlaps.find((o) => o.schedule === 'report-fast');
    assert.ok(overlap, JSON.stringify(agenda.overlaps));
    assert.equal(overlap.pipeline, 'report');
    assert.equal(overlap.source, 'zenml');
    assert.equal(overlap.intervalSeconds, 2);
    assert.ok(overlap.typicalDurationSeconds >= 3 && overlap.typicalDurationSeconds < 60, JSON.stringify(overlap));
    assert.equal(agenda.overlaps.length, 1, JSON.stringify(agenda.overlaps));
    const kinds = (schedule: string, source = 'zenml') => agenda.marks.filter((m) => m.schedule === schedule && m.source === source).map((m) => m.kind);
    assert.ok(kinds('etl-weekly').includes('failing'), JSON.stringify(agenda.marks));
    assert.deepEqual(kinds('train-nightly'), ['drift']);
    assert.match(agenda.marks.find((m) => m.schedule === 'train-nightly' && m.source === 'zenml')!.text, /cron \(code: 0 4 \* \* \*, zenml: 0 2 \* \* \*\)/);
    assert.deepEqual(kinds('train-nightly', 'workspace'), ['drift']);
  });

  it('the text agenda names the connection; --source picks one, an unknown one is a usage error', async () => {
    const io = memoryIo();
    assert.equal(await runCli(['agenda', '--zenml-url', zenml.url, '--api-key-env', KEY, '--source', 'zenml', '--hours', '24', '--display-tz', 'UTC'], io), 0, io.err);
    assert.match(io.out, /collision at .* on connection zenml: (train, etl|etl, train)/);
    assert.match(io.out, /overlap: report \(zenml\) runs every 2 s but its runs take about \d+ s/);
    assert.match(io.out, /failing: etl · etl-weekly \(zenml\): last run .* failed/);
    const wrong = memoryIo();
    assert.equal(await runCli(['agenda', '--zenml-url', zenml.url, '--api-key-env', KEY, '--source', 'nope'], wrong), 2);
    assert.match(wrong.err, /no connection named 'nope'/);
  });
});
