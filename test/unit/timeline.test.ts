// The timeline's pure parts: runs in a window, collisions and overlaps, the layout (lanes,
// positions, ticks, DST changes, now), the page, the agenda CLI and its .ics file.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { explainCron } from '../../src/cron';
import { discover } from '../../src/discovery';
import { runCli } from '../../src/cli/run';
import { memoryIo } from '../../src/cli/io';
import { agendaToIcs, escapeText, foldLine, MAX_ICS_EVENTS } from '../../src/workspace/ics';
import { buildAgenda, layoutTimeline, offsetChanges, runsInWindow, timelineScheduleOf, type TimelineSchedule } from '../../src/workspace/timeline';
import { markText, renderTimelinePage, zoneTable } from '../../src/workspace/timelineHtml';

const at = (iso: string) => new Date(iso);

function cronLane(id: string, pipeline: string | null, expression: string, from: Date, to: Date, extra: Partial<TimelineSchedule> = {}): TimelineSchedule {
  const { runs, truncated } = runsInWindow(
    (after, count) => explainCron(expression, { dialect: 'kubernetes', timeZone: extra.source === 'tz' ? 'Europe/Berlin' : 'UTC', from: after, count }).nextRuns,
    from,
    to,
  );
  return { id, pipeline, label: id, source: 'workspace', orchestrator: 'kubernetes', description: expression, runs, truncated, ...extra };
}

describe('timeline: runs in a window', () => {
  const from = at('2026-12-02T00:00:00Z');
  it('every run in (from, to], across batches of 1,000', () => {
    const to = at('2026-12-03T00:00:00Z');
    const lane = cronLane('minutely', 'p', '* * * * *', from, to);
    assert.equal(lane.runs.length, 1440); // 00:01 … 24:00
    assert.equal(lane.runs[0].toISOString(), '2026-12-02T00:01:00.000Z');
    assert.equal(lane.runs.at(-1)!.toISOString(), '2026-12-03T00:00:00.000Z');
    assert.equal(lane.truncated, false);
  });
  it('stops at the lane limit and says so', () => {
    const to = at('2026-12-09T00:00:00Z');
    const lane = cronLane('minutely', 'p', '* * * * *', from, to);
    assert.equal(lane.runs.length, 1500);
    assert.equal(lane.truncated, true);
  });
  it('a source that repeats its cursor does not loop', () => {
    const stuck = () => [from];
    assert.deepEqual(runsInWindow(stuck, from, at('2026-12-03T00:00:00Z')), { runs: [], truncated: false });
  });
});

describe('timeline: collisions and overlaps', () => {
  const from = at('2026-12-02T00:00:00Z');
  const to = at('2026-12-03T00:00:00Z');
  it('runs of different pipelines within the window on the same orchestrator collide; one pipeline with itself does not', () => {
    const a = cronLane('train', 'train', '0 3 * * *', from, to);
    const b = cronLane('etl', 'etl', '4 3 * * *', from, to);
    const c = cronLane('train-again', 'train', '2 3 * * *', from, to);
    const agenda = buildAgenda([a, b, c], { from, to, collisionMinutes: 5 });
    assert.equal(agenda.collisions.length, 1);
    assert.equal(agenda.collisions[0].at.toISOString(), '2026-12-02T03:00:00.000Z');
    assert.deepEqual(agenda.collisions[0].runs.map((r) => r.scheduleId), ['train', 'train-again', 'etl']);
    assert.equal(buildAgenda([a, c], { from, to, collisionMinutes: 5 }).collisions.length, 0, 'same pipeline');
    assert.equal(buildAgenda([a, b], { from, to, collisionMinutes: 3 }).collisions.length, 0, '4 minutes apart, window 3');
  });
  it('different orchestrators (workspace) or connections (live) never collide', () => {
    const a = cronLane('train', 'train', '0 3 * * *', from, to);
    const b = cronLane('etl', 'etl', '0 3 * * *', from, to, { orchestrator: 'airflow' });
    assert.equal(buildAgenda([a, b], { from, to, collisionMinutes: 5 }).collisions.length, 0);
    const liveA = cronLane('x', 'x', '0 3 * * *', from, to, { source: 'prod' });
    const liveB = cronLane('y', 'y', '0 3 * * *', from, to, { source: 'prod', orchestrator: 'airflow' });
    const collisions = buildAgenda([liveA, liveB], { from, to, collisionMinutes: 5 }).collisions;
    assert.equal(collisions.length, 1, 'the same connection');
    assert.equal(collisions[0].target, 'prod');
  });
  it('unattached schedules count as their own pipeline', () => {
    const a = cronLane('one', null, '0 3 * * *', from, to);
    const b = cronLane('two', null, '0 3 * * *', from, to);
    assert.equal(buildAgenda([a, b], { from, to, collisionMinutes: 0 }).collisions.length, 1);
  });
  it('an overlap: recent runs longer than the interval', () => {
    const a = cronLane('slow', 'slow', '*/10 * * * *', from, to, { intervalSeconds: 600, typicalDurationSeconds: 900 });
    const b = cronLane('fast', 'fast', '*/10 * * * *', from, to, { intervalSeconds: 600, typicalDurationSeconds: 60 });
    const overlaps = buildAgenda([a, b], { from, to, collisionMinutes: 0 }).overlaps;
    assert.deepEqual(overlaps.map((o) => o.scheduleId), ['slow']);
  });
});

