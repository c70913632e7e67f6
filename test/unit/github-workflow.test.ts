// Reading the schedule entries of GitHub Actions workflow files (src/adapters/githubWorkflow.ts) and
// editing one entry's cron in the workspace copy (src/workspace/sourceFileEdit.ts).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWorkflowSchedules, zenmlWorkflowPipeline } from '../../src/adapters/githubWorkflow';
import { sourceFileEdit } from '../../src/workspace/sourceFileEdit';

describe('GitHub workflow files: on.schedule entries', () => {
  it('reads cron and timezone: of each entry, in order', () => {
    const r = parseWorkflowSchedules("name: nightly\non:\n  schedule:\n    - cron: '0 3 * * *'\n      timezone: Europe/Berlin\n    - cron: \"30 5 * * 1-5\"\n  workflow_dispatch: {}\njobs:\n  run: {runs-on: ubuntu-latest, steps: []}\n");
    assert.deepEqual(r, {
      ok: true,
      name: 'nightly',
      entries: [
        { index: 0, cron: '0 3 * * *', timezone: 'Europe/Berlin' },
        { index: 1, cron: '30 5 * * 1-5', timezone: null },
      ],
    });
  });

  it('no schedule: push-only workflows, a list of events, an empty file, an empty schedule', () => {
    for (const text of ['on: push\n', 'on: [push, pull_request]\n', '', 'on:\n  push:\n    branches: [main]\n', 'on:\n  schedule:\n']) {
      const r = parseWorkflowSchedules(text);
      assert.ok(r.ok, text);
      assert.deepEqual(r.entries, [], text);
    }
  });

  it('an entry without a cron string is kept with cron null (the row says so)', () => {
    const r = parseWorkflowSchedules('on:\n  schedule:\n    - timezone: UTC\n    - cron: 5\n');
    assert.ok(r.ok);
    assert.deepEqual(r.entries.map((e) => e.cron), [null, null]);
  });

  it('malformed YAML, a non-mapping file and a non-list schedule give a clear message, never a throw', () => {
    const bad = parseWorkflowSchedules("on:\n  schedule:\n    - cron: '0 1 * * *'\n   bad: [\n");
    assert.ok(!bad.ok);
    assert.match(bad.message, /not valid YAML at line \d+, column \d+/);
    const dup = parseWorkflowSchedules('on: push\non: pull_request\n');
    assert.ok(!dup.ok);
    assert.match(dup.message, /not valid YAML/);
    const list = parseWorkflowSchedules('- a\n- b\n');
    assert.ok(!list.ok);
    assert.match(list.message, /not a mapping/);
    const scalar = parseWorkflowSchedules("on:\n  schedule: '0 3 * * *'\n");
    assert.ok(!scalar.ok);
    assert.match(scalar.message, /on\.schedule must be a list/);
    const huge = parseWorkflowSchedules('#'.repeat(2 * 1024 * 1024));
    assert.ok(!huge.ok);
    assert.match(huge.message, /larger than/);
    const binary = parseWorkflowSchedules('on:\0');
    assert.ok(!binary.ok);
  });

  it('a bare `on` read as true by YAML 1.1 readers is still the trigger key', () => {
    const r = parseWorkflowSchedules("%YAML 1.1\n---\ntrue:\n  schedule:\n    - cron: '0 0 * * *'\n");
    assert.ok(r.ok);
    assert.equal(r.entries[0]?.cron, '0 0 * * *');
  });

  it("ZenML's file names give the pipeline; others none", () => {
    assert.equal(zenmlWorkflowPipeline('.github/workflows/train_model-scheduled-20260101120000.yaml'), 'train_model');
    assert.equal(zenmlWorkflowPipeline('.github/workflows/my-pipe-scheduled-2026_01_01-12_00_00.yml'), 'my-pipe');
    assert.equal(zenmlWorkflowPipeline('.github/workflows/ci.yml'), null);
    assert.equal(zenmlWorkflowPipeline('.github/workflows/scheduled-report.yml'), null);
  });
});

describe('editing a schedule entry in the workspace copy of a workflow file', () => {
  const file = "on:\n  schedule:\n    - cron: '0 3 * * *'\n      timezone: Europe/Berlin\n    - cron: \"30 5 * * 1-5\"\njobs: {}\n";
  const edit = (text: string, entry: number, expression: string) => sourceFileEdit(text, { operations: ['update'], path: '.github/workflows/n.yml', format: 'github-workflow', entry }, expression);
  const apply = (text: string, e: { start: number; end: number; newText: string }) => text.slice(0, e.start) + e.newText + text.slice(e.end);

  it('replaces only the cron value of the chosen entry, quoted, keeping everything else', () => {
    const first = edit(file, 0, '15 4 * * *');
    assert.ok(first.ok, JSON.stringify(first));
    const out = apply(file, first);
    assert.equal(out, file.replace("'0 3 * * *'", '"15 4 * * *"'));
    assert.equal(first.line, 2);
    const second = edit(file, 1, '0 6 * * 1');
    assert.ok(second.ok);
    assert.equal(apply(file, second), file.replace('"30 5 * * 1-5"', '"0 6 * * 1"'));
    const reread = parseWorkflowSchedules(apply(file, second));
    assert.ok(reread.ok);
    assert.deepEqual(reread.entries.map((e) => e.cron), ['0 3 * * *', '0 6 * * 1']);
  });

  it('says why when the file changed meanwhile (no such entry, no cron, not a workflow)', () => {
    const missing = edit(file, 5, '0 1 * * *');
    assert.ok(!missing.ok);
    assert.match(missing.message, /has 2 schedule entries, not 6/);
    const noCron = edit("on:\n  schedule:\n    - timezone: UTC\n", 0, '0 1 * * *');
    assert.ok(!noCron.ok);
    assert.match(noCron.message, /no cron/);
    const broken = edit('on: [\n', 0, '0 1 * * *');
    assert.ok(!broken.ok);
  });
});
