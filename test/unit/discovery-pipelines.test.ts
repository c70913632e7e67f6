// Exact results of discoverPipelines (pipelines.ts), which the "Create a schedule" flow edits with: the
// @pipeline functions and their required parameters, every with_options(...) and plain call of them outside
// pipeline bodies, the `if __name__ == "__main__":` block, the names bound to Schedule and the datetime
// helpers, and where a new import line goes. Offsets are worked out from the source with indexOf.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discoverPipelines, type PipelineModule } from '../../src/discovery/index';
import { MAX_PYTHON_FILE_LENGTH } from '../../src/discovery/python';
import { offsetOf, rangeOf } from './discovery-helpers';


/** Offset just after the line holding offset. */
function afterLine(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end + 1;
}

const EMPTY: PipelineModule = {
  pipelines: [],
  sites: [],
  mainBlock: null,
  scheduleName: null,
  datetimeName: null,
  timedeltaName: null,
  timezoneName: null,
  importInsertOffset: 0,
  syntaxError: null,
};

describe('discoverPipelines: a whole module', () => {
  const text = [
    '"""Training pipelines."""',
    'from datetime import datetime, timedelta as td',
    'import datetime as dt',
    'from zenml import pipeline, step',
    'from zenml.config.schedule import Schedule',
    '',
    '',
    '@step',
    'def load() -> int:',
    '    return 1',
    '',
    '',
    '@pipeline(enable_cache=False)',
    'def training(data_path: str, epochs: int = 3, *args, lr: float, **kwargs):',
    '    load()',
    '    training.with_options(schedule=None)',
    '',
    '',
    'def helper():',
    '    return training("x", lr=0.1)',
    '',
    '',
    'if __name__ == "__main__":',
    '    training.with_options(schedule=Schedule(cron_expression="0 3 * * *"), settings={})("data", lr=0.1)',
    '    training("data", lr=0.1)',
    '    later = training.with_options()',
    '',
    '',
  ].join('\n');

  it('pipelines, sites, main block, names and the import line', () => {
    const definitionFrom = offsetOf(text, '@pipeline(');
    const firstWith = offsetOf(text, 'training.with_options(', 1);
    const firstWithEnd = offsetOf(text, '("data"');
    const lastWith = offsetOf(text, 'training.with_options()');
    assert.deepEqual(discoverPipelines(text), {
      pipelines: [
        {
          name: 'training',
          nameRange: rangeOf(text, 'training'),
          from: definitionFrom,
          // The body ends after its last line's newline.
          to: afterLine(text, offsetOf(text, '    training.with_options(schedule=None)')),
          requiredParameters: ['data_path', 'lr'],
        },
      ],
      sites: [
        // In helper(): the call's statement is the return.
        { kind: 'call', pipeline: 'training', calleeEnd: offsetOf(text, 'training("x"') + 8, statementLineStart: offsetOf(text, '    return training'), indent: '    ' },
        {
          kind: 'with_options',
          pipeline: 'training',
          from: firstWith,
          to: firstWithEnd,
          insertAt: offsetOf(text, '{})') + 2,
          hasArguments: true,
          scheduleKeyword: rangeOf(text, 'schedule', 2),
          settingsKeyword: rangeOf(text, 'settings'),
        },
        { kind: 'call', pipeline: 'training', calleeEnd: offsetOf(text, 'training("data"') + 8, statementLineStart: offsetOf(text, '    training("data"'), indent: '    ' },
        {
          kind: 'with_options',
          pipeline: 'training',
          from: lastWith,
          to: lastWith + 'training.with_options()'.length,
          insertAt: lastWith + 'training.with_options('.length,
          hasArguments: false,
          scheduleKeyword: null,
          settingsKeyword: null,
        },
      ],
      // After the body's last line; the blank lines after it are not part of the block.
      mainBlock: { end: afterLine(text, lastWith), indent: '    ' },
      scheduleName: 'Schedule',
      datetimeName: 'datetime',
      timedeltaName: 'td',
      timezoneName: 'dt.timezone',
      importInsertOffset: afterLine(text, offsetOf(text, 'from zenml.config.schedule')),
      syntaxError: null,
    });
  });

  it('the same module with a byte order mark keeps its offsets', () => {
    const module = discoverPipelines(`\ufeff${text}`);
    assert.deepEqual(
      module.pipelines.map((p) => [p.name, p.from]),
      [['training', offsetOf(text, '@pipeline(') + 1]],
    );
    assert.equal(module.importInsertOffset, afterLine(text, offsetOf(text, 'from zenml.config.schedule')) + 1);
  });
});

