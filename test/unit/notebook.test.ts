// Jupyter notebooks: code cells joined in order as one module, IPython syntax
// masked, outputs ignored, positions mapped between the module and the cells;
// and `check` / `list` on .ipynb files (cell numbers counting all cells).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { memoryIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/run';
import {
  discover,
  discoverNotebookCells,
  editInCell,
  maskIpythonSyntax,
  modulePosition,
  notebookModule,
  positionInCell,
  rangeInCell,
  readNotebook,
  type NotebookCellText,
} from '../../src/discovery';
import { analyze } from '../../src/findings';
import { fixesFor } from '../../src/findings/fixes';

const NOW = new Date('2026-12-01T12:00:00Z');
const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'notebooks', 'nightly_training.ipynb');

function notebookJson(cells: { type: 'code' | 'markdown' | 'raw'; source: string; outputs?: unknown[] }[], language = 'python'): string {
  return JSON.stringify({
    cells: cells.map((c) => ({
      cell_type: c.type,
      metadata: {},
      source: c.source.split(/(?<=\n)/),
      ...(c.type === 'code' ? { outputs: c.outputs ?? [], execution_count: null } : {}),
    })),
    metadata: { kernelspec: { name: 'python3', language, display_name: 'Python 3' } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

const code = (source: string): NotebookCellText => ({ kind: 'code', source });
const markdown = (source: string): NotebookCellText => ({ kind: 'markdown', source });

async function run(...argv: string[]) {
  const io = memoryIo(NOW);
  const exit = await runCli(argv, io);
  return { exit, out: io.out, err: io.err };
}

describe('notebooks: the joined module', () => {
  it('joins the code cells in order, skips markdown, and maps every module line to its cell', () => {
    const module = notebookModule([markdown('# Title'), code('import os\n'), markdown('text'), code('x = 1\ny = 2')]);
    assert.equal(module.text, 'import os\n\nx = 1\ny = 2');
    assert.deepEqual(module.spans, [
      { cell: 1, firstLine: 0, lineCount: 2 },
      { cell: 3, firstLine: 2, lineCount: 2 },
    ]);
    assert.deepEqual(positionInCell(module.spans, { line: 3, character: 4 }), { cell: 3, position: { line: 1, character: 4 } });
    assert.deepEqual(modulePosition(module.spans, 3, { line: 1, character: 4 }), { line: 3, character: 4 });
    assert.equal(modulePosition(module.spans, 0, { line: 0, character: 0 }), undefined, 'a markdown cell is not in the module');
    assert.equal(positionInCell(module.spans, { line: 9, character: 0 }), undefined);
  });

  it('masks IPython magics and shell lines with comments of the same length; a %%bash cell is not Python', () => {
    assert.equal(maskIpythonSyntax('%pip install zenml\nx = 1\n  !ls'), '#pip install zenml\nx = 1\n  #ls');
    assert.equal(maskIpythonSyntax('%%bash\necho "Schedule(cron_expression=1)"'), '#%bash\n#cho "Schedule(cron_expression=1)"');
    assert.equal(maskIpythonSyntax('%%time\ns = Schedule(cron_expression="0 3 * * *")'), '#%time\ns = Schedule(cron_expression="0 3 * * *")');
  });

  it('cells in another language (VS Code per-cell language, an R kernel) are not read as Python', () => {
    const module = notebookModule([{ kind: 'code', source: 'x <- 1', language: 'r' }, code('y = 2')]);
    assert.equal(module.text, 'y = 2');
    const read = readNotebook(notebookJson([{ type: 'code', source: 'Schedule(cron_expression="bad")' }], 'R'));
    assert.ok(read.ok);
    assert.equal(notebookModule(read.cells).text, '');
  });

  it('an import in one cell, the Schedule in another and the attachment in a third are one module', () => {
    const discovery = discoverNotebookCells([
      markdown('# Nightly'),
      code('from zenml import pipeline\nfrom zenml.config.schedule import Schedule'),
      code('@pipeline\ndef training():\n    pass'),
      code('nightly = Schedule(cron_expression="0 61 * * *")'),
      code('training.with_options(schedule=nightly)()'),
    ]);
    assert.equal(discovery.schedules.length, 1);
    const schedule = discovery.schedules[0];
    assert.equal(schedule.pipeline, 'training');
    assert.deepEqual(rangeInCell(discovery.notebook!.spans, schedule.nameRange), {
      cell: 3,
      range: { start: { line: 0, character: 10 }, end: { line: 0, character: 18 } },
    });
    const attachment = rangeInCell(discovery.notebook!.spans, schedule.attachments[0].keywordRange);
    assert.equal(attachment?.cell, 4);
    const findings = analyze(discovery, { orchestrator: null, now: NOW });
    assert.deepEqual(findings.map((f) => f.code), ['invalid-cron']);
  });

  it('outputs are never read, even when they print Schedule code', () => {
    const json = notebookJson([
      { type: 'code', source: 'from zenml.config.schedule import Schedule' },
      { type: 'code', source: 'print(1)', outputs: [{ output_type: 'stream', name: 'stdout', text: ['Schedule(cron_expression="0 61 * * *")\n'] }] },
    ]);
    assert.equal(discover(json, 'n.ipynb').schedules.length, 0);
  });

  it('a bad notebook says why, and discovery finds nothing instead of throwing', () => {
    const broken = readNotebook('{"cells": [');
    assert.equal(broken.ok, false);
    assert.match((broken as { message: string }).message, /not a valid notebook/);
    assert.equal(readNotebook('{"nbformat": 4}').ok, false);
    assert.equal(discover('{', 'n.ipynb').schedules.length, 0);
  });

  it('a quick fix that adds an import at the start of a cell adds it after the previous cell\'s imports', () => {
    const cells = [code('from datetime import datetime\nfrom zenml.config.schedule import Schedule'), code('s = Schedule(cron_expression="0 3 * * *", start_time=datetime(2026, 1, 5))')];
    const discovery = discoverNotebookCells(cells);
    const module = notebookModule(cells);
    const findings = analyze(discovery, { orchestrator: null, now: NOW });
    const naive = findings.find((f) => f.code === 'naive-datetime');
    assert.ok(naive);
    const fix = fixesFor(naive, { text: module.text, discovery }).find((f) => f.kind === 'edit');
    assert.ok(fix && fix.kind === 'edit', 'a tzinfo fix');
    const placed = fix.edits.map((e) => editInCell(module.spans, module.text, e));
    const importEdit = placed.find((p) => p?.newText.includes('import timezone'));
    assert.deepEqual(importEdit, { cell: 0, range: { start: { line: 1, character: 42 }, end: { line: 1, character: 42 } }, newText: '\nfrom datetime import timezone' });
    assert.ok(placed.some((p) => p?.cell === 1 && p.newText.includes('tzinfo=timezone.utc')));
  });
});

describe('notebooks: check and list', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'zs-notebook-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('check --json adds "cell" (1-based, counting all cells) with the line and column inside the cell', async () => {
    const r = await run('check', EXAMPLE, '--orchestrator', 'kubernetes', '--json');
    const json = JSON.parse(r.out);
    assert.equal(json.schedules, 2);
    assert.deepEqual(
      json.findings.map((f: Record<string, unknown>) => [f.code, f.cell, f.line, f.column, f.endLine, f.endColumn]),
      // Kubernetes ignores start_time (window-ignored, at the keyword); the naive datetime is the value.
      [
        ['window-ignored', 8, 1, 57, 1, 67],
        ['naive-datetime', 8, 1, 68, 1, 94],
      ],
    );
    // Read back from the file: cell 8 (the 8th cell, markdown counted) holds the datetime at that column.
    const cells = JSON.parse(readFileSync(EXAMPLE, 'utf8')).cells;
    assert.equal(cells[7].source.join('').slice(67, 93), 'datetime(2026, 1, 5, 9, 0)');
  });

  it('check and list print file.ipynb:cell N:line:column', async () => {
    const check = await run('check', EXAMPLE);
    assert.match(check.out, /nightly_training\.ipynb:cell 8:1:68 warning naive-datetime/);
    const list = await run('list', EXAMPLE);
    assert.match(list.out, /nightly_training\.ipynb:cell 6:1:11 +notebook_training +cron +0 2 \* \* \*/);
    assert.match(list.out, /nightly_training\.ipynb:cell 8:1:17 +- +cron/);
    const json = JSON.parse((await run('list', EXAMPLE, '--json')).out);
    assert.deepEqual(
      json.schedules.map((s: Record<string, unknown>) => [s.cell, s.line, s.column, s.pipeline]),
      [
        [6, 1, 11, 'notebook_training'],
        [8, 1, 17, null],
      ],
    );
  });

  it('a folder walk reads notebooks; a broken one is skipped with a reason, and .py locations have no cell', async () => {
    writeFileSync(path.join(dir, 'broken.ipynb'), '{"cells": [');
    writeFileSync(path.join(dir, 'plain.py'), 'from zenml.config.schedule import Schedule\ns = Schedule(cron_expression="0 61 * * *")\n');
    writeFileSync(
      path.join(dir, 'good.ipynb'),
      notebookJson([{ type: 'markdown', source: '# x' }, { type: 'code', source: 'from zenml.config.schedule import Schedule\n\ns = Schedule(cron_expression="0 61 * * *")' }]),
    );
    const r = await run('check', dir, '--json');
    assert.equal(r.exit, 1);
    assert.match(r.err, /skipped .*broken\.ipynb: not a valid notebook/);
    const json = JSON.parse(r.out);
    const byFile = Object.fromEntries(json.findings.map((f: Record<string, unknown>) => [path.basename(String(f.file)), f]));
    assert.deepEqual([byFile['good.ipynb'].cell, byFile['good.ipynb'].line], [2, 3]);
    assert.equal('cell' in byFile['plain.py'], false);
  });
});
