// `check --format sarif|github|json|text` and `--exit-zero`: the SARIF log validated against the
// SARIF 2.1.0 JSON schema by Ajv (the schema as shipped in the npm package @microsoft/jest-sarif, a
// pinned devDependency: SARIF 2.1.0-rtm.5, with the two rules errata 01 tightened added back, see
// loadSchema); workflow
// commands escaped as GitHub's toolkit does; the same findings in every format.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import type { CheckJson } from '../../src/cli/check';
import { artifactUri, checkGithub, checkSarif, escapeData, escapeProperty } from '../../src/cli/checkFormats';
import { memoryIo } from '../../src/cli/io';
import { VERSION, runCli } from '../../src/cli/run';
import { CODE_HELP } from '../../src/common/codeHelp';
import { ALL_FINDING_CODES, FINDING_CODES, docsUrl } from '../../src/common/codes';

const NOW = new Date('2026-12-01T12:00:00Z');
const SCHEMA = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

/**
 * The rtm.5 schema, made as strict as the 2.1.0 errata 01 schema: beyond `type: string` next to enums
 * (already implied) and `runs` allowed to be null (looser), errata 01 adds two rules, applied here:
 * a region names where it starts (startLine, charOffset or byteOffset) and a language tag is `xx` or `xx-XX`.
 */
function loadSchema() {
  const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'));
  schema.definitions.region.anyOf = [{ required: ['startLine'] }, { required: ['charOffset'] }, { required: ['byteOffset'] }];
  for (const owner of ['run', 'toolComponent']) schema.definitions[owner].properties.language.pattern = '^[a-zA-Z]{2}(-[a-zA-Z]{2})?$';
  return schema;
}

let compiled: ReturnType<Ajv['compile']> | undefined;
function validator() {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  compiled = ajv.compile(loadSchema());
  return compiled;
}

async function run(...argv: string[]) {
  const io = memoryIo(NOW);
  const code = await runCli(argv, io);
  return { code, out: io.out, err: io.err };
}

const BAD_PY = `from zenml.config.schedule import Schedule

bad = Schedule(cron_expression="0 61 * * *")
both = Schedule(cron_expression="0 3 * * *", interval_second=60)
`;
const DAY_OR_PY = `from zenml.config.schedule import Schedule

s = Schedule(cron_expression="0 3 1 * 1")
`;
const GOOD_PY = `from zenml.config.schedule import Schedule

s = Schedule(cron_expression="0 3 * * *")
`;

describe('check formats: the official SARIF 2.1.0 schema', () => {
  it('the schema is the official one and the validator rejects a broken log (the check can fail)', () => {
    const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'));
    assert.match(schema.title, /SARIF\) Version 2\.1\.0(-rtm\.5)? JSON Schema/);
    const validate = validator();
    assert.equal(validate({ version: '2.1.0', runs: [] }), true);
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false, 'a driver needs a name');
    assert.equal(validate({ version: '2.2', runs: [] }), false);
    const badLevel = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'info' }] }] };
    assert.equal(validate(badLevel), false, "'info' is not a SARIF level");
    const badRegion = {
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a.py' }, region: { startLine: 0 } } }] }] }],
    };
    assert.equal(validate(badRegion), false, 'lines are 1-based');
    const noStart = structuredClone(badRegion);
    noStart.runs[0].results[0].locations[0].physicalLocation.region = { endLine: 3 } as never;
    assert.equal(validate(noStart), false, 'a region names where it starts (errata 01)');
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', language: 'en-US' } } }] }), true);
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', language: 'english' } } }] }), false, 'errata 01 language tag');
  });
});

