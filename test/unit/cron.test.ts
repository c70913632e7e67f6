// The cron engine: dialect traps, errors, warnings, Quartz features, DST.
// Expected next runs across DST were checked against the real parsers
// (robfig/cron, Quartz, croniter): see test/differential.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { defaultSeverity } from '../../src/common/codes';
import { DIALECTS, addSecondsField, dialectOf, explainCron, formatInZone, isValidTimeZone, type Dialect } from '../../src/cron/index';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString().replace('.000Z', 'Z'));
const runs = (expression: string, dialect: Dialect, timeZone: string, from: string, count = 3) =>
  iso(explainCron(expression, { dialect, timeZone, from: new Date(from), count }).nextRuns);
const codes = (expression: string, dialect: Dialect, timeZone?: string) =>
  explainCron(expression, { dialect, timeZone, from: new Date('2026-06-01T00:00:00Z') }).warnings.map((w) => w.code);

describe('dialect traps', () => {
  const cases: Array<{ name: string; expr: string; dialect: Dialect; tz?: string; from: string; want: string[] }> = [
    { name: 'Databricks weekday 2 is Monday', expr: '0 0 12 ? * 2', dialect: 'databricks', from: '2026-11-28T00:00:00Z', want: ['2026-11-30T12:00:00Z', '2026-12-07T12:00:00Z'] },
    { name: 'Databricks MON name', expr: '0 0 12 ? * MON', dialect: 'databricks', from: '2026-11-28T00:00:00Z', want: ['2026-11-30T12:00:00Z', '2026-12-07T12:00:00Z'] },
    { name: 'Kubeflow 5 fields run hourly', expr: '0 0 * * *', dialect: 'kubeflow', from: '2026-10-24T12:00:00Z', want: ['2026-10-24T13:00:00Z', '2026-10-24T14:00:00Z'] },
    { name: 'Kubeflow 6 fields run daily', expr: '0 0 0 * * *', dialect: 'kubeflow', from: '2026-10-24T12:00:00Z', want: ['2026-10-25T00:00:00Z', '2026-10-26T00:00:00Z'] },
    { name: 'Kubeflow @every', expr: '@every 1h30m', dialect: 'kubeflow', from: '2026-10-24T12:00:00Z', want: ['2026-10-24T13:30:00Z', '2026-10-24T15:00:00Z'] },
    { name: 'standard accepts 7 for Sunday', expr: '0 0 * * 7', dialect: 'standard', tz: 'UTC', from: '2026-11-28T00:00:00Z', want: ['2026-11-29T00:00:00Z', '2026-12-06T00:00:00Z'] },
    { name: 'day of month OR day of week', expr: '0 0 1 * 1', dialect: 'standard', tz: 'UTC', from: '2026-03-27T12:00:00Z', want: ['2026-03-30T00:00:00Z', '2026-04-01T00:00:00Z'] },
    // GitHub: UTC, or the schedule entry's `timezone:` (passed as the zone; actions/languageservices' cron-mapping).
    { name: 'GitHub runs in the timezone: of the entry', expr: '0 9 * * *', dialect: 'github', tz: 'Asia/Tokyo', from: '2026-06-01T00:00:00Z', want: ['2026-06-02T00:00:00Z', '2026-06-03T00:00:00Z'] },
    { name: 'GitHub without timezone: is UTC', expr: '0 9 * * *', dialect: 'github', from: '2026-06-01T00:00:00Z', want: ['2026-06-01T09:00:00Z', '2026-06-02T09:00:00Z'] },
    { name: 'Vertex TZ= prefix wins', expr: 'TZ=Asia/Tokyo 0 9 * * *', dialect: 'vertex', tz: 'Europe/Berlin', from: '2026-06-01T00:00:00Z', want: ['2026-06-02T00:00:00Z', '2026-06-03T00:00:00Z'] },
    { name: 'Airflow @quarterly', expr: '@quarterly', dialect: 'airflow', from: '2026-03-27T12:00:00Z', want: ['2026-04-01T00:00:00Z', '2026-07-01T00:00:00Z'] },
    { name: 'Airflow croniter last Friday (L5)', expr: '0 0 * * L5', dialect: 'airflow', from: '2026-03-01T00:00:00Z', want: ['2026-03-27T00:00:00Z', '2026-04-24T00:00:00Z'] },
    { name: 'Quartz 6#3 third Friday', expr: '0 0 12 ? * 6#3', dialect: 'databricks', from: '2026-03-27T12:00:00Z', want: ['2026-04-17T12:00:00Z', '2026-05-15T12:00:00Z'] },
    { name: 'Quartz 6L last Friday', expr: '0 0 12 ? * 6L', dialect: 'databricks', from: '2026-03-01T00:00:00Z', want: ['2026-03-27T12:00:00Z', '2026-04-24T12:00:00Z'] },
    { name: 'Quartz LW last weekday', expr: '0 0 12 LW * ?', dialect: 'databricks', from: '2026-05-01T00:00:00Z', want: ['2026-05-29T12:00:00Z', '2026-06-30T12:00:00Z'] },
    { name: 'Quartz 15W nearest weekday', expr: '0 0 9 15W * ?', dialect: 'databricks', from: '2026-08-01T00:00:00Z', want: ['2026-08-14T09:00:00Z', '2026-09-15T09:00:00Z'] },
    { name: 'Quartz L-2 two days before the end', expr: '0 0 0 L-2 * ?', dialect: 'databricks', from: '2026-02-01T00:00:00Z', want: ['2026-02-26T00:00:00Z', '2026-03-29T00:00:00Z'] },
    { name: 'Quartz year field', expr: '0 0 0 1 1 ? 2030', dialect: 'databricks', from: '2026-02-01T00:00:00Z', want: ['2030-01-01T00:00:00Z'] },
    { name: 'Quartz wrap-around hours 22-2', expr: '0 0 22-2 * * ?', dialect: 'databricks', from: '2026-10-24T23:50:00Z', want: ['2026-10-25T00:00:00Z', '2026-10-25T01:00:00Z', '2026-10-25T02:00:00Z', '2026-10-25T22:00:00Z'] },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(runs(c.expr, c.dialect, c.tz ?? 'UTC', c.from, c.want.length), c.want));
  }
});

