// Exact values of Schedule keywords (pythonValues.ts): numbers in every Python spelling, timedelta(...) in
// seconds, datetime(...) / now() / fromisoformat / astimezone / replace / ± timedelta, string literals with
// their escapes and prefixes, and ISO strings in datetime fields.
// Every expected value is what Python (and pydantic, for ISO strings) makes of the code, worked out by hand;
// where discovery knows less than Python (an instant it cannot compute), the comment says so: discovery
// never guesses, so it answers null / unknown there.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discoverPython, type FieldValue } from '../../src/discovery/index';
import { parseNumber } from '../../src/discovery/pythonValues';
import { positionOf, rangeOf, shape } from './discovery-helpers';

const HEADER = 'from datetime import datetime, timedelta, timezone\nfrom zoneinfo import ZoneInfo\nfrom zenml.config.schedule import Schedule\n';

/** The source of `s = Schedule(<arg>)` under the imports. */
function sourceOf(arg: string, imports = HEADER): string {
  return `${imports}s = Schedule(${arg})\n`;
}

/** The value of the first (only) keyword of the Schedule call. */
function valueOf(arg: string, imports = HEADER): FieldValue {
  const result = discoverPython(sourceOf(arg, imports));
  assert.equal(result.schedules.length, 1, arg);
  assert.equal(result.schedules[0].fields.length, 1, arg);
  return result.schedules[0].fields[0].value;
}

function check(cases: [arg: string, expected: Record<string, unknown>, imports?: string][]): void {
  for (const [arg, expected, imports] of cases) {
    it(arg, () => assert.deepEqual(shape(valueOf(arg, imports)), expected));
  }
}

const unknown = (text: string): Record<string, unknown> => ({ kind: 'unknown', text });
const number = (value: number): Record<string, unknown> => ({ kind: 'number', value });
const string = (value: string): Record<string, unknown> => ({ kind: 'string', value });

describe('numbers', () => {
  check([
    ['interval_second=+90', number(90)],
    ['interval_second=-1.5', number(-1.5)],
    ['interval_second=(3600)', number(3600)],
    ['interval_second=((60))', number(60)],
    ['interval_second=0x10', number(16)],
    ['interval_second=0XFF', number(255)],
    ['interval_second=0o17', number(15)],
    ['interval_second=0b101', number(5)],
    ['interval_second=1e3', number(1000)],
    ['interval_second=1_000.5', number(1000.5)],
    ['interval_second=.5', number(0.5)],
    // Complex numbers, bitwise not and a negated name are not plain numbers.
    ['interval_second=2j', unknown('2j')],
    ['interval_second=~5', unknown('~5')],
    ['interval_second=-n', unknown('-n')],
    ['interval_second=-"5"', unknown('-"5"')],
    ['interval_second=(1, 2)', unknown('(1, 2)')],
    ['interval_second=60 * 60', unknown('60 * 60')],
    ['catchup=True', { kind: 'bool', value: true }],
    ['catchup=False', { kind: 'bool', value: false }],
    ['name=None', { kind: 'none' }],
  ]);

  it('parseNumber: every literal form, null for complex and malformed ones', () => {
    assert.equal(parseNumber('86_400'), 86400);
    assert.equal(parseNumber('0x1f'), 31);
    assert.equal(parseNumber('0O17'), 15);
    assert.equal(parseNumber('0B11'), 3);
    assert.equal(parseNumber('1E-3'), 0.001);
    assert.equal(parseNumber('007'), 7);
    assert.equal(parseNumber('3J'), null);
    assert.equal(parseNumber('1.5j'), null);
    assert.equal(parseNumber('0x'), null);
    assert.equal(parseNumber('0b2'), null);
    assert.equal(parseNumber('1e999'), null);
    assert.equal(parseNumber(''), null);
    assert.equal(parseNumber('_'), null);
    assert.equal(parseNumber('abc'), null);
  });
});