describe('check formats over a tree', () => {
  let root: string;
  let previous: string;
  const shown = '.';

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'zs-formats-'));
    const write = (rel: string, content: string) => {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), content);
    };
    write('pipelines/bad.py', BAD_PY);
    write('pipelines/day or, 50%.py', DAY_OR_PY);
    write('pipelines/good.py', GOOD_PY);
    write('notes.md', 'not checked');
    // As in CI: run from the repository's root, paths relative to it.
    previous = process.cwd();
    process.chdir(root);
  });

  after(() => {
    process.chdir(previous);
    rmSync(root, { recursive: true, force: true });
  });

  it('--format sarif: valid against the official schema, with the rule catalogue, levels and regions', async () => {
    const r = await run('check', shown, 'notes.md', '--format', 'sarif', '--fail-on', 'info');
    assert.equal(r.code, 1);
    const log = JSON.parse(r.out) as Sarif.Log;
    const validate = validator();
    assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
    assert.equal(log.version, '2.1.0');
    const run0 = log.runs[0];
    assert.equal(run0.tool.driver.name, 'zenml-schedules');
    assert.equal(run0.tool.driver.version, VERSION);
    assert.equal(run0.columnKind, 'utf16CodeUnits');
    // Every code in the catalogue, with its help text and README link, and its default level.
    const rules = run0.tool.driver.rules ?? [];
    assert.deepEqual(
      rules.map((rule) => rule.id),
      ALL_FINDING_CODES,
    );
    for (const rule of rules) {
      const code = rule.id as keyof typeof FINDING_CODES;
      assert.equal(rule.helpUri, docsUrl(code));
      assert.equal(rule.shortDescription?.text, FINDING_CODES[code].title);
      assert.ok(CODE_HELP[code], `no help text for ${code}`);
      assert.equal(rule.fullDescription?.text, CODE_HELP[code]);
      assert.ok(rule.help?.markdown?.includes(`](${docsUrl(code)})`));
      const expected = { error: 'error', warning: 'warning', info: 'note' }[FINDING_CODES[code].severity];
      assert.equal(rule.defaultConfiguration?.level, expected, code);
    }
    const results = run0.results ?? [];
    const byRule = (id: string) => results.filter((result) => result.ruleId === id);
    assert.equal(byRule('invalid-cron').length, 1);
    const invalid = byRule('invalid-cron')[0];
    assert.equal(invalid.level, 'error');
    assert.equal(rules[invalid.ruleIndex ?? -1].id, 'invalid-cron');
    const location = invalid.locations?.[0].physicalLocation;
    assert.equal(location?.artifactLocation?.uri, 'pipelines/bad.py');
    assert.equal(location?.artifactLocation?.uriBaseId, 'SRCROOT');
    // `0 61 * * *`: the hour field, "61", is line 3, columns 35-37 (end exclusive).
    assert.deepEqual(location?.region, { startLine: 3, startColumn: 35, endLine: 3, endColumn: 37 });
    assert.equal(byRule('cron-overrides-interval')[0].level, 'warning');
    const dayOr = byRule('day-or-semantics')[0];
    assert.equal(dayOr.level, 'note');
    // Spaces, a comma and '%' in a file name are percent-encoded in the URI.
    assert.match(dayOr.locations?.[0].physicalLocation?.artifactLocation?.uri ?? '', /^pipelines\/day%20or%2C%2050%25\.py$/);
    // The working folder is SRCROOT, an absolute file URI ending with '/'.
    assert.match(run0.originalUriBaseIds?.SRCROOT.uri ?? '', /^file:\/\/\/.*\/$/);
    // The skipped file (named, not a .py/.yaml) is a tool notification, not a result.
    const notes = run0.invocations?.[0].toolExecutionNotifications ?? [];
    assert.ok(notes.some((n) => /notes\.md/.test(n.message.text ?? '')), JSON.stringify(notes));
  });

  it('--format sarif on a clean tree: valid, no results, exit 0', async () => {
    const r = await run('check', path.join(shown, 'pipelines', 'good.py'), '--format', 'sarif');
    assert.equal(r.code, 0);
    const log = JSON.parse(r.out) as Sarif.Log;
    assert.equal(validator()(log), true);
    assert.deepEqual(log.runs[0].results, []);
  });

  it('--exit-zero: failing findings still reported, exit 0; bad usage still exit 2', async () => {
    const failing = await run('check', shown, '--format', 'sarif');
    assert.equal(failing.code, 1);
    const zero = await run('check', shown, '--format', 'sarif', '--exit-zero');
    assert.equal(zero.code, 0);
    assert.equal(zero.out, failing.out);
    assert.equal((await run('check', path.join(shown, 'missing'), '--exit-zero')).code, 2);
    assert.equal((await run('check', shown, '--exit-zero', '--fail-on', 'warning')).code, 0);
  });

  it('--json is --format json; unknown or conflicting formats are usage errors', async () => {
    const json = await run('check', shown, '--json');
    const format = await run('check', shown, '--format', 'json');
    assert.equal(json.code, 1);
    assert.equal(format.code, 1);
    assert.equal(format.out, json.out);
    assert.ok(Array.isArray(JSON.parse(json.out).findings));
    const text = await run('check', shown, '--format', 'text');
    assert.match(text.out, /bad\.py:3:35 error invalid-cron/);
    const unknown = await run('check', shown, '--format', 'xml');
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /--format: 'xml' is not one of text, json, sarif, github/);
    const conflict = await run('check', shown, '--json', '--format', 'sarif');
    assert.equal(conflict.code, 2);
    assert.match(conflict.err, /--json and --format sarif disagree/);
  });

  it('--format github: one workflow command per finding, with file, line, columns and title', async () => {
    const r = await run('check', shown, '--format', 'github', '--fail-on', 'info');
    assert.equal(r.code, 1);
    const commands = r.out.split('\n').filter((line) => line.startsWith('::'));
    const json = JSON.parse((await run('check', shown, '--json')).out) as CheckJson;
    assert.equal(commands.length, json.findings.length);
    const bad = 'pipelines/bad.py';
    assert.ok(
      commands.includes(`::error file=${bad},line=3,endLine=3,col=35,endColumn=37,title=zenml-schedules invalid-cron::hour: 61 is out of range 0-23`),
      commands.join('\n'),
    );
    assert.ok(commands.some((c) => c.startsWith('::warning ') && c.includes('cron-overrides-interval')));
    // The comma and '%' in the file name are escaped inside the property.
    assert.ok(commands.some((c) => c.startsWith('::notice ') && c.includes('day or%2C 50%25.py,line=3')), commands.join('\n'));
    // The summary stays a plain log line.
    assert.match(r.out, /\n3 files, 4 schedules: /);
  });
});