describe('discoverPipelines: files it does not read', () => {
  it('too large, binary, unparsable', () => {
    assert.deepEqual(discoverPipelines('x' + ' '.repeat(MAX_PYTHON_FILE_LENGTH)), { ...EMPTY, skipped: 'The file is too large to analyse.' });
    assert.deepEqual(discoverPipelines('from zenml import pipeline\0'), { ...EMPTY, skipped: 'The file is not text.' });
    assert.deepEqual(discoverPipelines(''), EMPTY);
  });

  it('a syntax error: the line of the first error node', () => {
    const module = discoverPipelines('from zenml import pipeline\n\n\n@pipeline\ndef p(:\n    pass\n');
    assert.deepEqual(module.syntaxError, { line: 4 });
    assert.equal(discoverPipelines('x = 1\n').syntaxError, null);
  });
});

describe('discoverPipelines: which functions are pipelines', () => {
  const names = (text: string): string[] => discoverPipelines(text).pipelines.map((p) => p.name);
  const cases: [string, string[]][] = [
    ['from zenml import pipeline\n@pipeline\ndef a(): ...\n', ['a']],
    ['from zenml import pipeline\n@pipeline()\ndef a(): ...\n', ['a']],
    ['from zenml import pipeline as zp\n@zp(name="x")\ndef a(): ...\n', ['a']],
    ['import zenml\n@zenml.pipeline\ndef a(): ...\n', ['a']],
    ['from zenml import pipelines\n@pipelines.pipeline(enable_cache=True)\ndef a(): ...\n', ['a']],
    ['from zenml import pipeline, step\n@other\n@pipeline\ndef a(): ...\n@step\ndef b(): ...\n', ['a']],
    // No ZenML import: the decorator is not known to be ZenML's.
    ['@pipeline\ndef a(): ...\n', []],
    ['from kfp import dsl\nimport zenml\n@dsl.pipeline\ndef a(): ...\n', []],
    // A decorated class, and a nested pipeline, are not top-level pipeline functions.
    ['from zenml import pipeline\n@pipeline\nclass A: ...\n', []],
    ['from zenml import pipeline\ndef outer():\n    @pipeline\n    def inner(): ...\n', []],
  ];
  for (const [text, expected] of cases) {
    it(JSON.stringify(text), () => assert.deepEqual(names(text), expected));
  }

  it('required parameters: no default, not * or **; keyword-only and positional-only ones count', () => {
    const required = (params: string): string[] => discoverPipelines(`from zenml import pipeline\n@pipeline\ndef p(${params}): ...\n`).pipelines[0].requiredParameters;
    assert.deepEqual(required(''), []);
    assert.deepEqual(required('a, b=1, *, c, d: str = "x", **kw'), ['a', 'c']);
    assert.deepEqual(required('a: int, /, b: float'), ['a', 'b']);
    assert.deepEqual(required('*args: int, flag: bool'), ['flag']);
    assert.deepEqual(required('x=1, y=(2, 3)'), []);
  });
});

describe('discoverPipelines: sites', () => {
  const HEADER = 'from zenml import pipeline\n\n@pipeline\ndef p(): ...\n\n';

  it('calls of other things are not sites; dotted receivers are not the pipeline', () => {
    const text = `${HEADER}other.with_options(schedule=s)\nmod.p.with_options()\np.configure(schedule=s)\nq()\np.with_options\n`;
    assert.deepEqual(discoverPipelines(text).sites, []);
  });

  it('a call inside a multi-line statement: the statement line and its indentation', () => {
    const text = `${HEADER}def main():\n\tresult = run(\n\t\tp(),\n\t)\n`;
    assert.deepEqual(discoverPipelines(text).sites, [
      { kind: 'call', pipeline: 'p', calleeEnd: offsetOf(text, 'p(),') + 1, statementLineStart: offsetOf(text, '\tresult'), indent: '\t' },
    ]);
  });

  it('with_options arguments: after the last one, trailing comma and comment aside', () => {
    const text = `${HEADER}p.with_options(\n    enable_cache=False,  # faster\n)()\n`;
    const [site] = discoverPipelines(text).sites;
    assert.deepEqual(site.kind === 'with_options' && [site.insertAt, site.hasArguments], [offsetOf(text, 'False') + 5, true]);
  });

  it('calls inside pipeline bodies are not sites, calls after them are', () => {
    const text = 'from zenml import pipeline\n\n@pipeline\ndef p():\n    p()\np()\n';
    assert.deepEqual(
      discoverPipelines(text).sites.map((s) => (s.kind === 'call' ? s.calleeEnd : -1)),
      [offsetOf(text, 'p()\n', 1) + 1],
    );
  });
});