describe('timedelta(...) in seconds', () => {
  check([
    ['interval_second=timedelta()', number(0)],
    ['interval_second=timedelta(milliseconds=1500)', number(1.5)],
    ['interval_second=timedelta(microseconds=1)', number(0.000001)],
    // 0.1 + 0.2 is 0.30000000000000004 in floating point: rounded to microseconds, as timedelta does.
    ['interval_second=timedelta(seconds=0.1, milliseconds=200)', number(0.3)],
    ['interval_second=timedelta(hours=-1)', number(-3600)],
    ['interval_second=timedelta(minutes=(30))', number(1800)],
    ['interval_second=timedelta(days=1, hours=-1)', number(82800)],
    // Positional order: days, seconds, microseconds, milliseconds, minutes, hours, weeks.
    ['interval_second=timedelta(2)', number(172800)],
    ['interval_second=timedelta(0, 45)', number(45)],
    ['interval_second=timedelta(0, 0, 500000)', number(0.5)],
    ['interval_second=timedelta(0, 0, 0, 250)', number(0.25)],
    ['interval_second=timedelta(0, 0, 0, 0, 5)', number(300)],
    ['interval_second=timedelta(0, 0, 0, 0, 0, 2)', number(7200)],
    ['interval_second=timedelta(0, 0, 0, 0, 0, 0, 1)', number(604800)],
    ['interval_second=timedelta(1, minutes=1)', number(86460)],
    // An eighth positional argument, an unknown keyword (also one an object has: `constructor`), a string,
    // a variable, unpacking: Python raises or the value is not known.
    ['interval_second=timedelta(0, 0, 0, 0, 0, 0, 0, 1)', unknown('timedelta(0, 0, 0, 0, 0, 0, 0, 1)')],
    ['interval_second=timedelta(minute=5)', unknown('timedelta(minute=5)')],
    ['interval_second=timedelta(constructor=1)', unknown('timedelta(constructor=1)')],
    ['interval_second=timedelta(toString=1)', unknown('timedelta(toString=1)')],
    ['interval_second=timedelta(minutes="5")', unknown('timedelta(minutes="5")')],
    ['interval_second=timedelta(minutes=n)', unknown('timedelta(minutes=n)')],
    ['interval_second=timedelta(**every)', unknown('timedelta(**every)')],
    ['interval_second=timedelta(*every)', unknown('timedelta(*every)')],
    ['interval_second=timedelta(hours=1, minutes=n)', unknown('timedelta(hours=1, minutes=n)')],
    // A timedelta's method, and a name that is not timedelta.
    ['interval_second=timedelta(hours=1).total_seconds()', unknown('timedelta(hours=1).total_seconds()')],
    ['interval_second=delta(hours=1)', unknown('delta(hours=1)')],
  ]);
});

