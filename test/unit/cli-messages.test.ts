// The command line's messages: DST notes in `explain`, impossible dates, negative
// counts, unknown options, long expressions, and remedies phrased for a terminal.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { attachNegativeNumbers, parseInstant, UsageError } from '../../src/cli/args';
import { ECHO_MAX, clipAround } from '../../src/cli/explain';
import { memoryIo } from '../../src/cli/io';
import { cliDetectionMessage } from '../../src/cli/orchestratorOption';
import { runCli } from '../../src/cli/run';
import { detectionError } from '../../src/zenml/runner';

const NOW = new Date('2026-12-01T12:00:00Z');

async function run(...argv: string[]) {
  const io = memoryIo(NOW);
  const code = await runCli(argv, io);
  return { code, out: io.out, err: io.err };
}

describe('cli: explain prints the dialect notes (DST days)', () => {
  const argv = ['explain', '0 2 * * *', '--orchestrator', 'kubernetes', '--tz', 'Europe/Berlin', '--from', '2026-03-01T00:00:00Z', '--count', '2'];

  it('as note: lines in human output', async () => {
    const r = await run(...argv);
    assert.equal(r.code, 0);
    const notes = r.out.split('\n').filter((line) => line.startsWith('note: '));
    assert.equal(notes.length, 2, r.out);
    assert.match(notes[0], /29 March 2026/);
    assert.match(notes[1], /25 October 2026/);
  });

  it('as "notes" in JSON; [] when the zone has no DST', async () => {
    const r = await run(...argv, '--json');
    const json = JSON.parse(r.out);
    assert.equal(json.notes.length, 2);
    assert.ok(json.notes.every((n: unknown) => typeof n === 'string' && n.includes('Europe/Berlin')));
    const utc = JSON.parse((await run('explain', '0 2 * * *', '--orchestrator', 'kubernetes', '--tz', 'UTC', '--json')).out);
    assert.deepEqual(utc.notes, []);
  });
});

describe('cli: --from rejects impossible dates', () => {
  for (const bad of ['2026-02-30T00:00:00Z', '2026-02-29', '2026-04-31T09:00:00', '2026-12-01T24:00:00Z', '2026-13-01']) {
    it(`${bad}: exit 2`, async () => {
      const r = await run('explain', '0 3 * * *', '--from', bad);
      assert.equal(r.code, 2);
      assert.match(r.err, /--from: '.*' is not a real date and time/);
      assert.equal(r.out, '');
    });
  }

  it('real dates still parse: a leap day, no offset = UTC, an offset', () => {
    assert.equal(parseInstant('2028-02-29', '--from').toISOString(), '2028-02-29T00:00:00.000Z');
    assert.equal(parseInstant('2026-12-01T09:30:00', '--from').toISOString(), '2026-12-01T09:30:00.000Z');
    assert.equal(parseInstant('2026-12-01T09:30:00+01:00', '--from').toISOString(), '2026-12-01T08:30:00.000Z');
    assert.throws(() => parseInstant('yesterday', '--from'), (e: unknown) => e instanceof UsageError && /not an ISO-8601/.test(e.message));
  });
});

describe('cli: usage messages', () => {
  for (const argv of [['--count', '-1'], ['--count=-1'], ['--count', '-20']]) {
    it(`${argv.join(' ')}: the range message, not node's "ambiguous"`, async () => {
      const r = await run('explain', '0 3 * * *', ...argv);
      assert.equal(r.code, 2);
      assert.match(r.err, /^error: --count: -\d+ is out of range 1-1000\n/);
      assert.doesNotMatch(r.err, /ambiguous/);
    });
  }

  it('attachNegativeNumbers joins only string options, and nothing after --', () => {
    const options = { count: { type: 'string' as const }, json: { type: 'boolean' as const } };
    assert.deepEqual(attachNegativeNumbers(['x', '--count', '-1'], options), ['x', '--count=-1']);
    assert.deepEqual(attachNegativeNumbers(['--json', '-1'], options), ['--json', '-1']);
    assert.deepEqual(attachNegativeNumbers(['--', '--count', '-1'], options), ['--', '--count', '-1']);
    assert.deepEqual(attachNegativeNumbers(['--count', '--json'], options), ['--count', '--json']);
  });

  it('an unknown option: one line, balanced quotes', async () => {
    const r = await run('explain', '0 3 * * *', '--bogus');
    assert.equal(r.code, 2);
    const first = r.err.split('\n')[0];
    assert.match(first, /^error: unknown option '--bogus'/);
    assert.equal((first.match(/'/g) ?? []).length % 2, 0, first);
    assert.equal((first.match(/"/g) ?? []).length % 2, 0, first);
  });
});

describe('cli: a huge expression is clipped when echoed', () => {
  it('a 100 KB expression: no line longer than the clip, … marks the cut', async () => {
    const expression = `0 3 * * ${'1,'.repeat(50_000)}9`;
    const r = await run('explain', expression);
    assert.equal(r.code, 1);
    assert.ok(r.out.length < 1000, `output is ${r.out.length} characters`);
    for (const line of r.out.split('\n')) assert.ok(line.length <= ECHO_MAX + 60, line.slice(0, 80));
    assert.match(r.out, /…/);
    assert.match(r.out, /\^/);
  });

  it('clipAround keeps the marked range under the bad field', () => {
    const text = `0 3 * * ${'1,'.repeat(200)}99`;
    const start = text.length - 2;
    const clipped = clipAround(text, start, text.length);
    assert.ok(clipped.text.length <= ECHO_MAX + 2);
    assert.ok(clipped.text.startsWith('…'));
    assert.equal(clipped.text.slice(clipped.start, clipped.end), '99');
    const short = clipAround('0 3 * * 9', 8, 9);
    assert.deepEqual(short, { text: '0 3 * * 9', start: 8, end: 9 });
    const middle = clipAround('x'.repeat(500) + 'BAD' + 'y'.repeat(500), 500, 503, 40);
    assert.equal(middle.text.slice(middle.start, middle.end), 'BAD');
    assert.ok(middle.text.startsWith('…') && middle.text.endsWith('…'));
  });
});

describe('cli: ZenML detection remedies are phrased for the terminal', () => {
  it('check --python with a missing interpreter says --python PATH', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'zs-cli-python-'));
    const r = await run('check', '--python', '/nonexistent/bin/python3', empty).finally(() => rmSync(empty, { recursive: true, force: true }));
    const text = r.out + r.err;
    assert.match(text, /--python PATH/);
    assert.doesNotMatch(text, /zenmlSchedules\./);
  });

  it('every detection error code: no editor settings or log in the message', () => {
    const codes = ['interpreter-not-found', 'zenml-not-installed', 'zenml-too-old', 'timeout', 'stack-not-found', 'helper-failed'] as const;
    for (const code of codes) {
      const message = cliDetectionMessage(detectionError(code, '/usr/bin/python3', 'stopped after 10 s', '0.80.0', '0.50.0'));
      assert.doesNotMatch(message, /zenmlSchedules\.|select an interpreter|ZenML Schedules log/i, `${code}: ${message}`);
      assert.ok(message.length > 10, code);
    }
  });
});