describe('errors name the field and the value', () => {
  const cases: Array<{ expr: string; dialect: Dialect; message: RegExp; field: string | null; span?: [number, number] }> = [
    { expr: '61 * * * *', dialect: 'standard', message: /^minute: 61 is out of range 0-59$/, field: 'minute', span: [0, 2] },
    { expr: '0 25 * * *', dialect: 'kubernetes', message: /^hour: 25 is out of range 0-23$/, field: 'hour', span: [2, 4] },
    { expr: '0 0 * * 7', dialect: 'kubernetes', message: /^dayOfWeek: 7 is out of range 0-6$/, field: 'dayOfWeek', span: [8, 9] },
    { expr: '1 2 3 4 5 6 7', dialect: 'standard', message: /^expected 5 fields, got 7/, field: null },
    { expr: '0 0 * * * * *', dialect: 'kubeflow', message: /^expected 5 or 6 fields, got 7/, field: null },
    { expr: '', dialect: 'standard', message: /empty/, field: null },
    { expr: '   ', dialect: 'airflow', message: /empty/, field: null },
    { expr: '٥ * * * *', dialect: 'standard', message: /minute: .*non-ASCII digit/, field: 'minute', span: [0, 1] },
    { expr: '0 \u0007 * * *', dialect: 'standard', message: /control character/, field: null },
    { expr: '0 0 12 * * 2', dialect: 'databricks', message: /"\?"/, field: 'dayOfWeek' },
    { expr: '0 0 12 ? * 8', dialect: 'databricks', message: /^dayOfWeek: 8: days of week must be 1-7/, field: 'dayOfWeek', span: [11, 12] },
    { expr: '0 0 L * *', dialect: 'standard', message: /dayOfMonth: .*Quartz/, field: 'dayOfMonth' },
    { expr: '*/0 * * * *', dialect: 'standard', message: /minute: step 0/, field: 'minute' },
    { expr: 'TZ=Europe/Berlin 0 2 * * *', dialect: 'kubernetes', message: /Kubernetes rejects TZ=/, field: null },
    { expr: '0 0 * * mon-', dialect: 'airflow', message: /^dayOfWeek:/, field: 'dayOfWeek' },
  ];
  for (const c of cases) {
    it(`${c.dialect}: ${JSON.stringify(c.expr)}`, () => {
      const r = explainCron(c.expr, { dialect: c.dialect, timeZone: 'UTC', from: new Date('2026-01-01T00:00:00Z') });
      assert.equal(r.valid, false);
      assert.ok(r.error);
      assert.match(r.error.message, c.message);
      assert.doesNotMatch(r.error.message, /^Invalid expression$|\n\s+at /);
      assert.equal(r.error.field, c.field);
      assert.equal(r.description, '');
      assert.deepEqual(r.nextRuns, []);
      if (c.span) assert.deepEqual([r.error.start, r.error.end], c.span);
    });
  }
  it('the Kubernetes TZ= prefix is a timezone-prefix error', () => {
    const r = explainCron('TZ=Europe/Berlin 0 2 * * *', { dialect: 'kubernetes' });
    assert.equal(r.error?.code, 'timezone-prefix');
  });
  it('a 1 MB string is rejected fast', () => {
    const huge = '1'.repeat(1 << 20);
    const t = process.hrtime.bigint();
    const r = explainCron(huge, { dialect: 'standard', timeZone: 'UTC' });
    assert.ok(Number(process.hrtime.bigint() - t) / 1e6 < 50);
    assert.equal(r.valid, false);
    assert.match(r.error!.message, /characters long/);
  });
  it('zone names are case-sensitive, as on the orchestrators, with a hint', () => {
    const r = explainCron('0 0 * * *', { dialect: 'kubernetes', timeZone: 'Europe/berlin' });
    assert.equal(r.valid, false);
    assert.match(r.error!.message, /did you mean Europe\/Berlin/);
    assert.equal(isValidTimeZone('Europe/berlin'), false);
  });
  it('Kubeflow reads a CRON_TZ= prefix up to the first space, as robfig does', () => {
    const ok = explainCron('CRON_TZ=Asia/Tokyo 0 0 9 * * *', { dialect: 'kubeflow', from: new Date('2026-06-01T00:00:00Z'), count: 1 });
    assert.deepEqual(iso(ok.nextRuns), ['2026-06-02T00:00:00Z']);
    assert.equal(ok.timeZone, 'Asia/Tokyo');
    const tab = explainCron('TZ=Asia/Tokyo\t0 0 9 * * *', { dialect: 'kubeflow' });
    assert.equal(tab.valid, false);
  });
  it('robfig: an all-comma field selects nothing (valid, never runs)', () => {
    const r = explainCron('0 , * * * *', { dialect: 'kubeflow' });
    assert.equal(r.valid, true);
    assert.ok(r.warnings.some((w) => w.code === 'never-runs'));
  });
  it('Kubernetes validates the schedule as written: no stray spaces around a preset', () => {
    assert.equal(explainCron('@hourly', { dialect: 'kubernetes' }).valid, true);
    assert.equal(explainCron('@hourly ', { dialect: 'kubernetes' }).valid, false);
    assert.equal(explainCron(' @hourly', { dialect: 'kubernetes' }).valid, false);
  });
  it('an unknown time zone is an error, not an exception', () => {
    const r = explainCron('0 0 * * *', { dialect: 'standard', timeZone: 'Mars/Olympus' });
    assert.equal(r.valid, false);
    assert.match(r.error!.message, /Mars\/Olympus/);
  });
});