describe('datetime(...)', () => {
  it('the whole value: range, where an argument would go, and whether there are arguments', () => {
    const source = sourceOf('start_time=datetime(2026, 1, 1)');
    const range = rangeOf(source, 'datetime(2026, 1, 1)');
    assert.deepEqual(discoverPython(source).schedules[0].fields[0].value, {
      kind: 'datetime',
      iso: '2026-01-01T00:00:00',
      aware: false,
      source: 'datetime',
      range,
      argsEnd: { line: range.end.line, character: range.end.character - 1 },
      hasArgs: true,
    });
  });

  check([
    ['start_time=datetime(2026, 1, 1, 8, 30, 15, 250000)', { kind: 'datetime', iso: '2026-01-01T08:30:15.250', aware: false, source: 'datetime', hasArgs: true }],
    ['start_time=datetime(2026, 12, 31, 23, 59, 59)', { kind: 'datetime', iso: '2026-12-31T23:59:59', aware: false, source: 'datetime', hasArgs: true }],
    ['start_time=datetime(year=2026, month=7, day=1, hour=12)', { kind: 'datetime', iso: '2026-07-01T12:00:00', aware: false, source: 'datetime', hasArgs: true }],
    // The eighth positional argument is tzinfo.
    ['start_time=datetime(2026, 1, 1, 8, 0, 0, 0, timezone.utc)', { kind: 'datetime', iso: '2026-01-01T08:00:00Z', aware: true, source: 'datetime', hasArgs: true }],
    ['start_time=datetime(2026, 1, 1, tzinfo=None)', { kind: 'datetime', iso: '2026-01-01T00:00:00', aware: false, source: 'datetime', hasArgs: true }],
    // Year, month and day are required; parts that are not integer literals make the instant unknown.
    ['start_time=datetime(2026, 1)', { kind: 'datetime', iso: null, aware: false, source: 'datetime', hasArgs: true }],
    ['start_time=datetime(2026, 1, day)', { kind: 'datetime', iso: null, aware: false, source: 'datetime', hasArgs: true }],
    ['start_time=datetime(2026, 1, 1.5)', { kind: 'datetime', iso: null, aware: false, source: 'datetime', hasArgs: true }],
    // `minutes` is not a parameter (`minute` is), a part given twice: Python raises TypeError. `fold` is not read.
    ['start_time=datetime(2026, 1, 1, minutes=5)', { kind: 'datetime', iso: null, aware: false, source: 'datetime', hasArgs: true }],
    ['start_time=datetime(2026, 1, 1, year=2027)', { kind: 'datetime', iso: null, aware: false, source: 'datetime', hasArgs: true }],
    ['start_time=datetime(2026, 1, 1, 8, hour=9)', { kind: 'datetime', iso: null, aware: false, source: 'datetime', hasArgs: true }],
    ['start_time=datetime(2026, 1, 1, 8, fold=1)', { kind: 'datetime', iso: null, aware: false, source: 'datetime', hasArgs: true }],
    ['start_time=datetime(2026, 1, 1, 8, 0, 0, 0, timezone.utc, 0)', { kind: 'datetime', iso: null, aware: true, source: 'datetime', hasArgs: true }],
    ['start_time=datetime(*parts)', { kind: 'datetime', iso: null, aware: false, source: 'datetime', hasArgs: true }],
    ['start_time=datetime()', { kind: 'datetime', iso: null, aware: false, source: 'datetime', hasArgs: false }],
    // Dates Python rejects: February 30, hour 24.
    ['start_time=datetime(2026, 2, 30)', { kind: 'datetime', iso: null, aware: false, source: 'datetime', hasArgs: true }],
    ['start_time=datetime(2026, 1, 1, 24)', { kind: 'datetime', iso: null, aware: false, source: 'datetime', hasArgs: true }],
  ]);
});

