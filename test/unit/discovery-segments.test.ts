// Exact unit starts of the lexical scan (pythonSegments.ts): line endings, form feeds, clauses, decorators,
// strings (escaped quotes, unterminated ones), backslash continuations, and the cut inside a bracket left
// open while typing ('yes' starts a unit, 'maybe' is an optional start, decided by the line's first word
// and the previous line's last significant character). Also the re-scan after an edit and bodyStarts.
// Offsets are counted by hand (the comments show the line lengths).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bodyStarts, resegmentPython, segmentPython } from '../../src/discovery/pythonSegments';

describe('segmentPython: exact starts', () => {
  const cases: [name: string, text: string, starts: number[], optionalStarts?: number[]][] = [
    // 'a = 1\r\n' is 7 characters.
    ['CRLF line endings', 'a = 1\r\nb = 2\r\n', [0, 7]],
    // A form feed is indentation: the indented body line is no statement start. 'if x:\n' 6, '\f    pass\n' 10.
    ['a form feed in the indentation', 'if x:\n\f    pass\ny = 1\n', [0, 16]],
    // 'if a:\n' 6, '    x\n' 6, 'elif b:\n' 8, '    y\n' 6.
    ['elif continues the if', 'if a:\n    x\nelif b:\n    y\nz = 1\n', [0, 26]],
    // '@dec\n' 5, '# c\n' 4, '\n' 1, 'def f():\n' 9, '    pass\n' 9.
    ['a comment and a blank line between decorator and def', '@dec\n# c\n\ndef f():\n    pass\nx = 1\n', [0, 28]],
    ['a decorated class after a statement', 'x = 1\n@dataclass\nclass A:\n    y: int\n', [0, 6]],
    ['an extra closing bracket does not go below zero', ')\nx = 1\n', [0, 2]],
    // 'x = "a\"("' is 10 characters: the escaped quote does not end the string, the ( is inside it.
    ['an escaped quote inside a string', 'x = "a\\"("\ny = 2\n', [0, 11]],
    ["an escaped quote, then a bracket in the string", "x = 'a\\'('\ny = (\n1)\nz = 3\n", [0, 11, 20]],
    // An unterminated string ends at its line: 'x = "abc\n' 9, 'x = """abc\n' 11.
    ['an unterminated string', 'x = "abc\ny = 2\n', [0, 9]],
    ['an unterminated triple-quoted string', 'x = """abc\ny = 2\n', [0, 11]],
    ['a closed triple-quoted string with an escaped quote', 'x = """a\\"""\n"""\ny = 2\n', [0, 17]],
    // 'a = 1 + \\\r\n' 11, '2\r\n' 3.
    ['a backslash continuation with CRLF', 'a = 1 + \\\r\n2\r\nb = 3\r\n', [0, 14]],
    ['a backslash continuation inside a string is not one', 'x = "a\\\nb"\ny = 2\n', [0, 11]],
  ];
  for (const [name, text, starts, optionalStarts = []] of cases) {
    it(name, () => assert.deepEqual(segmentPython(text), { starts, optionalStarts }));
  }
});

describe('segmentPython: a bracket left open', () => {
  const cases: [name: string, text: string, starts: number[], optionalStarts: number[]][] = [
    // 'f(\n' 3: a decorator starts a statement, and keeps its def.
    ['a decorator', 'f(\n@dec\ndef g(): pass\n', [0, 3], []],
    // Numbers and strings at the start of a line continue the expression; the bracket closes on '2)'.
    ['numbers continue the call', 'f(\n1,\n2)\ny = 3\n', [0, 9], []],
    ['a string continues the list', 'x = [\n"a"\n]\n', [0], []],
    // 'f(a,\n' 5: after a comma, an identifier may be a keyword argument.
    ['an identifier after a comma is optional', 'f(a,\nb=1)\ny = 2\n', [0, 10], [5]],
    // After an identifier, an identifier is a new statement.
    ['an identifier after an identifier', 'f(a\nb = 1\n', [0, 4], []],
    ['an identifier after a string', 'f("a"\ny = 1\n', [0, 6], []],
    // Lines indented more than the bracket's line are arguments. 'f(\n' 3, '    x=1,\n' 9.
    ['deeper lines are arguments', 'f(\n    x=1,\ny = 2\n', [0], [12]],
    // A keyword that cannot be in an expression; the comment is not the line's end. 'f(x +  # comment\n' 17.
    ['a statement keyword', 'f(x +  # comment\nreturn 1\n', [0, 17], []],
    ['an operator before a comment', 'f(x +  # c\ny\n', [0], [11]],
    // Inside a function: the bracket's line is indented by 4. 'def g():\n' 9, '    f(\n' 7, '    x = 1\n' 10.
    ['inside a function', 'def g():\n    f(\n    x = 1\n    return 2\n', [0, 26], [16]],
    ['a line less indented than the bracket', 'def g():\n    f(\nx = 1\n', [0], [16]],
  ];
  for (const [name, text, starts, optionalStarts] of cases) {
    it(name, () => assert.deepEqual(segmentPython(text), { starts, optionalStarts }));
  }

  it('each character that lets the next line continue makes an identifier optional', () => {
    for (const end of [...',+-*/%=<>|&^~.:([{']) {
      assert.deepEqual(segmentPython(`f(a${end}\nb\n`), { starts: [0], optionalStarts: [5] }, end);
    }
  });

  it('other line ends make an identifier a new statement', () => {
    for (const end of ['1', 'z', ']', '}', ')', '"x"', "'x'", '!']) {
      const text = `f([{(a${end}\nb\n`;
      assert.deepEqual(segmentPython(text), { starts: [0, text.indexOf('b')], optionalStarts: [] }, end);
    }
  });

  it('every statement keyword starts a statement, other words only after an expression end', () => {
    const keywords = ['def', 'class', 'import', 'return', 'raise', 'assert', 'del', 'pass', 'break', 'continue', 'global', 'nonlocal', 'try', 'while', 'with', 'elif', 'except', 'finally'];
    for (const word of keywords) assert.deepEqual(segmentPython(`f(a,\n${word} x\n`), { starts: [0, 5], optionalStarts: [] }, word);
    for (const word of ['if', 'for', 'lambda', 'not', 'yield', 'await', 'async', 'defx', 'x']) {
      assert.deepEqual(segmentPython(`f(a,\n${word} x\n`), { starts: [0], optionalStarts: [5] }, word);
    }
  });
});

