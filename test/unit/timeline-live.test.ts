// The timeline's live parts: lanes from live connections (runs in the window in the orchestrator's
// dialect, health / window / drift marks), overlaps from run durations, collisions per connection,
// grouping by source and orchestrator, the page's marks, run end times from ZenML, and `agenda`'s
// connection options (a real server: test/live/agenda.test.ts).

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { LiveRun, LiveSchedule } from '../../src/adapters/types';
import { parseRun } from '../../src/adapters/zenmlModels';
import { memoryIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/run';
import { buildLiveRows } from '../../src/workspace/liveModel';
import {
  buildAgenda,
  layoutTimeline,
  liveRunsInWindow,
  markDriftOnCode,
  timelineScheduleOfLive,
  typicalDuration,
  type TimelineSchedule,
} from '../../src/workspace/timeline';
import { durationText, renderTimelinePage, wallClock, zoneTable } from '../../src/workspace/timelineHtml';
import { liveSchedule } from './live-fixtures';

const T = (s: string) => new Date(s);
const NOW = T('2026-12-02T00:00:00Z');
const TO = T('2026-12-03T00:00:00Z');

function live(over: Partial<LiveSchedule> = {}): LiveSchedule {
  return liveSchedule({ catchup: false, created: T('2026-11-01T00:00:00Z'), zenmlId: 'id-1', ...over });
}

/** A finished run: created at `created`, ended `seconds` later. */
const done = (created: string, seconds: number, status = 'completed'): LiveRun => ({ id: created, status, created: T(created), ended: new Date(T(created).getTime() + seconds * 1000) });

function lane(source: string, schedule: LiveSchedule, runs: LiveRun[] = [], code?: Parameters<typeof buildLiveRows>[3]['code']): TimelineSchedule {
  const [row] = buildLiveRows(source, [schedule], new Map([[schedule.id, runs]]), { now: NOW, code });
  const made = timelineScheduleOfLive(row, { id: `${source}/${schedule.id}`, from: NOW, to: TO, now: NOW });
  assert.ok(made);
  return made;
}

describe('timeline live: runs in the window', () => {
  it('cron in the orchestrator dialect and zone; cut at the end time; none unless active', () => {
    const berlin = liveRunsInWindow(live({ timeZone: 'Europe/Berlin' }), NOW, TO);
    assert.deepEqual(berlin.runs.map((d) => d.toISOString()), ['2026-12-02T02:00:00.000Z']);
    const ending = liveRunsInWindow(live({ expression: '0 */6 * * *', endTime: T('2026-12-02T13:00:00Z') }), NOW, TO);
    assert.deepEqual(ending.runs.map((d) => d.getUTCHours()), [6, 12]);
    assert.equal(liveRunsInWindow(live({ state: 'paused' }), NOW, TO).runs.length, 0);
    // Kubeflow reads six fields, seconds first.
    assert.equal(liveRunsInWindow(live({ orchestrator: 'kubeflow', expression: '0 30 * * * *' }), NOW, TO).runs.length, 24);
  });
  it('interval from the start time; once inside the window only', () => {
    const every = liveRunsInWindow(live({ kind: 'interval', expression: null, intervalSeconds: 8 * 3600, startTime: T('2026-12-01T01:00:00Z') }), NOW, TO);
    assert.deepEqual(every.runs.map((d) => d.getUTCHours()), [1, 9, 17]);
    assert.equal(liveRunsInWindow(live({ kind: 'once', expression: null, runOnceTime: T('2026-12-02T05:00:00Z') }), NOW, TO).runs.length, 1);
    assert.equal(liveRunsInWindow(live({ kind: 'once', expression: null, runOnceTime: T('2026-12-04T05:00:00Z') }), NOW, TO).runs.length, 0);
  });
});

describe('timeline live: overlaps', () => {
  it('typical duration: the median of the newest finished runs with an end time; null without one', () => {
    assert.equal(typicalDuration([done('2026-12-01T01:00:00Z', 100), done('2026-12-01T02:00:00Z', 900), done('2026-12-01T03:00:00Z', 300)]), 300);
    assert.equal(typicalDuration([done('2026-12-01T01:00:00Z', 100), done('2026-12-01T02:00:00Z', 200)]), 150);
    // Only the newest five count: the old slow ones do not.
    const old = [1, 2, 3].map((h) => done(`2026-11-01T0${h}:00:00Z`, 9000));
    const recent = [1, 2, 3, 4, 5].map((h) => done(`2026-12-01T0${h}:00:00Z`, 60));
    assert.equal(typicalDuration([...old, ...recent]), 60);
    assert.equal(typicalDuration([{ id: 'r', status: 'running', created: NOW }]), null);
  });
  it('a schedule every 5 minutes whose runs take 7 is an overlap; one whose runs take 2 is not', () => {
    const slow = lane('prod', live({ id: 'slow', name: 'slow', expression: '*/5 * * * *' }), [done('2026-12-01T23:40:00Z', 420), done('2026-12-01T23:45:00Z', 400)]);
    const quick = lane('prod', live({ id: 'quick', name: 'quick', pipeline: 'etl', expression: '*/5 * * * *' }), [done('2026-12-01T23:50:00Z', 120)]);
    assert.equal(slow.intervalSeconds, 300);
    assert.equal(slow.typicalDurationSeconds, 410);
    const agenda = buildAgenda([slow, quick], { from: NOW, to: TO, collisionMinutes: 0 });
    assert.deepEqual(agenda.overlaps, [{ scheduleId: 'prod/slow', pipeline: 'train', schedule: 'slow', source: 'prod', intervalSeconds: 300, typicalDurationSeconds: 410 }]);
    // An interval schedule: its interval is the one it declares.
    const interval = lane('prod', live({ id: 'i', kind: 'interval', expression: null, intervalSeconds: 600, startTime: T('2026-12-01T00:00:00Z') }), [done('2026-12-01T23:00:00Z', 900)]);
    assert.equal(buildAgenda([interval], { from: NOW, to: TO, collisionMinutes: 5 }).overlaps.length, 1);
  });
});

describe('timeline live: marks', () => {
  it('failing and silent from health; ended; paused; drift from the code (and on the code lane)', () => {
    const failing = lane('prod', live({ id: 'f', name: 'f' }), [done('2026-12-01T03:00:00Z', 60, 'failed')]);
    assert.deepEqual(failing.flags?.map((f) => f.kind), ['failing']);
    const silent = lane('prod', live({ id: 's', name: 's', expression: '0 * * * *', created: T('2026-12-01T00:00:00Z') }), []);
    assert.deepEqual(silent.flags?.map((f) => f.kind), ['silent']);
    assert.match(silent.flags![0].text, /expected runs? missed/);
    const ended = lane('prod', live({ id: 'e', name: 'e', endTime: T('2026-12-01T12:00:00Z') }), [done('2026-12-01T03:00:00Z', 60)]);
    assert.deepEqual(ended.flags?.map((f) => f.kind), ['ended']);
    assert.match(ended.flags![0].text, /ended at 2026-12-01T12:00:00Z/);
    assert.equal(ended.runs.length, 0);
    const paused = lane('prod', live({ id: 'p', name: 'p', state: 'paused' }), [done('2026-12-01T03:00:00Z', 60)]);
    assert.deepEqual(paused.flags?.map((f) => f.kind), ['paused']);
    const code = [{ pipeline: 'train', kind: 'cron' as const, expression: '0 4 * * *', intervalSeconds: null, location: 'pipelines/train.py:12' }];
    const drifted = lane('prod', live({ id: 'd', name: 'd' }), [done('2026-12-01T03:00:00Z', 60)], code);
    assert.deepEqual(drifted.flags?.map((f) => f.kind), ['drift']);
    assert.match(drifted.flags![0].text, /code at pipelines\/train\.py:12: cron \(code: 0 4 \* \* \*, prod: 0 3 \* \* \*\)/);
    const codeLane: TimelineSchedule = { id: 'w', pipeline: 'train', label: 'nightly', source: 'workspace', orchestrator: 'kubernetes', description: '', runs: [], truncated: false, file: 'pipelines/train.py', line: 12 };
    const other: TimelineSchedule = { ...codeLane, id: 'w2', line: 30 };
    const marked = markDriftOnCode([codeLane, other, drifted]);
    assert.deepEqual(marked[0].flags?.map((f) => f.text), ['the live schedule d on prod differs from this code']);
    assert.equal(marked[1].flags, undefined);
  });
  it('archived schedules are not drawn', () => {
    const [row] = buildLiveRows('prod', [live({ state: 'archived' })], null, { now: NOW });
    assert.equal(timelineScheduleOfLive(row, { id: 'x', from: NOW, to: TO, now: NOW }), null);
  });
});

describe('timeline live: collisions and lanes', () => {
  it('live runs collide per connection (whatever their orchestrators), never with the code or another connection', () => {
    const a = lane('prod', live({ id: 'a', name: 'a', pipeline: 'train', orchestrator: 'kubernetes' }));
    const b = lane('prod', live({ id: 'b', name: 'b', pipeline: 'etl', orchestrator: 'airflow', expression: '2 3 * * *' }));
    const c = lane('staging', live({ id: 'c', name: 'c', pipeline: 'report' }));
    const code: TimelineSchedule = { id: 'w', pipeline: 'score', label: 'w', source: 'workspace', orchestrator: 'kubernetes', description: '', runs: [T('2026-12-02T03:00:00Z')], truncated: false };
    const agenda = buildAgenda([a, b, c, code], { from: NOW, to: TO, collisionMinutes: 5 });
    assert.equal(agenda.collisions.length, 1);
    assert.equal(agenda.collisions[0].target, 'prod');
    assert.deepEqual(agenda.collisions[0].runs.map((r) => r.scheduleId), ['prod/a', 'prod/b']);
  });
  it('lanes grouped by source (Workspace first) then orchestrator; overlap and flags on the lane; run length in pixels', () => {
    const slow = lane('prod', live({ id: 'slow', name: 'slow', expression: '0 * * * *' }), [done('2026-12-01T23:00:00Z', 5400, 'failed'), done('2026-12-01T22:00:00Z', 5400)]);
    const air = lane('prod', live({ id: 'air', name: 'air', orchestrator: 'airflow' }));
    const code: TimelineSchedule = { id: 'w', pipeline: 'score', label: 'w', source: 'workspace', orchestrator: 'vertex', description: '', runs: [T('2026-12-02T05:00:00Z')], truncated: false };
    const layout = layoutTimeline([slow, air, code], { from: NOW, to: TO, now: NOW, width: 960, displayZone: 'UTC', collisionMinutes: 5 });
    assert.deepEqual(layout.groups.map((g) => g.label), ['Workspace · vertex', 'prod · airflow', 'prod · kubernetes']);
    const slowLane = layout.groups[2].lanes[0];
    assert.equal(slowLane.overlap, true);
    assert.equal(slowLane.durationWidth, 60); // 1.5 h of 24 h on 960 px
    assert.deepEqual(slowLane.flags.map((f) => f.kind), ['failing']);
    assert.equal(layout.groups[1].lanes[0].overlap, false);
    assert.equal(layout.groups[1].lanes[0].durationWidth, null);
  });
});

describe('timeline live: the page', () => {
  const slow = lane('prod', live({ id: 'slow', name: 'slow', expression: '0 * * * *' }), [done('2026-12-01T23:00:00Z', 5400, 'failed')]);
  const layout = layoutTimeline([slow], { from: NOW, to: TO, now: NOW, width: 960, displayZone: 'Asia/Kolkata', collisionMinutes: 5 });
  const html = renderTimelinePage(layout, { displayZone: 'Asia/Kolkata', nonce: 'n', cspSource: 'c', hours: 24, collisionMinutes: 5 });
  it('the overlap is drawn (run lengths) and explained; the failing lane is marked and explained', () => {
    assert.equal((html.match(/<rect class="run-length" x="[\d.]+" y="-3" width="60" height="6"\/>/g) ?? []).length, 24);
    assert.match(html, /<li class="overlap"><strong>Overlap<\/strong>: train · slow \(prod\) starts every 60 min, but its recent runs took about 90 min, so runs pile up\.<\/li>/);
    assert.match(html, /<li class="flag flag-failing"><strong>Failing<\/strong>: train · slow \(prod\): last run/);
    assert.match(html, /<line class="lane flag-failing"/);
    assert.match(html, /<text class="badges flag-failing"[^>]*><title>[^<]*<\/title>✖ ⧉<\/text>/);
    assert.match(html, /1 schedule, 24 runs, 0 collisions, 1 overlap, 1 marked/);
  });
  it('times in a half-hour zone from the page zone table; durations in words', () => {
    const table = zoneTable('Asia/Kolkata', NOW, TO);
    assert.equal(wallClock(Date.parse('2026-12-02T03:00:00Z') / 1000, table), 'Wed 2 Dec 2026, 08:30 GMT+5:30');
    assert.equal(durationText(45), '45 s');
    assert.equal(durationText(420), '7 min');
    assert.equal(durationText(5400), '90 min');
    assert.equal(durationText(3 * 3600 + 300), '3 h 5 min');
  });
  it('a clock change inside the window splits the zone table', () => {
    const table = zoneTable('Europe/Berlin', T('2026-10-24T00:00:00Z'), T('2026-10-26T00:00:00Z'));
    assert.equal(table.length, 2);
    assert.equal(wallClock(Date.parse('2026-10-25T00:30:00Z') / 1000, table), 'Sun 25 Oct 2026, 02:30 CEST');
    assert.equal(wallClock(Date.parse('2026-10-25T01:30:00Z') / 1000, table), 'Sun 25 Oct 2026, 02:30 CET');
  });
});

describe('ZenML runs: end times', () => {
  it('metadata.end_time when hydrated; the last update of a finished run otherwise; none while in progress', () => {
    const base = { id: 'r1', name: 'run', body: { status: 'completed', created: '2026-12-01T03:00:00', updated: '2026-12-01T03:07:00', in_progress: false } };
    assert.equal(parseRun({ ...base, metadata: { end_time: '2026-12-01T03:06:30.123456' } })?.ended?.toISOString(), '2026-12-01T03:06:30.123Z');
    assert.equal(parseRun(base)?.ended?.toISOString(), '2026-12-01T03:07:00.000Z');
    assert.equal(parseRun({ ...base, body: { ...base.body, status: 'running', in_progress: true } })?.ended, undefined);
  });
});

describe('agenda: connection options', () => {
  const folder = mkdtempSync(join(tmpdir(), 'agenda-live-'));
  writeFileSync(join(folder, 'train.py'), 'from zenml.config.schedule import Schedule\nschedule = Schedule(cron_expression="0 3 * * *")\n');
  it('--source and --api-key-env need a connection option; paths are optional with one', async () => {
    const io = memoryIo();
    assert.equal(await runCli(['agenda', folder, '--source', 'prod'], io), 2);
    assert.match(io.err, /--source goes with --connections or --zenml-url/);
    const io2 = memoryIo();
    assert.equal(await runCli(['agenda', folder, '--api-key-env', 'K'], io2), 2);
    const io3 = memoryIo();
    assert.equal(await runCli(['agenda'], io3), 2);
    assert.match(io3.err, /at least one file or folder \(or --connections \/ --zenml-url\)/);
  });
  it('an unreachable server: the code runs are still listed, the error is reported, exit 3', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const io = memoryIo();
    const code = await runCli(['agenda', folder, '--zenml-url', `http://127.0.0.1:${port}`, '--json'], io);
    assert.equal(code, 3, io.err);
    const json = JSON.parse(io.out) as { runs: { source: string }[]; errors: { source: string; code: string }[] };
    assert.ok(json.runs.length >= 1 && json.runs.every((r) => r.source === 'workspace'));
    assert.deepEqual(json.errors.map((e) => [e.source, e.code]), [['zenml', 'unreachable']]);
    assert.match(io.err, /error: zenml: /);
  });
});