describe('datetime(..., tzinfo=...): the UTC instant', () => {
  const aware = (iso: string | null): Record<string, unknown> => ({ kind: 'datetime', iso, aware: true, source: 'datetime', hasArgs: true });
  check([
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=timezone(timedelta(hours=2)))', aware('2026-01-01T06:00:00Z')],
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=timezone(timedelta(hours=-5, minutes=-30)))', aware('2026-01-01T13:30:00Z')],
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=timezone(timedelta(hours=2), "CEST"))', aware('2026-01-01T06:00:00Z')],
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=(timezone.utc))', aware('2026-01-01T08:00:00Z')],
    // timezone() of something that is not a timedelta call, or of nothing known: aware, instant unknown.
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=timezone(offset))', aware(null)],
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=timezone(7200))', aware(null)],
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=timezone())', aware(null)],
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=my_zone)', aware(null)],
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=get_zone("Europe/Berlin"))', aware(null)],
    // IANA zones: winter and summer time in Berlin (UTC+1 / UTC+2), New York in July (UTC-4).
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=ZoneInfo("Europe/Berlin"))', aware('2026-01-01T07:00:00Z')],
    ['start_time=datetime(2026, 7, 1, 8, tzinfo=ZoneInfo("Europe/Berlin"))', aware('2026-07-01T06:00:00Z')],
    ['start_time=datetime(2026, 7, 1, 12, tzinfo=ZoneInfo(key="America/New_York"))', aware('2026-07-01T16:00:00Z')],
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=ZoneInfo("Asia/Kolkata"))', aware('2026-01-01T02:30:00Z')],
    // 02:30 on 29 March 2026 does not exist in Berlin (clocks jump 02:00 -> 03:00, at 01:00 UTC): with fold=0
    // Python uses the offset before the jump (UTC+1).
    ['start_time=datetime(2026, 3, 29, 2, 30, tzinfo=ZoneInfo("Europe/Berlin"))', aware('2026-03-29T01:30:00Z')],
    ['start_time=datetime(2026, 3, 29, 3, 30, tzinfo=ZoneInfo("Europe/Berlin"))', aware('2026-03-29T01:30:00Z')],
    ['start_time=datetime(2026, 3, 29, 1, 30, tzinfo=ZoneInfo("Europe/Berlin"))', aware('2026-03-29T00:30:00Z')],
    // 02:30 on 25 October 2026 happens twice in Berlin (03:00 CEST -> 02:00 CET at 01:00 UTC): fold=0 is the
    // first one, still UTC+2.
    ['start_time=datetime(2026, 10, 25, 2, 30, tzinfo=ZoneInfo("Europe/Berlin"))', aware('2026-10-25T00:30:00Z')],
    ['start_time=datetime(2026, 10, 25, 1, 30, tzinfo=ZoneInfo("Europe/Berlin"))', aware('2026-10-24T23:30:00Z')],
    ['start_time=datetime(2026, 10, 25, 3, 30, tzinfo=ZoneInfo("Europe/Berlin"))', aware('2026-10-25T02:30:00Z')],
    // West of UTC: New York skips 02:00-03:00 on 8 March 2026 (at 07:00 UTC) and repeats 01:00-02:00 on
    // 1 November (until 06:00 UTC). fold=0: the offset before, UTC-5 / UTC-4.
    ['start_time=datetime(2026, 3, 8, 2, 30, tzinfo=ZoneInfo("America/New_York"))', aware('2026-03-08T07:30:00Z')],
    ['start_time=datetime(2026, 3, 8, 3, 30, tzinfo=ZoneInfo("America/New_York"))', aware('2026-03-08T07:30:00Z')],
    ['start_time=datetime(2026, 11, 1, 1, 30, tzinfo=ZoneInfo("America/New_York"))', aware('2026-11-01T05:30:00Z')],
    ['start_time=datetime(2026, 11, 1, 2, 30, tzinfo=ZoneInfo("America/New_York"))', aware('2026-11-01T07:30:00Z')],
    // A zone name that does not exist, or is not a literal: aware, instant unknown.
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=ZoneInfo("Europe/Atlantis"))', aware(null)],
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=ZoneInfo(zone_name))', aware(null)],
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=ZoneInfo())', aware(null)],
  ]);
  check([
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=UTC)', aware('2026-01-01T08:00:00Z'), 'from datetime import datetime, UTC\nfrom zenml.config.schedule import Schedule\n'],
    ['start_time=dt.datetime(2026, 1, 1, 8, tzinfo=dt.UTC)', aware('2026-01-01T08:00:00Z'), 'import datetime as dt\nfrom zenml.config.schedule import Schedule\n'],
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=pytz.utc)', aware('2026-01-01T08:00:00Z'), 'import pytz\nfrom datetime import datetime\nfrom zenml.config.schedule import Schedule\n'],
    // `from dateutil import tz` is dateutil's documented spelling: tz.gettz(name) is an IANA zone.
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=tz.gettz("Europe/Berlin"))', aware('2026-01-01T07:00:00Z'), 'from dateutil import tz\nfrom datetime import datetime\nfrom zenml.config.schedule import Schedule\n'],
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=tz.UTC)', aware('2026-01-01T08:00:00Z'), 'from dateutil import tz\nfrom datetime import datetime\nfrom zenml.config.schedule import Schedule\n'],
    // Without an import of dateutil, `tz` is just a name.
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=tz.gettz("Europe/Berlin"))', aware(null)],
  ]);
});

