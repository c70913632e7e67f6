// The .ics file of `zenml-schedules agenda --ics`, read by an independent parser (Python's
// `icalendar` from PyPI, in .tools/icalendar-venv made by test/setup/55-icalendar-venv.sh):
// every event matches a run of the JSON agenda, in both directions.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { memoryIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/run';

const PYTHON = resolve(__dirname, '../../.tools/icalendar-venv/bin/python');
const READ_ICS = `
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
events = []
for e in cal.walk('VEVENT'):
    start = e.decoded('DTSTART')
    events.append({'at': start.strftime('%Y-%m-%dT%H:%M:%SZ'), 'utc': start.utcoffset().total_seconds() == 0,
                   'summary': str(e.get('SUMMARY')), 'description': str(e.get('DESCRIPTION')), 'uid': str(e.get('UID'))})
print(json.dumps({'events': events, 'desc': str(cal.get('X-WR-CALDESC'))}))
`;

describe('agenda --ics, parsed by icalendar', () => {
  it('one event per run of the JSON agenda, at the same UTC instants, with schedule, orchestrator and source', async () => {
    assert.ok(existsSync(PYTHON), `${PYTHON} is missing: run bash test/setup/55-icalendar-venv.sh (npm test does)`);
    const dir = mkdtempSync(join(tmpdir(), 'zs-ics-'));
    writeFileSync(
      join(dir, 'flows.py'),
      [
        'from zenml import pipeline',
        'from zenml.config.schedule import Schedule',
        '@pipeline',
        'def train(): ...',
        '@pipeline',
        'def etl(): ...',
        'nightly = Schedule(name="nightly; train, v2", cron_expression="30 2 * * *")',
        'train.with_options(schedule=nightly)()',
        'etl.with_options(schedule=Schedule(cron_expression="*/45 * * * *"))()',
      ].join('\n'),
    );
    const now = new Date('2026-12-02T00:00:00Z');
    const file = join(dir, 'agenda.ics');
    const io = memoryIo(now);
    assert.equal(await runCli(['agenda', dir, '--orchestrator', 'airflow', '--days', '2', '--json', '--ics', file], io), 0, io.err);
    const agenda = JSON.parse(io.out) as { runs: { at: string; pipeline: string; schedule: string }[] };
    const parsed = spawnSync(PYTHON, ['-c', READ_ICS, file], { encoding: 'utf8' });
    assert.equal(parsed.status, 0, parsed.stderr);
    const { events, desc } = JSON.parse(parsed.stdout) as { events: { at: string; utc: boolean; summary: string; description: string; uid: string }[]; desc: string };
    assert.equal(events.length, agenda.runs.length);
    assert.ok(agenda.runs.length > 60, `${agenda.runs.length} runs`);
    assert.deepEqual(events.map((e) => e.at), agenda.runs.map((r) => r.at));
    assert.ok(events.every((e) => e.utc));
    assert.equal(new Set(events.map((e) => e.uid)).size, events.length, 'UIDs are unique');
    const nightly = events.find((e) => e.at === '2026-12-02T02:30:00Z');
    assert.ok(nightly);
    assert.equal(nightly.summary, 'train (airflow)');
    assert.match(nightly.description, /^Schedule: nightly; train, v2\nPipeline: train\nOrchestrator: airflow\nSource: workspace code\nCode: .*flows\.py:7$/);
    assert.match(desc, new RegExp(`${agenda.runs.length} runs`));
  });
});