describe('discoverPipelines: the main block', () => {
  const main = (text: string): PipelineModule['mainBlock'] => discoverPipelines(text).mainBlock;
  it('the guard spellings', () => {
    for (const guard of ["if __name__ == '__main__':", 'if (__name__ == "__main__"):', 'if __name__=="__main__":']) {
      const text = `${guard}\n    main()\n`;
      assert.deepEqual(main(text), { end: text.length, indent: '    ' }, guard);
    }
    for (const guard of ['if "__main__" == __name__:', 'if __name__ == "__main__" and ready:', 'if __name__ == "__main_":', "if __name__ == \"__main__':"]) {
      assert.equal(main(`${guard}\n    main()\n`), null, guard);
    }
  });

  it('indentation: tabs, a first comment line, a one-line block', () => {
    assert.deepEqual(main('if __name__ == "__main__":\n\tmain()\n'), { end: 35, indent: '\t' });
    const commented = 'if __name__ == "__main__":\n    # run it\n  main()\n';
    assert.deepEqual(main(commented), { end: commented.length, indent: '  ' });
    const oneLine = 'if __name__ == "__main__": main()\nx = 1\n';
    assert.deepEqual(main(oneLine), { end: afterLine(oneLine, 0), indent: '    ' });
  });

  it('the block ends at its last line, not at code or blank lines after it; no final newline', () => {
    const text = 'if __name__ == "__main__":\n    main()\n\n\nprint("done")\n';
    assert.deepEqual(main(text), { end: afterLine(text, offsetOf(text, 'main()')), indent: '    ' });
    const unterminated = 'if __name__ == "__main__":\n    main()';
    assert.deepEqual(main(unterminated), { end: unterminated.length, indent: '    ' });
  });

  it('only a top-level guard', () => {
    assert.equal(main('def run():\n    if __name__ == "__main__":\n        main()\n'), null);
  });
});

describe('discoverPipelines: names and the import line', () => {
  it('the shortest plain Schedule name (the first of equally short ones); dotted ones are never used', () => {
    assert.equal(discoverPipelines('import zenml\n').scheduleName, null);
    assert.equal(discoverPipelines('from zenml.config import Schedule as ZS\nfrom zenml.pipelines import Schedule\n').scheduleName, 'ZS');
    assert.equal(discoverPipelines('from zenml.pipelines import Schedule\nfrom zenml.config import Schedule as Schedul2\n').scheduleName, 'Schedule');
    assert.equal(discoverPipelines('from zenml.config import *\n').scheduleName, 'Schedule');
    assert.equal(discoverPipelines('x = 1\n').scheduleName, null);
  });

  it('datetime helpers: only top-level imports of datetime, the first that gives the member', () => {
    const names = (text: string): (string | null)[] => {
      const module = discoverPipelines(text);
      return [module.datetimeName, module.timedeltaName, module.timezoneName];
    };
    assert.deepEqual(names('x = 1\n'), [null, null, null]);
    assert.deepEqual(names('import datetime\n'), ['datetime.datetime', 'datetime.timedelta', 'datetime.timezone']);
    assert.deepEqual(names('from datetime import timezone\nimport datetime as dt\n'), ['dt.datetime', 'dt.timedelta', 'timezone']);
    assert.deepEqual(names('from datetime import *\n'), [null, null, null]);
    assert.deepEqual(names('from pendulum import datetime\n'), [null, null, null]);
    assert.deepEqual(names('def f():\n    import datetime\n'), [null, null, null]);
  });

  it('the import line: after the last top-level import, else after a leading docstring, else the start', () => {
    const offset = (text: string): number => discoverPipelines(text).importInsertOffset;
    assert.equal(offset('import os\nimport sys  # note\n\nx = 1\n'), 'import os\nimport sys  # note\n'.length);
    assert.equal(offset('from a import (\n    b,\n)\nx = 1\n'), 'from a import (\n    b,\n)\n'.length);
    assert.equal(offset('import os'), 'import os'.length);
    assert.equal(offset('"""Doc."""\n\nx = 1\n'), '"""Doc."""\n'.length);
    assert.equal(offset('"""Doc\nstring."""\nx = 1\n'), '"""Doc\nstring."""\n'.length);
    assert.equal(offset('x = 1\n"""Not a docstring."""\n'), 0);
    assert.equal(offset('def f():\n    import os\n'), 0);
    assert.equal(offset(''), 0);
  });
});