describe('now(), utcnow(), today(), fromisoformat()', () => {
  it('now(): no instant, the insertion point before the closing parenthesis', () => {
    const source = sourceOf('start_time=datetime.now()');
    assert.deepEqual(discoverPython(source).schedules[0].fields[0].value, {
      kind: 'datetime',
      iso: null,
      aware: false,
      source: 'now',
      range: rangeOf(source, 'datetime.now()'),
      argsEnd: positionOf(source, ')'),
      hasArgs: false,
    });
  });

  const now = (aware: boolean, hasArgs: boolean, source = 'now'): Record<string, unknown> => ({ kind: 'datetime', iso: null, aware, source, hasArgs });
  check([
    ['start_time=datetime.now(None)', now(false, true)],
    ['start_time=datetime.now(tz=None)', now(false, true)],
    ['start_time=datetime.now(ZoneInfo("Europe/Berlin"))', now(true, true)],
    ['start_time=datetime.now(tz=my_zone)', now(true, true)],
    // `tzinfo=` is not a parameter of now() (Python raises TypeError): not aware.
    ['start_time=datetime.now(tzinfo=timezone.utc)', now(false, true)],
    ['start_time=datetime.utcnow()', now(false, false, 'utcnow')],
    ['start_time=datetime.today()', now(false, false)],
    ['start_time=datetime.fromisoformat("2026-01-01T08:00:00+02:00")', { kind: 'datetime', iso: '2026-01-01T06:00:00Z', aware: true, source: 'string' }],
    ['start_time=datetime.fromisoformat("2026-01-01 08:00")', { kind: 'datetime', iso: '2026-01-01T08:00:00', aware: false, source: 'string' }],
    ['start_time=datetime.fromisoformat(text)', unknown('datetime.fromisoformat(text)')],
    ['start_time=datetime.fromisoformat("soon")', unknown('datetime.fromisoformat("soon")')],
    ['start_time=datetime.fromisoformat("2026-01-01", "x")', unknown('datetime.fromisoformat("2026-01-01", "x")')],
    ['start_time=datetime.fromtimestamp(0)', unknown('datetime.fromtimestamp(0)')],
    ['start_time=datetime.now', unknown('datetime.now')],
    ['start_time=clock.now()', unknown('clock.now()')],
  ]);
  check([
    ['start_time=datetime.datetime.now(datetime.timezone.utc)', now(true, true), 'import datetime\nfrom zenml.config.schedule import Schedule\n'],
    ['start_time=datetime.datetime.utcnow()', now(false, false, 'utcnow'), 'import datetime\nfrom zenml.config.schedule import Schedule\n'],
  ]);
});