describe('resegmentPython: the re-scan after an edit', () => {
  const before = 'a = 1\nb = 2\nc = 3\n';
  const segments = segmentPython(before);

  it('a line inserted, a line deleted, a line joined', () => {
    const inserted = 'a = 1\nx = 0\nb = 2\nc = 3\n';
    assert.deepEqual(resegmentPython(segments, before, inserted, { fromA: 6, toA: 6, fromB: 6, toB: 12 }), { starts: [0, 6, 12, 18], optionalStarts: [] });
    const deleted = 'a = 1\nc = 3\n';
    assert.deepEqual(resegmentPython(segments, before, deleted, { fromA: 6, toA: 12, fromB: 6, toB: 6 }), { starts: [0, 6], optionalStarts: [] });
    const opened = 'a = 1\nb = f(\nc = 3\n';
    assert.deepEqual(resegmentPython(segments, before, opened, { fromA: 10, toA: 11, fromB: 10, toB: 12 }), { starts: [0, 6], optionalStarts: [13] });
    const closedLater = 'a = 1\nb = f(x\nc = 3\n';
    assert.deepEqual(resegmentPython(segments, before, closedLater, { fromA: 10, toA: 11, fromB: 10, toB: 13 }), { starts: [0, 6, 14], optionalStarts: [] });
  });

  it('an edit at the very start, and an edit that types a quote (everything is re-scanned)', () => {
    const prefixed = '# c\na = 1\nb = 2\nc = 3\n';
    assert.deepEqual(resegmentPython(segments, before, prefixed, { fromA: 0, toA: 0, fromB: 0, toB: 4 }), { starts: [0, 4, 10, 16], optionalStarts: [] });
    const quoted = 'a = 1\nb = """\nc = 3\n';
    assert.deepEqual(resegmentPython(segments, before, quoted, { fromA: 10, toA: 11, fromB: 10, toB: 13 }), segmentPython(quoted));
    assert.deepEqual(segmentPython(quoted), { starts: [0, 6, 14], optionalStarts: [] });
  });

  it('optional starts after the edit are shifted', () => {
    const text = 'x = 1\nf(a,\nb=1)\n';
    const old = segmentPython(text);
    assert.deepEqual(old, { starts: [0, 6], optionalStarts: [11] });
    const edited = 'x = 10\nf(a,\nb=1)\n';
    assert.deepEqual(resegmentPython(old, text, edited, { fromA: 5, toA: 5, fromB: 5, toB: 6 }), { starts: [0, 7], optionalStarts: [12] });
  });
});

describe('bodyStarts', () => {
  it('no body lines: a one-line unit, or a header whose body ends the range', () => {
    assert.deepEqual(bodyStarts('x = 1', 0, 5), []);
    assert.deepEqual(bodyStarts('if x: pass\ny = 1\n', 0, 11), []);
  });

  it('blank and comment lines are skipped to find the indentation', () => {
    const text = 'class A:\n\n    # c\n    x = 1\n    y = 2\n';
    assert.deepEqual(bodyStarts(text, 0, text.length), [text.indexOf('    y')]);
  });

  it('tabs, and a body at column 0 (broken code) has no starts', () => {
    const text = 'def f():\n\tx = 1\n\ty = 2\n';
    assert.deepEqual(bodyStarts(text, 0, text.length), [text.indexOf('\ty')]);
    assert.deepEqual(bodyStarts('class A:\nx = 1\ny = 2\n', 0, 22), []);
  });

  it('only inside the range', () => {
    const text = 'x = 0\nif a:\n    b = 1\n    c = 2\n    d = 3\nz = 4\n';
    const from = text.indexOf('if');
    const to = text.indexOf('    d');
    assert.deepEqual(bodyStarts(text, from, to), [text.indexOf('    c')]);
  });
});