describe('timeline: layout', () => {
  it('lanes grouped by source then orchestrator, Workspace first; x from the d3 UTC scale', () => {
    const from = at('2026-12-02T00:00:00Z');
    const to = at('2026-12-03T00:00:00Z');
    const lanes = [
      cronLane('live', 'live', '0 12 * * *', from, to, { source: 'prod' }),
      cronLane('k', 'k', '0 6 * * *', from, to),
      cronLane('a', 'a', '0 18 * * *', from, to, { orchestrator: 'airflow' }),
    ];
    const layout = layoutTimeline(lanes, { from, to, now: at('2026-12-02T09:00:00Z'), width: 960, displayZone: 'UTC', collisionMinutes: 5 });
    assert.deepEqual(layout.groups.map((g) => g.label), ['Workspace · airflow', 'Workspace · kubernetes', 'prod · kubernetes']);
    assert.deepEqual(layout.groups.map((g) => g.index), [0, 2, 4]);
    assert.equal(layout.laneCount, 6);
    const k = layout.groups[1].lanes[0];
    assert.equal(k.marks.length, 1);
    assert.equal(k.marks[0].x, 240); // 06:00 of 24 h on 960 px
    assert.equal(layout.now?.x, 360);
    assert.ok(layout.ticks.length >= 4 && layout.ticks.every((t) => t.x >= 0 && t.x <= 960));
    assert.ok(layout.ticks.some((t) => t.major && t.label.startsWith('Thu 3 Dec')), JSON.stringify(layout.ticks.map((t) => t.label)));
  });
  it('DST changes of the display zone are marked (Lord Howe: a half-hour change)', () => {
    const from = at('2026-10-03T00:00:00Z');
    const to = at('2026-10-05T00:00:00Z');
    const changes = offsetChanges('Australia/Lord_Howe', from, to);
    assert.equal(changes.length, 1);
    assert.equal(changes[0].after - changes[0].before, 1800);
    assert.equal(changes[0].at.toISOString(), '2026-10-03T15:30:00.000Z'); // 02:00 LHST = 15:30 UTC
    const layout = layoutTimeline([], { from, to, now: from, width: 960, displayZone: 'Australia/Lord_Howe', collisionMinutes: 5 });
    assert.equal(layout.dstChanges.length, 1);
    assert.match(layout.dstChanges[0].label, /UTC\+10:30 → UTC\+11:00/);
    assert.equal(offsetChanges('UTC', from, to).length, 0);
  });
  it('a DST day in Berlin: the lane of a Berlin cron keeps 02:30 local only when it exists', () => {
    const from = at('2026-03-28T00:00:00Z');
    const to = at('2026-03-30T00:00:00Z');
    const lane = cronLane('berlin', 'p', '30 2 * * *', from, to, { source: 'tz' });
    // 29 March 2026 has no 02:30 in Berlin: robfig (Kubernetes) skips it.
    assert.deepEqual(lane.runs.map((r) => r.toISOString()), ['2026-03-28T01:30:00.000Z']);
  });
});