describe('astimezone(), replace(), ± timedelta', () => {
  const at = (iso: string | null, aware: boolean, source = 'datetime'): Record<string, unknown> => ({ kind: 'datetime', iso, aware, source });
  check([
    // An aware datetime keeps its instant in any zone.
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=timezone.utc).astimezone(ZoneInfo("Europe/Berlin"))', at('2026-01-01T08:00:00Z', true)],
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=timezone.utc).astimezone(zone)', at('2026-01-01T08:00:00Z', true)],
    // A naive one is read in the machine's zone first: instant unknown.
    ['start_time=datetime(2026, 1, 1, 8).astimezone(timezone.utc)', at(null, true)],
    // Python keeps the instant here too (astimezone() / astimezone(None) convert to the local zone); discovery
    // does not follow these two and leaves it unknown.
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=timezone.utc).astimezone()', at(null, true)],
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=timezone.utc).astimezone(None)', at(null, true)],
    ['start_time=datetime.now().astimezone(timezone.utc)', at(null, true, 'now')],
    // replace(tzinfo=...) on a naive datetime: the wall time in that zone.
    ['start_time=datetime(2026, 1, 1, 8).replace(tzinfo=timezone.utc)', at('2026-01-01T08:00:00Z', true)],
    ['start_time=datetime(2026, 7, 1, 8).replace(tzinfo=ZoneInfo("Europe/Berlin"))', at('2026-07-01T06:00:00Z', true)],
    ['start_time=datetime(2026, 1, 1, 8).replace(tzinfo=zone)', at(null, true)],
    ['start_time=datetime(2026, 1, 1, 8).replace()', at('2026-01-01T08:00:00', false)],
    // Replacing another part moves the wall time: unknown.
    ['start_time=datetime(2026, 1, 1, 8).replace(hour=3)', at(null, false)],
    ['start_time=datetime(2026, 1, 1, 8).replace(hour=3, tzinfo=timezone.utc)', at(null, true)],
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=timezone.utc).replace(minute=30)', at(null, true)],
    // Dropping the zone makes it naive (discovery does not keep the wall time).
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=timezone.utc).replace(tzinfo=None)', at(null, false)],
    // Another zone on an aware datetime: Python keeps the wall time (07:00Z here); discovery leaves it unknown.
    ['start_time=datetime(2026, 1, 1, 8, tzinfo=timezone.utc).replace(tzinfo=ZoneInfo("Europe/Berlin"))', at(null, true)],
    ['start_time=datetime.now().replace(tzinfo=timezone.utc)', at(null, true, 'now')],
    // Other methods, and methods of things that are not datetimes.
    ['start_time=datetime(2026, 1, 1).isoformat()', unknown('datetime(2026, 1, 1).isoformat()')],
    ['start_time=make_start().astimezone(timezone.utc)', unknown('make_start().astimezone(timezone.utc)')],
    ['start_time="2026-01-01".replace(tzinfo=timezone.utc)', unknown('"2026-01-01".replace(tzinfo=timezone.utc)')],
  ]);

  const shifted = (iso: string | null, aware: boolean, source = 'datetime', hasArgs = true): Record<string, unknown> => ({ kind: 'datetime', iso, aware, source, hasArgs });
  check([
    ['start_time=datetime(2026, 1, 1) + timedelta(days=1)', shifted('2026-01-02T00:00:00', false)],
    ['start_time=datetime(2026, 1, 1, tzinfo=timezone.utc) - timedelta(hours=1)', shifted('2025-12-31T23:00:00Z', true)],
    ['start_time=datetime(2026, 1, 1) + timedelta(days=1) + timedelta(hours=1)', shifted('2026-01-02T01:00:00', false)],
    ['start_time=(datetime(2026, 1, 1)) - timedelta(minutes=90)', shifted('2025-12-31T22:30:00', false)],
    ['start_time=datetime(2026, 1, 1) + (timedelta(days=1))', shifted('2026-01-02T00:00:00', false)],
    ['start_time=datetime.now() - timedelta(hours=1)', shifted(null, false, 'now', false)],
    ['start_time=datetime(2026, 1) + timedelta(days=1)', shifted(null, false)],
    // Not a datetime ± timedelta call.
    ['start_time=datetime(2026, 1, 1) + 3600', unknown('datetime(2026, 1, 1) + 3600')],
    ['start_time=datetime(2026, 1, 1) * timedelta(days=1)', unknown('datetime(2026, 1, 1) * timedelta(days=1)')],
    ['start_time=datetime(2026, 1, 1) + timedelta(days=n)', unknown('datetime(2026, 1, 1) + timedelta(days=n)')],
    ['start_time=datetime(2026, 1, 1) + later', unknown('datetime(2026, 1, 1) + later')],
    ['start_time=start + timedelta(days=1)', unknown('start + timedelta(days=1)')],
    // Python also accepts timedelta + datetime; discovery reads only datetime on the left.
    ['start_time=timedelta(days=1) + datetime(2026, 1, 1)', unknown('timedelta(days=1) + datetime(2026, 1, 1)')],
  ]);
});

describe('ISO strings in datetime fields (pydantic reads them as datetimes)', () => {
  check([
    ['start_time="2026-01-01T08:00:00+02:00"', { kind: 'datetime', iso: '2026-01-01T06:00:00Z', aware: true, source: 'string' }],
    ['end_time="2026-01-01 08:00"', { kind: 'datetime', iso: '2026-01-01T08:00:00', aware: false, source: 'string' }],
    ['run_once_start_time="2026-01-01"', { kind: 'datetime', iso: '2026-01-01T00:00:00', aware: false, source: 'string' }],
    ['start_time=("2026-01-01T08:00:00" "Z")', { kind: 'datetime', iso: '2026-01-01T08:00:00Z', aware: true, source: 'string' }],
    ['start_time="tomorrow"', string('tomorrow')],
    // Other fields keep the string.
    ['name="2026-01-01"', string('2026-01-01')],
    ['cron_expression="2026-01-01T08:00:00Z"', string('2026-01-01T08:00:00Z')],
  ]);
});