describe('warnings', () => {
  const cases: Array<{ expr: string; dialect: Dialect; tz?: string; has: string[]; not?: string[] }> = [
    { expr: '0 0 * * *', dialect: 'kubeflow', has: ['dialect-seconds-first'] },
    { expr: '0 0 0 * * *', dialect: 'kubeflow', has: [], not: ['dialect-seconds-first'] },
    { expr: '*/2 * * * *', dialect: 'github', has: ['too-frequent'] },
    { expr: '*/5 * * * *', dialect: 'github', has: [], not: ['too-frequent'] },
    { expr: '0 0 * * *', dialect: 'github', tz: 'Europe/Berlin', has: [], not: ['timezone-prefix'] },
    { expr: '0 0 1 * 1', dialect: 'kubernetes', has: ['day-or-semantics'] },
    { expr: '0 0 1 * *', dialect: 'kubernetes', has: [], not: ['day-or-semantics'] },
    { expr: '0 0 30 2 *', dialect: 'standard', tz: 'UTC', has: ['never-runs'] },
    { expr: 'CRON_TZ=Asia/Tokyo 0 9 * * *', dialect: 'vertex', tz: 'Europe/Berlin', has: ['timezone-prefix'] },
  ];
  for (const c of cases) {
    it(`${c.dialect}: ${c.expr}`, () => {
      const got = codes(c.expr, c.dialect, c.tz);
      for (const code of c.has) assert.ok(got.includes(code as never), `${code} missing in ${got.join(',')}`);
      for (const code of c.not ?? []) assert.ok(!got.includes(code as never), `${code} unexpected`);
    });
  }
  it('the Kubeflow warning says what really happens', () => {
    const w = explainCron('0 0 * * *', { dialect: 'kubeflow' }).warnings.find((x) => x.code === 'dialect-seconds-first');
    assert.match(w!.message, /second 0, minute 0 of every hour/);
  });
  it('never-runs is valid with no runs', () => {
    const r = explainCron('0 0 30 2 *', { dialect: 'kubernetes' });
    assert.equal(r.valid, true);
    assert.deepEqual(r.nextRuns, []);
  });
  it('the Kubernetes timezone-prefix error has severity error in the findings table', () => {
    assert.equal(defaultSeverity('timezone-prefix'), 'error');
  });
});