describe('timeline: the page', () => {
  const from = at('2026-12-02T00:00:00Z');
  const to = at('2026-12-03T00:00:00Z');
  const lanes = [cronLane('train', 'train <b>', '0 3 * * *', from, to), cronLane('etl', 'etl', '1 3 * * *', from, to)];
  const layout = layoutTimeline(lanes, { from, to, now: from, width: 960, displayZone: 'Europe/Berlin', collisionMinutes: 5 });
  const html = renderTimelinePage(layout, { displayZone: 'Europe/Berlin', nonce: 'N0NCE', cspSource: 'vscode-resource:', hours: 24, collisionMinutes: 5 });
  it('a strict CSP: nothing loads but nonce-tagged inline style and script', () => {
    assert.match(html, /default-src 'none'; img-src vscode-resource:; style-src 'nonce-N0NCE'; script-src 'nonce-N0NCE';/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="N0NCE">/);
  });
  it('marks are compact circles the script labels in both zones; collisions drawn and explained; text escaped', () => {
    assert.equal((html.match(/<circle class="mark colliding" cx="[\d.]+" data-t="\d+"\/>/g) ?? []).length, 2);
    // The words a mark gets (aria-label and hover) come from the lane data the page carries.
    assert.equal(
      markText({ title: 'train · train', orchestrator: 'kubernetes', source: 'workspace' }, Date.parse('2026-12-02T03:00:00Z') / 1000, zoneTable('Europe/Berlin', from, to), { colliding: true, overlap: false }),
      'train · train: Wed 2 Dec 2026, 04:00 CET (UTC 2026-12-02T03:00:00Z), kubernetes, workspace code, collides',
    );
    assert.match(html, /"title":"train \\u003cb> · train"/);
    assert.match(html, /Collision<\/strong> at Wed 2 Dec 2026, 04:00 CET: train &lt;b&gt;, etl start within 1 min/);
    assert.doesNotMatch(html, /train <b>/);
    assert.match(html, /<details id="table"><summary>The same runs as a table<\/summary><\/details>/);
    // The script is one that parses (its helpers are the functions above, as their own source).
    const script = html.slice(html.indexOf('<script nonce="N0NCE">') + '<script nonce="N0NCE">'.length, html.lastIndexOf('</script>'));
    assert.doesNotThrow(() => new Function(script));
    assert.match(script, /"zone":"Europe\/Berlin"/);
  });
  it('an empty window says so', () => {
    const empty = renderTimelinePage(layoutTimeline([], { from, to, now: from, width: 960, displayZone: 'UTC', collisionMinutes: 5 }), {
      displayZone: 'UTC',
      nonce: 'n',
      cspSource: 'x',
      hours: 24,
      collisionMinutes: 5,
    });
    assert.match(empty, /No schedule runs in this window/);
  });
});

describe('timeline: schedules from code', () => {
  it('a discovered Schedule gets its runs from the same summary as list (start_time honoured)', () => {
    const code = [
      'from datetime import datetime, timezone',
      'from zenml import pipeline',
      'from zenml.config.schedule import Schedule',
      '@pipeline',
      'def feature_pipeline(): ...',
      'feature_pipeline.with_options(schedule=Schedule(start_time=datetime(2026, 12, 2, 6, 0, tzinfo=timezone.utc), interval_second=3600))()',
    ].join('\n');
    const [schedule] = discover(code, 'flows.py').schedules;
    const from = at('2026-12-02T00:00:00Z');
    const item = timelineScheduleOf(schedule, { id: 'x', source: 'workspace', orchestrator: 'kubeflow', summary: { dialect: 'kubeflow' }, from, to: at('2026-12-02T12:00:00Z') });
    assert.ok(item);
    assert.equal(item.pipeline, 'feature_pipeline');
    assert.equal(item.intervalSeconds, 3600);
    assert.deepEqual(item.runs.map((r) => r.getUTCHours()), [6, 7, 8, 9, 10, 11, 12]);
  });
});