describe('string literals', () => {
  it('a plain literal: its parts and where its characters start', () => {
    const source = sourceOf('cron_expression="0 3 * * *"');
    const range = rangeOf(source, '"0 3 * * *"');
    assert.deepEqual(discoverPython(source).schedules[0].fields[0].value, {
      kind: 'string',
      value: '0 3 * * *',
      range,
      parts: [range],
      contentStart: positionOf(source, '0 3'),
    });
  });

  it('prefixes and triple quotes shift where the characters start', () => {
    for (const [literal, content] of [
      ['r"0 3 * * *"', '0 3'],
      ['"""0 3 * * *"""', '0 3'],
      ["f'''0 3 * * *'''", '0 3'],
      ['U"0 3 * * *"', '0 3'],
    ]) {
      const source = sourceOf(`cron_expression=${literal}`);
      const value = discoverPython(source).schedules[0].fields[0].value;
      assert.deepEqual(value.kind === 'string' && [value.value, value.contentStart], ['0 3 * * *', positionOf(source, content)], literal);
    }
  });

  it('no start position when characters do not map one to one (escapes, several literals, several lines)', () => {
    for (const literal of ['"0\\x203 * * *"', '"0 3 " "* * *"', '"""0 3\n* * *"""', 'f"{{0}} 3 * * *"']) {
      const value = discoverPython(sourceOf(`cron_expression=${literal}`)).schedules[0].fields[0].value;
      assert.equal(value.kind === 'string' && 'contentStart' in value, false, literal);
    }
  });

  it('an implicit concatenation: one part per literal', () => {
    const source = sourceOf('cron_expression=(\n    "0 3 "  # at three\n    "* * *"\n)');
    assert.deepEqual(discoverPython(source).schedules[0].fields[0].value, {
      kind: 'string',
      value: '0 3 * * *',
      range: { start: positionOf(source, '"0 3 "'), end: { line: positionOf(source, '"* * *"').line, character: 11 } },
      parts: [rangeOf(source, '"0 3 "'), rangeOf(source, '"* * *"')],
    });
  });

  check([
    // Escapes, as Python decodes them.
    [String.raw`name="\x41\101\u00e9\U0001F600"`, string('AA\u00e9\u{1F600}')],
    [String.raw`name="\0|\1234|\7"`, string('\0|S4|\x07')],
    [String.raw`name="\\ \' \" \a \b \f \n \r \t \v"`, string('\\ \' " \x07 \b \f \n \r \t \v')],
    // Unknown escapes keep their backslash; so do \x, \u, \U without enough hex digits (Python rejects those).
    [String.raw`name="\d \8 \q"`, string('\\d \\8 \\q')],
    [String.raw`name="\xZZ"`, string('\\xZZ')],
    [String.raw`name="\u12"`, string('\\u12')],
    [String.raw`name="\U00110000"`, string('\\U00110000')],
    // A backslash before a newline continues the line.
    ['name="a\\\nb"', string('ab')],
    ['name="""a\\\nb"""', string('ab')],
    ["name='''it's'''", string("it's")],
    ['name="""two\nlines"""', string('two\nlines')],
    ['name=u"nightly"', string('nightly')],
    // Raw strings keep backslashes; f-strings halve doubled braces.
    [String.raw`name=R"\d+"`, string('\\d+')],
    [String.raw`name=rf"\d{{x}}"`, string('\\d{x}')],
    [String.raw`name=Fr"{{}}\n"`, string('{}\\n')],
    ['name=f"{{a}} {{b}}"', string('{a} {b}')],
    // Bytes, and an f-string with a field anywhere in a concatenation: not a static string.
    ['name=rb"x"', unknown('rb"x"')],
    ['name=Br"x"', unknown('Br"x"')],
    ['name="a" f"{b}"', unknown('"a" f"{b}"')],
    ['name=""', string('')],
  ]);

  it('a backslash before a Windows line ending continues the line too', () => {
    // Triple-quoted: @lezer/python ends a one-quote string at the \r\n itself (a limitation of the grammar).
    const source = `${HEADER}s = Schedule(name="""a\\\r\nb""")\r\n`;
    const value = discoverPython(source).schedules[0].fields[0].value;
    assert.deepEqual(shape(value), string('ab'));
  });
});