describe('DST (checked against the real parsers)', () => {
  const cases: Array<{ name: string; expr: string; dialect: Dialect; tz: string; from: string; want: string[] }> = [
    { name: 'Kubernetes skips 02:00 on the Berlin spring-forward day', expr: '0 2 * * *', dialect: 'kubernetes', tz: 'Europe/Berlin', from: '2026-03-28T00:00:00Z', want: ['2026-03-28T01:00:00Z', '2026-03-30T00:00:00Z'] },
    { name: 'Kubernetes runs 02:00 twice on the Berlin fall-back day', expr: '0 2 * * *', dialect: 'kubernetes', tz: 'Europe/Berlin', from: '2026-10-24T12:00:00Z', want: ['2026-10-25T00:00:00Z', '2026-10-25T01:00:00Z', '2026-10-26T01:00:00Z'] },
    { name: 'Quartz skips 02:30 in the gap', expr: '0 30 2 * * ?', dialect: 'databricks', tz: 'Europe/Berlin', from: '2026-03-28T00:00:00Z', want: ['2026-03-28T01:30:00Z', '2026-03-30T00:30:00Z'] },
    { name: 'Quartz runs the second 02:30 on fall back', expr: '0 30 2 * * ?', dialect: 'databricks', tz: 'Europe/Berlin', from: '2026-10-24T00:00:00Z', want: ['2026-10-24T00:30:00Z', '2026-10-25T01:30:00Z', '2026-10-26T01:30:00Z'] },
    { name: 'croniter shifts 02:30 to 03:30 in the gap', expr: '30 2 * * *', dialect: 'airflow', tz: 'Europe/Berlin', from: '2026-03-28T00:00:00Z', want: ['2026-03-28T01:30:00Z', '2026-03-29T01:30:00Z', '2026-03-30T00:30:00Z'] },
    // Airflow 3.3.2's timetable (checked with it): croniter on naive wall times, a repeated 02:30 is its second occurrence.
    { name: 'Airflow runs the second 02:30 on fall back', expr: '30 2 * * *', dialect: 'airflow', tz: 'Europe/Berlin', from: '2026-10-24T00:00:00Z', want: ['2026-10-24T00:30:00Z', '2026-10-25T01:30:00Z', '2026-10-26T01:30:00Z'] },
    { name: 'Airflow hourly keeps every hour through fall back (hour field *)', expr: '30 * * * *', dialect: 'airflow', tz: 'Europe/Berlin', from: '2026-10-24T23:00:00Z', want: ['2026-10-24T23:30:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', '2026-10-25T02:30:00Z'] },
    { name: 'Airflow St Johns: a repeated 01:00 is the second one', expr: '0 1 * * *', dialect: 'airflow', tz: 'America/St_Johns', from: '2026-11-01T02:30:00Z', want: ['2026-11-01T04:30:00Z', '2026-11-02T04:30:00Z'] },
    // Vixie cron (Debian's cron, test/differential/ref/vixie_ref.c): a fixed-time job in the gap runs at the change.
    { name: 'standard runs a skipped 02:30 at the change (03:00)', expr: '30 2 * * *', dialect: 'standard', tz: 'Europe/Berlin', from: '2026-03-28T00:00:00Z', want: ['2026-03-28T01:30:00Z', '2026-03-29T01:00:00Z', '2026-03-30T00:30:00Z'] },
    { name: 'standard runs a repeated 02:30 once', expr: '30 2 * * *', dialect: 'standard', tz: 'Europe/Berlin', from: '2026-10-24T12:00:00Z', want: ['2026-10-25T00:30:00Z', '2026-10-26T01:30:00Z'] },
    { name: 'robfig on Lord Howe (30-minute DST) misses 03:00', expr: '0 3 * * *', dialect: 'kubernetes', tz: 'Australia/Lord_Howe', from: '2026-10-02T12:00:00Z', want: ['2026-10-02T16:30:00Z', '2026-10-04T16:00:00Z', '2026-10-05T16:00:00Z'] },
    { name: 'Quartz on Lord Howe keeps 03:00', expr: '0 0 3 * * ?', dialect: 'databricks', tz: 'Australia/Lord_Howe', from: '2026-10-02T12:00:00Z', want: ['2026-10-02T16:30:00Z', '2026-10-03T16:00:00Z', '2026-10-04T16:00:00Z'] },
    { name: 'Sao Paulo 2018: midnight did not exist', expr: '0 0 * * *', dialect: 'kubernetes', tz: 'America/Sao_Paulo', from: '2018-11-02T12:00:00Z', want: ['2018-11-03T03:00:00Z', '2018-11-05T02:00:00Z', '2018-11-06T02:00:00Z'] },
    { name: 'croniter runs the missing midnight at 01:00', expr: '0 0 * * *', dialect: 'airflow', tz: 'America/Sao_Paulo', from: '2018-11-02T12:00:00Z', want: ['2018-11-03T03:00:00Z', '2018-11-04T03:00:00Z', '2018-11-05T02:00:00Z'] },
    { name: 'Asia/Kolkata half-hour offset', expr: '0 9 * * *', dialect: 'kubernetes', tz: 'Asia/Kolkata', from: '2026-11-02T12:00:00Z', want: ['2026-11-03T03:30:00Z', '2026-11-04T03:30:00Z'] },
    { name: 'Quartz skips an hour whose :00 is in the gap (Chatham 02:45-03:45)', expr: '0 59 3 * * ?', dialect: 'databricks', tz: 'Pacific/Chatham', from: '2024-09-28T11:29:13Z', want: ['2024-09-29T14:14:00Z', '2024-09-30T14:14:00Z'] },
    { name: 'Quartz does not run the second 02:00 after the first', expr: '0 0 2 * * ?', dialect: 'databricks', tz: 'Europe/Berlin', from: '2027-10-31T00:00:00Z', want: ['2027-11-01T01:00:00Z', '2027-11-02T01:00:00Z'] },
    { name: 'Quartz 31W in a 30-day month: only a Saturday 1st brings it back', expr: '0 0 2 31W * ?', dialect: 'databricks', tz: 'Australia/Lord_Howe', from: '2029-10-01T00:00:00Z', want: ['2029-10-30T15:00:00Z', '2029-11-29T15:00:00Z'] },
    { name: 'Asia/Kathmandu 45-minute offset', expr: '0 0 9 * * ?', dialect: 'databricks', tz: 'Asia/Kathmandu', from: '2026-11-02T12:00:00Z', want: ['2026-11-03T03:15:00Z'] },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(runs(c.expr, c.dialect, c.tz, c.from, c.want.length), c.want));
  }
  const notes: Array<{ expr: string; dialect: Dialect; tz: string; want: string[] }> = [
    {
      expr: '0 2 * * *',
      dialect: 'kubernetes',
      tz: 'Europe/Berlin',
      want: [
        'On Kubernetes this does not run at 02:00 on 29 March 2026: 02:00 does not exist in Europe/Berlin that day (clocks go forward).',
        'On Kubernetes this runs twice at 02:00 on 25 October 2026: 02:00 happens twice in Europe/Berlin that day (clocks go back).',
      ],
    },
    {
      expr: '30 2 * * *',
      dialect: 'airflow',
      tz: 'Europe/Berlin',
      want: [
        'On Airflow the 02:30 run on 29 March 2026 happens at 03:30 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward).',
      ],
    },
    {
      expr: '0 59 3 * * ?',
      dialect: 'databricks',
      tz: 'Pacific/Chatham',
      want: ['On Databricks this does not run at 03:59 on 27 September 2026: Pacific/Chatham changes its clocks on 27 September 2026.'],
    },
  ];
  for (const n of notes) {
    it(`notes: ${n.dialect} ${n.expr} in ${n.tz}`, () => {
      const r = explainCron(n.expr, { dialect: n.dialect, timeZone: n.tz, from: new Date('2026-03-01T00:00:00Z') });
      assert.deepEqual(r.notes, n.want);
    });
  }
  it('GitHub rejects a TZ= prefix (its zone is the timezone: key)', () => {
    assert.equal(explainCron('TZ=Europe/Berlin 0 0 * * *', { dialect: 'github' }).error?.code, 'timezone-prefix');
  });
  it('notes: false gives the same runs and words without notes (live rows and health skip them)', () => {
    const from = new Date('2026-03-01T00:00:00Z');
    // The 2.10 comparison note (src/cron/explain.ts airflow2Note) and a DST note, both present by default.
    const full = explainCron('0 0 29 2 *', { dialect: 'airflow', timeZone: 'UTC', from, count: 2 });
    assert.ok(full.notes?.some((n) => n.includes('Airflow 2.10')));
    const bare = explainCron('0 0 29 2 *', { dialect: 'airflow', timeZone: 'UTC', from, count: 2, notes: false });
    assert.equal(bare.notes, undefined);
    assert.deepEqual(bare.nextRuns, full.nextRuns);
    assert.equal(bare.description, full.description);
    const dst = explainCron('0 2 * * *', { dialect: 'kubernetes', timeZone: 'Europe/Berlin', from, notes: false });
    assert.equal(dst.notes, undefined);
    // The cached notes of the same compiled expression still come back for a caller that wants them.
    assert.equal(explainCron('0 2 * * *', { dialect: 'kubernetes', timeZone: 'Europe/Berlin', from }).notes?.length, 2);
  });
  it('no note when the expression does not touch the change', () => {
    const r = explainCron('0 12 * * *', { dialect: 'kubernetes', timeZone: 'Europe/Berlin', from: new Date('2026-03-01T00:00:00Z') });
    assert.equal(r.notes, undefined);
  });
});