describe('check formats: pure functions', () => {
  const finding = (over: Partial<CheckJson['findings'][number]>): CheckJson['findings'][number] => ({
    file: 'a.py',
    line: 2,
    column: 5,
    endLine: 2,
    endColumn: 9,
    severity: 'error',
    code: 'invalid-cron',
    message: 'm',
    ...over,
  });

  it('escapes data and properties as the Actions toolkit does', () => {
    assert.equal(escapeData('50% done\r\nnext'), '50%25 done%0D%0Anext');
    assert.equal(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
    const out = checkGithub({ files: 1, schedules: 1, findings: [finding({ message: 'line one\nline two: 100%', file: 'x,y:z.py' })] }, process.cwd());
    assert.equal(out, '::error file=x%2Cy%3Az.py,line=2,endLine=2,col=5,endColumn=9,title=zenml-schedules invalid-cron::line one%0Aline two: 100%25\n');
  });

  it('a range over several lines: no endColumn for GitHub (it draws columns within one line)', () => {
    const out = checkGithub({ files: 1, schedules: 1, findings: [finding({ endLine: 4, severity: 'warning' })] }, process.cwd());
    assert.equal(out, '::warning file=a.py,line=2,endLine=4,col=5,title=zenml-schedules invalid-cron::m\n');
  });

  it('a notebook finding: SARIF uses the cell as URI fragment; GitHub a file annotation naming the cell', () => {
    const result: CheckJson = { files: 1, schedules: 1, findings: [finding({ file: 'nb/train.ipynb', cell: 3 })] };
    const log = checkSarif(result, { version: '1.2.3', cwd: process.cwd() });
    assert.equal(validator()(log), true);
    const loc = log.runs[0].results?.[0].locations?.[0].physicalLocation;
    assert.equal(loc?.artifactLocation?.uri, 'nb/train.ipynb#cell=3');
    assert.deepEqual(loc?.region, { startLine: 2, startColumn: 5, endLine: 2, endColumn: 9 });
    assert.equal(checkGithub(result, process.cwd()), '::error file=nb/train.ipynb,title=zenml-schedules invalid-cron (cell 3%2C line 2)::m\n');
  });

  it('paths outside the working folder become absolute file URIs; inside, relative ones', () => {
    const cwd = path.join(tmpdir(), 'repo');
    assert.deepEqual(artifactUri(path.join(cwd, 'src', 'a b.py'), cwd), { uri: 'src/a%20b.py', uriBaseId: 'SRCROOT' });
    assert.deepEqual(artifactUri('./src/a.py', cwd), { uri: 'src/a.py', uriBaseId: 'SRCROOT' });
    assert.deepEqual(artifactUri('../other/a.py', cwd), { uri: `file://${path.join(tmpdir(), 'other', 'a.py')}` });
  });

  it('a finding code missing from the catalogue still gets a rule (never dropped)', () => {
    const log = checkSarif({ files: 1, schedules: 1, findings: [finding({ code: 'brand-new-code', severity: 'warning' })] }, { version: '1.0.0', cwd: process.cwd() });
    assert.equal(validator()(log), true);
    const rules = log.runs[0].tool.driver.rules ?? [];
    const index = log.runs[0].results?.[0].ruleIndex ?? -1;
    assert.equal(rules[index].id, 'brand-new-code');
  });
});