describe('cli: agenda', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zs-agenda-'));
  writeFileSync(
    join(dir, 'flows.py'),
    [
      'from zenml import pipeline',
      'from zenml.config.schedule import Schedule',
      '@pipeline',
      'def train(): ...',
      '@pipeline',
      'def etl(): ...',
      'train.with_options(schedule=Schedule(cron_expression="0 3 * * *"))()',
      'etl.with_options(schedule=Schedule(cron_expression="2 3 * * *"))()',
    ].join('\n'),
  );
  const now = at('2026-12-02T00:00:00Z');

  it('--json: runs in order, the collision and no overlaps, as the issue shapes them', async () => {
    const io = memoryIo(now);
    const code = await runCli(['agenda', dir, '--orchestrator', 'kubernetes', '--days', '2', '--json'], io);
    assert.equal(code, 0, io.err);
    const json = JSON.parse(io.out);
    assert.deepEqual(
      json.runs.map((r: { at: string; pipeline: string }) => `${r.at} ${r.pipeline}`),
      ['2026-12-02T03:00:00Z train', '2026-12-02T03:02:00Z etl', '2026-12-03T03:00:00Z train', '2026-12-03T03:02:00Z etl'],
    );
    assert.deepEqual(Object.keys(json.runs[0]).sort(), ['at', 'file', 'line', 'orchestrator', 'pipeline', 'schedule', 'source']);
    assert.equal(json.runs[0].line, 7);
    assert.equal(json.collisions.length, 2);
    assert.equal(json.collisions[0].at, '2026-12-02T03:00:00Z');
    assert.deepEqual(json.collisions[0].runs.map((r: { pipeline: string }) => r.pipeline), ['train', 'etl']);
    assert.deepEqual(json.overlaps, []);
  });
  it('--collision-minutes 1 separates them; text output lists runs in the display zone', async () => {
    const io = memoryIo(now);
    assert.equal(await runCli(['agenda', dir, '--orchestrator', 'kubernetes', '--collision-minutes', '1', '--display-tz', 'Asia/Kathmandu'], io), 0, io.err);
    assert.match(io.out, /2026-12-02 08:45/); // 03:00 UTC in Kathmandu (+05:45)
    assert.match(io.out, /2 runs, 0 collisions, 0 overlaps/);
  });
  it('bad usage: both --hours and --days, an unknown zone, a missing path', async () => {
    for (const argv of [['agenda', dir, '--hours', '2', '--days', '1'], ['agenda', dir, '--display-tz', 'Mars/Base'], ['agenda', join(dir, 'nope')], ['agenda', dir, '--days', '40']]) {
      const io = memoryIo(now);
      assert.equal(await runCli(argv, io), 2, argv.join(' '));
      assert.match(io.err, /error:/);
    }
  });
  it('--ics writes one event per run, UTC stamps, escaped text; an unwritable path exits 1', async () => {
    const file = join(dir, 'runs.ics');
    const io = memoryIo(now);
    assert.equal(await runCli(['agenda', dir, '--orchestrator', 'kubernetes', '--days', '2', '--ics', file], io), 0, io.err);
    const ics = readFileSync(file, 'utf8');
    assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length, 4);
    assert.match(ics, /DTSTART:20261202T030000Z\r\n/);
    assert.ok(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75), 'folded at 75 octets');
    const bad = memoryIo(now);
    assert.equal(await runCli(['agenda', dir, '--ics', join(dir, 'no-such-dir', 'x.ics')], bad), 1);
    assert.match(bad.err, /could not write/);
  });
});

describe('ics', () => {
  it('escapes TEXT and folds long lines without splitting a character', () => {
    assert.equal(escapeText('a;b,c\\d\ne'), 'a\\;b\\,c\\\\d\\ne');
    const long = `DESCRIPTION:${'é'.repeat(80)}`;
    const folded = foldLine(long);
    assert.ok(folded.split('\r\n').every((l) => Buffer.byteLength(l) <= 75));
    assert.equal(folded.replace(/\r\n /g, ''), long);
  });
  it('at most 5,000 events, and the calendar says it was cut', () => {
    const from = at('2026-12-02T00:00:00Z');
    const to = at('2026-12-09T00:00:00Z');
    const lanes = [0, 1, 2, 3].map((i) => cronLane(`m${i}`, `p${i}`, '* * * * *', from, to));
    const agenda = buildAgenda(lanes, { from, to, collisionMinutes: 0 });
    assert.equal(agenda.runs.length, 6000);
    const ics = agendaToIcs(agenda, from);
    assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length, MAX_ICS_EVENTS);
    assert.match(ics.replace(/\r\n /g, ''), /X-WR-CALDESC:.*the first 5000 of 6000 runs/);
  });
});