describe('defaults, memoisation and helpers', () => {
  it('next runs are strictly after from', () => {
    assert.deepEqual(runs('0 * * * *', 'standard', 'UTC', '2026-01-01T10:00:00Z', 1), ['2026-01-01T11:00:00Z']);
  });
  it('count defaults to 5 and orchestrator dialects default to UTC', () => {
    const r = explainCron('0 3 * * *', { dialect: 'kubernetes', from: new Date('2026-01-01T00:00:00Z') });
    assert.equal(r.nextRuns.length, 5);
    assert.equal(r.timeZone, 'UTC');
    assert.equal(r.nextRuns[0].toISOString(), '2026-01-01T03:00:00.000Z');
  });
  it('a repeated call returns the same runs for a later from before the first run', () => {
    const a = explainCron('0 3 * * *', { dialect: 'standard', timeZone: 'UTC', from: new Date('2026-01-01T00:00:00Z') });
    const b = explainCron('0 3 * * *', { dialect: 'standard', timeZone: 'UTC', from: new Date('2026-01-01T02:59:59Z') });
    const c = explainCron('0 3 * * *', { dialect: 'standard', timeZone: 'UTC', from: new Date('2026-01-01T03:00:00Z') });
    assert.deepEqual(iso(a.nextRuns), iso(b.nextRuns));
    assert.equal(c.nextRuns[0].toISOString(), '2026-01-02T03:00:00.000Z');
  });
  it('descriptions are 24-hour and Quartz weekdays are mapped', () => {
    assert.equal(explainCron('30 14 * * *', { dialect: 'standard', timeZone: 'UTC' }).description, 'At 14:30');
    assert.match(explainCron('0 0 12 ? * 2', { dialect: 'databricks' }).description, /Monday/);
    assert.match(explainCron('0 0 * * 1', { dialect: 'airflow' }).description, /Monday/);
  });
  it('addSecondsField', () => {
    assert.equal(addSecondsField('0 0 * * *'), '0 0 0 * * *');
    assert.equal(addSecondsField('@daily'), '@daily');
  });
  it('dialectOf maps flavors and passes dialects through', () => {
    assert.equal(dialectOf('databricks'), 'databricks');
    assert.equal(dialectOf('sagemaker'), 'standard');
    assert.equal(dialectOf('vertex'), 'vertex');
    assert.equal(dialectOf('something-else'), 'standard');
  });
  it('formatInZone and isValidTimeZone', () => {
    assert.equal(formatInZone(new Date('2026-12-02T14:05:00Z'), 'Europe/Berlin'), 'Wed 2 Dec 2026, 15:05 CET');
    assert.equal(isValidTimeZone('Europe/Berlin'), true);
    assert.equal(isValidTimeZone('Europe/Nowhere'), false);
  });
});

describe('names that are not table keys', () => {
  for (const dialect of DIALECTS) {
    for (const expression of ['constructor', '__proto__', 'toString', '@constructor', '@__proto__', '0 0 * hasOwnProperty *', '0 0 * * constructor']) {
      it(`${dialect}: ${expression} is rejected with a clear message`, () => {
        const result = explainCron(expression, { dialect, from: new Date('2026-11-28T00:00:00Z') });
        assert.equal(result.valid, false);
        assert.ok(result.error && !/is not a function|undefined|\[object/.test(result.error.message), result.error?.message);
      });
    }
  }
});
