// Exact explanations for the survivors of src/cron/explain.ts (issue 16): for each dialect, the whole
// explainCron result (valid, error with its span, description, warnings with code and severity, zone,
// next runs, notes) for the inputs each group of survivors is about. Next runs follow the dialect's
// reference (README "How next runs are computed"): robfig/cron v3 for kubernetes/kubeflow, Airflow 3
// (croniter 7.0) for airflow, Quartz 2.3 for databricks, Vixie cron for standard/github/vertex; the DST
// cases were checked with the differential suite's runners (test/differential/ref: robfig.go,
// airflow_ref.py), e.g. robfig skips 02:15 on Lord Howe's 30-minute fall-back and runs 02:30 twice on
// Berlin's. Words and codes: docs contracts ("The cron engine and explain") and the extension's own texts.
// No process is spawned here.
//
// The machine zone is set before the first call (machineTimeZone() is read lazily, once): the
// `standard` dialect defaults to it, every other dialect to UTC.
process.env.TZ = 'Asia/Tokyo';

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { type Dialect, explainCron } from '../../src/cron/index';
import { actual, type Expected, type Opts } from './cron-explain-helpers';

type Case = [string, Dialect, Opts, Expected];


/** Each case in order (the engine memoises per expression, dialect and zone: order is part of the test). */
function check(cases: Case[]): void {
  for (const [expression, dialect, o, expected] of cases) {
    assert.deepEqual(actual(expression, dialect, o), expected, `${dialect} ${JSON.stringify(expression)} ${JSON.stringify(o)}`);
  }
}

// line 162: the default zone; presets on standard resolve in it.
const DEFAULT_ZONES: Case[] = [
  ["0 9 * * *", 'standard', {},
    {"valid":true,"timeZone":"Asia/Tokyo","description":"At 09:00","nextRuns":["2026-01-16T00:00:00Z","2026-01-17T00:00:00Z","2026-01-18T00:00:00Z"],"warnings":[],"error":null}],
  ["0 9 * * *", 'vertex', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:00","nextRuns":["2026-01-16T09:00:00Z","2026-01-17T09:00:00Z","2026-01-18T09:00:00Z"],"warnings":[],"error":null}],
  ["0 9 * * *", 'github', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:00","nextRuns":["2026-01-16T09:00:00Z","2026-01-17T09:00:00Z","2026-01-18T09:00:00Z"],"warnings":[],"error":null}],
  ["0 9 * * *", 'kubernetes', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:00","nextRuns":["2026-01-16T09:00:00Z","2026-01-17T09:00:00Z","2026-01-18T09:00:00Z"],"warnings":[],"error":null}],
  ["0 0 9 * * *", 'kubeflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:00","nextRuns":["2026-01-16T09:00:00Z","2026-01-17T09:00:00Z","2026-01-18T09:00:00Z"],"warnings":[],"error":null}],
  ["0 9 * * *", 'airflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:00","nextRuns":["2026-01-16T09:00:00Z","2026-01-17T09:00:00Z","2026-01-18T09:00:00Z"],"warnings":[],"error":null}],
  ["0 0 9 * * ?", 'databricks', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:00","nextRuns":["2026-01-16T09:00:00Z","2026-01-17T09:00:00Z","2026-01-18T09:00:00Z"],"warnings":[],"error":null}],
  ["@daily", 'standard', {},
    {"valid":true,"timeZone":"Asia/Tokyo","description":"At 00:00","nextRuns":["2026-01-15T15:00:00Z","2026-01-16T15:00:00Z","2026-01-17T15:00:00Z"],"warnings":[],"error":null}],
  ["@hourly", 'standard', {},
    {"valid":true,"timeZone":"Asia/Tokyo","description":"Every hour","nextRuns":["2026-01-15T11:00:00Z","2026-01-15T12:00:00Z","2026-01-15T13:00:00Z"],"warnings":[],"error":null}],
];

// lines 74-79 (precheck) and 273-275: tabs; 0x7f and 0x1f rejected with their 1-based position.
const CONTROL: Case[] = [
  ["\u007f", 'standard', {},
    {"valid":false,"timeZone":"Asia/Tokyo","description":"","nextRuns":[],"warnings":[],"error":{"message":"the expression contains a control character (U+007F) at position 1","field":null,"code":"invalid-cron","start":0,"end":1}}],
  ["0 9\u007f * * *", 'kubernetes', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"the expression contains a control character (U+007F) at position 4","field":null,"code":"invalid-cron","start":3,"end":4}}],
  ["0 9 * * *\u001f", 'github', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"the expression contains a control character (U+001F) at position 10","field":null,"code":"invalid-cron","start":9,"end":10}}],
  ["0\t9\t*\t*\t*", 'standard', {},
    {"valid":true,"timeZone":"Asia/Tokyo","description":"At 09:00","nextRuns":["2026-01-16T00:00:00Z","2026-01-17T00:00:00Z","2026-01-18T00:00:00Z"],"warnings":[],"error":null}],
  ["0\t9\t*\t*\t*", 'standard', {"timeZone":"UTC"},
    {"valid":true,"timeZone":"UTC","description":"At 09:00","nextRuns":["2026-01-16T09:00:00Z","2026-01-17T09:00:00Z","2026-01-18T09:00:00Z"],"warnings":[],"error":null}],
  ["0\t9 * * *", 'kubernetes', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:00","nextRuns":["2026-01-16T09:00:00Z","2026-01-17T09:00:00Z","2026-01-18T09:00:00Z"],"warnings":[],"error":null}],
  ["0 0 12\t* * ?", 'databricks', {},
    {"valid":true,"timeZone":"UTC","description":"At 12:00","nextRuns":["2026-01-15T12:00:00Z","2026-01-16T12:00:00Z","2026-01-17T12:00:00Z"],"warnings":[],"error":null}],
];

// lines 84-94: non-ASCII digits, for a field and for the whole expression (field null).
const DIGITS: Case[] = [
  ["\u0665 * * * *", 'standard', {},
    {"valid":false,"timeZone":"Asia/Tokyo","description":"","nextRuns":[],"warnings":[],"error":{"message":"minute: \"\u0665\" uses a non-ASCII digit (\u0665); write numbers with 0-9","field":"minute","code":"invalid-cron","start":0,"end":1}}],
  ["0 \u0669 * * *", 'kubernetes', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"hour: \"\u0669\" uses a non-ASCII digit (\u0669); write numbers with 0-9","field":"hour","code":"invalid-cron","start":2,"end":3}}],
  ["\u0665 * * *", 'standard', {},
    {"valid":false,"timeZone":"Asia/Tokyo","description":"","nextRuns":[],"warnings":[],"error":{"message":"expression: \"\u0665 * * *\" uses a non-ASCII digit (\u0665); write numbers with 0-9","field":null,"code":"invalid-cron","start":0,"end":7}}],
  ["0 0 \u0661\u0662 * * ?", 'databricks', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"hour: \"\u0661\u0662\" uses a non-ASCII digit (\u0661); write numbers with 0-9","field":"hour","code":"invalid-cron","start":4,"end":6}}],
  ["0 \u0669 * * *", 'airflow', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"hour: \"\u0669\" uses a non-ASCII digit (\u0669); write numbers with 0-9","field":"hour","code":"invalid-cron","start":2,"end":3}}],
  ["\u0665 0 9 * * *", 'kubeflow', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"second: \"\u0665\" uses a non-ASCII digit (\u0665); write numbers with 0-9","field":"second","code":"invalid-cron","start":0,"end":1}}],
];

// lines 96-217: prefixes per dialect, spans with leading spaces, Kubeflow's robfig reading (zone up to the first space).
const PREFIXES: Case[] = [
  ["CRON_TZ=Europe/Berlin 0 9 * * *", 'vertex', {},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 09:00","nextRuns":["2026-01-16T08:00:00Z","2026-01-17T08:00:00Z","2026-01-18T08:00:00Z"],"warnings":[],"error":null}],
  ["CRON_TZ=Europe/Berlin 0 9 * * *", 'vertex', {"timeZone":"Europe/Berlin"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 09:00","nextRuns":["2026-01-16T08:00:00Z","2026-01-17T08:00:00Z","2026-01-18T08:00:00Z"],"warnings":[],"error":null}],
  ["  TZ=Asia/Kolkata 30 8 * * 1-5", 'vertex', {"timeZone":"UTC"},
    {"valid":true,"timeZone":"Asia/Kolkata","description":"At 08:30, Monday through Friday","nextRuns":["2026-01-16T03:00:00Z","2026-01-19T03:00:00Z","2026-01-20T03:00:00Z"],"warnings":[{"code":"timezone-prefix","severity":"warning","message":"The TZ=Asia/Kolkata prefix wins over the time zone UTC."}],"error":null}],
  ["TZ=Europe/berlin 0 9 * * *", 'vertex', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"unknown time zone \"Europe/berlin\" in the TZ= prefix (did you mean Europe/Berlin?)","field":null,"code":"invalid-cron","start":0,"end":16}}],
  ["TZ= 0 9 * * *", 'vertex', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"unknown time zone \"\" in the TZ= prefix","field":null,"code":"invalid-cron","start":0,"end":3}}],
  ["TZ=Nowhere/City 0 9 * * *", 'vertex', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"unknown time zone \"Nowhere/City\" in the TZ= prefix","field":null,"code":"invalid-cron","start":0,"end":15}}],
  ["TZ=UTC  0 61 * * *", 'vertex', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"hour: 61 is out of range 0-23","field":"hour","code":"invalid-cron","start":10,"end":12}}],
  ["CRON_TZ=Europe/Berlin 0 0 9 * * *", 'kubeflow', {"notes":false},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 09:00","nextRuns":["2026-01-16T08:00:00Z","2026-01-17T08:00:00Z","2026-01-18T08:00:00Z"],"warnings":[],"error":null}],
  ["TZ=UTC", 'kubeflow', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"the TZ= prefix must be followed by a space and the schedule","field":null,"code":"invalid-cron","start":0,"end":6}}],
  ["CRON_TZ=UTC\t0 0 9 * * *", 'kubeflow', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"unknown time zone \"UTC\t0\" in the CRON_TZ= prefix","field":null,"code":"invalid-cron","start":0,"end":13}}],
  ["CRON_TZ=UTC   0 61 * * * *", 'kubeflow', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"minute: 61 is out of range 0-59","field":"minute","code":"invalid-cron","start":16,"end":18}}],
  ["CRON_TZ=UTC   0 0 9 * * *", 'kubeflow', {"timeZone":"Asia/Tokyo"},
    {"valid":true,"timeZone":"UTC","description":"At 09:00","nextRuns":["2026-01-16T09:00:00Z","2026-01-17T09:00:00Z","2026-01-18T09:00:00Z"],"warnings":[{"code":"timezone-prefix","severity":"warning","message":"The CRON_TZ=UTC prefix wins over the time zone Asia/Tokyo."}],"error":null}],
  ["0 0 9 * * *TZ=", 'kubeflow', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"dayOfWeek: \"*TZ=\" is not a number or a name","field":"dayOfWeek","code":"invalid-cron","start":10,"end":14}}],
  ["TZ=Europe/berlin 0 0 9 * * *", 'kubeflow', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"unknown time zone \"Europe/berlin\" in the TZ= prefix (did you mean Europe/Berlin?)","field":null,"code":"invalid-cron","start":0,"end":16}}],
  ["CRON_TZ=UTC 0 9 * * *", 'kubernetes', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"Kubernetes rejects TZ= or CRON_TZ= in the schedule; set the time zone separately (CronJob spec.timeZone)","field":null,"code":"timezone-prefix","start":0,"end":11}}],
  ["0 9 * * * TZ", 'kubernetes', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"Kubernetes rejects TZ= or CRON_TZ= in the schedule; set the time zone separately (CronJob spec.timeZone)","field":null,"code":"timezone-prefix","start":10,"end":12}}],
  ["TZ=UTC 0 9 * * *", 'standard', {},
    {"valid":false,"timeZone":"Asia/Tokyo","description":"","nextRuns":[],"warnings":[],"error":{"message":"standard cron does not accept a TZ= prefix; set the time zone separately","field":null,"code":"timezone-prefix","start":0,"end":6}}],
  ["TZ=UTC 0 9 * * *", 'github', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"GitHub Actions does not accept a TZ= prefix; set the time zone separately","field":null,"code":"timezone-prefix","start":0,"end":6}}],
  [" CRON_TZ=UTC 0 9 * * *", 'github', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"GitHub Actions does not accept a CRON_TZ= prefix; set the time zone separately","field":null,"code":"timezone-prefix","start":1,"end":12}}],
  ["TZ=UTC 0 0 9 * * ?", 'databricks', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"Databricks does not accept a TZ= prefix; set the time zone separately","field":null,"code":"timezone-prefix","start":0,"end":6}}],
  ["TZ=UTC 0 9 * * *", 'airflow', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"Airflow does not accept a TZ= prefix; set the time zone separately","field":null,"code":"timezone-prefix","start":0,"end":6}}],
  ["0 9 * * *", 'standard', {"timeZone":"Europe/berlin"},
    {"valid":false,"timeZone":"Europe/berlin","description":"","nextRuns":[],"warnings":[],"error":{"message":"unknown time zone \"Europe/berlin\" (did you mean Europe/Berlin?)","field":null,"code":"invalid-cron"}}],
  ["0 9 * * *", 'kubernetes', {"timeZone":"Mars/Base"},
    {"valid":false,"timeZone":"Mars/Base","description":"","nextRuns":[],"warnings":[],"error":{"message":"unknown time zone \"Mars/Base\" (use an IANA name such as Europe/Berlin or UTC)","field":null,"code":"invalid-cron"}}],
];

// lines 225-248 and 290-292: @every ("Every"), presets, 5 vs 6 fields on Kubeflow, whitespace, the day-or text.
const ROBFIG: Case[] = [
  ["@every 90m", 'kubeflow', {},
    {"valid":true,"timeZone":"UTC","description":"Every 1 hour 30 minutes","nextRuns":["2026-01-15T11:50:00Z","2026-01-15T13:20:00Z","2026-01-15T14:50:00Z"],"warnings":[],"error":null}],
  ["@every 1h30m", 'kubernetes', {},
    {"valid":true,"timeZone":"UTC","description":"Every 1 hour 30 minutes","nextRuns":["2026-01-15T11:50:00Z","2026-01-15T13:20:00Z","2026-01-15T14:50:00Z"],"warnings":[],"error":null}],
  ["@every 45s", 'kubernetes', {},
    {"valid":true,"timeZone":"UTC","description":"Every 45 seconds","nextRuns":["2026-01-15T10:20:45Z","2026-01-15T10:21:30Z","2026-01-15T10:22:15Z"],"warnings":[],"error":null}],
  ["@every 24h", 'kubeflow', {},
    {"valid":true,"timeZone":"UTC","description":"Every day","nextRuns":["2026-01-16T10:20:00Z","2026-01-17T10:20:00Z","2026-01-18T10:20:00Z"],"warnings":[],"error":null}],
  [" 0 9 1 * 1", 'kubernetes', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:00, on day 1 of the month, and on Monday","nextRuns":["2026-01-19T09:00:00Z","2026-01-26T09:00:00Z","2026-02-01T09:00:00Z"],"warnings":[{"code":"day-or-semantics","severity":"info","message":"Day of month (1) and day of week (1) are both set: it runs on days that match EITHER one, not only on days that match both."}],"error":null}],
  ["0  9 1 * 1", 'kubernetes', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:00, on day 1 of the month, and on Monday","nextRuns":["2026-01-19T09:00:00Z","2026-01-26T09:00:00Z","2026-02-01T09:00:00Z"],"warnings":[{"code":"day-or-semantics","severity":"info","message":"Day of month (1) and day of week (1) are both set: it runs on days that match EITHER one, not only on days that match both."}],"error":null}],
  ["0 9 1 * 1", 'kubernetes', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:00, on day 1 of the month, and on Monday","nextRuns":["2026-01-19T09:00:00Z","2026-01-26T09:00:00Z","2026-02-01T09:00:00Z"],"warnings":[{"code":"day-or-semantics","severity":"info","message":"Day of month (1) and day of week (1) are both set: it runs on days that match EITHER one, not only on days that match both."}],"error":null}],
  ["@hourly", 'kubernetes', {},
    {"valid":true,"timeZone":"UTC","description":"Every hour","nextRuns":["2026-01-15T11:00:00Z","2026-01-15T12:00:00Z","2026-01-15T13:00:00Z"],"warnings":[],"error":null}],
  ["@daily", 'kubernetes', {},
    {"valid":true,"timeZone":"UTC","description":"At 00:00","nextRuns":["2026-01-16T00:00:00Z","2026-01-17T00:00:00Z","2026-01-18T00:00:00Z"],"warnings":[],"error":null}],
  ["@weekly", 'kubernetes', {},
    {"valid":true,"timeZone":"UTC","description":"At 00:00, only on Sunday","nextRuns":["2026-01-18T00:00:00Z","2026-01-25T00:00:00Z","2026-02-01T00:00:00Z"],"warnings":[],"error":null}],
  ["@monthly", 'kubernetes', {},
    {"valid":true,"timeZone":"UTC","description":"At 00:00, on day 1 of the month","nextRuns":["2026-02-01T00:00:00Z","2026-03-01T00:00:00Z","2026-04-01T00:00:00Z"],"warnings":[],"error":null}],
  ["@yearly", 'kubernetes', {},
    {"valid":true,"timeZone":"UTC","description":"At 00:00, on day 1 of the month, only in January","nextRuns":["2027-01-01T00:00:00Z","2028-01-01T00:00:00Z","2029-01-01T00:00:00Z"],"warnings":[],"error":null}],
  ["@annually", 'kubeflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 00:00, on day 1 of the month, only in January","nextRuns":["2027-01-01T00:00:00Z","2028-01-01T00:00:00Z","2029-01-01T00:00:00Z"],"warnings":[],"error":null}],
  ["@midnight", 'kubeflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 00:00","nextRuns":["2026-01-16T00:00:00Z","2026-01-17T00:00:00Z","2026-01-18T00:00:00Z"],"warnings":[],"error":null}],
  ["0 9 1 * 1", 'kubeflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 01:09, only in January","nextRuns":["2026-01-16T01:09:00Z","2026-01-17T01:09:00Z","2026-01-18T01:09:00Z"],"warnings":[{"code":"dialect-seconds-first","severity":"warning","message":"Kubeflow reads the first field as seconds: \"0 9 1 * 1\" runs at second 0, minute 9, hour 1, month 1 (at 01:09, only in January). For minute-hour-day-month-weekday, add a seconds field in front: \"0 0 9 1 * 1\"."}],"error":null}],
  ["0 0 9 1 * 1", 'kubeflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:00, on day 1 of the month, and on Monday","nextRuns":["2026-01-19T09:00:00Z","2026-01-26T09:00:00Z","2026-02-01T09:00:00Z"],"warnings":[{"code":"day-or-semantics","severity":"info","message":"Day of month (1) and day of week (1) are both set: it runs on days that match EITHER one, not only on days that match both."}],"error":null}],
  ["0  30 9 * * *", 'kubeflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:30","nextRuns":["2026-01-16T09:30:00Z","2026-01-17T09:30:00Z","2026-01-18T09:30:00Z"],"warnings":[],"error":null}],
  ["  0 0 9 * * *", 'kubeflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:00","nextRuns":["2026-01-16T09:00:00Z","2026-01-17T09:00:00Z","2026-01-18T09:00:00Z"],"warnings":[],"error":null}],
  ["30 9 * *", 'kubeflow', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"expected 5 or 6 fields, got 4 (second minute hour day-of-month month [day-of-week])","field":null,"code":"invalid-cron","start":0,"end":8}}],
];

// lines 252-256: the description of a Quartz expression with odd whitespace and a year.
const QUARTZ: Case[] = [
  [" 0  0 12 * * ?", 'databricks', {},
    {"valid":true,"timeZone":"UTC","description":"At 12:00","nextRuns":["2026-01-15T12:00:00Z","2026-01-16T12:00:00Z","2026-01-17T12:00:00Z"],"warnings":[],"error":null}],
  ["0 0 12 * * ? 2027", 'databricks', {},
    {"valid":true,"timeZone":"UTC","description":"At 12:00, only in 2027","nextRuns":["2027-01-01T12:00:00Z","2027-01-02T12:00:00Z","2027-01-03T12:00:00Z"],"warnings":[],"error":null}],
];

// lines 258-281 and 129-140: presets per dialect, error spans after leading spaces, the 5-minute minimum gap.
const POSIX: Case[] = [
  ["@daily", 'vertex', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"unknown preset \"@daily\"; Vertex AI needs 5 fields","field":null,"code":"invalid-cron","start":0,"end":6}}],
  ["@daily", 'github', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"unknown preset \"@daily\"; GitHub Actions needs 5 fields","field":null,"code":"invalid-cron","start":0,"end":6}}],
  ["@Daily", 'standard', {},
    {"valid":false,"timeZone":"Asia/Tokyo","description":"","nextRuns":[],"warnings":[],"error":{"message":"unknown preset \"@Daily\" (use @yearly, @monthly, @weekly, @daily or @hourly)","field":null,"code":"invalid-cron","start":0,"end":6}}],
  [" 0 61 * * *", 'standard', {},
    {"valid":false,"timeZone":"Asia/Tokyo","description":"","nextRuns":[],"warnings":[],"error":{"message":"hour: 61 is out of range 0-23","field":"hour","code":"invalid-cron","start":3,"end":5}}],
  ["  0 61 * * *", 'github', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"hour: 61 is out of range 0-23","field":"hour","code":"invalid-cron","start":4,"end":6}}],
  ["0 9  1 * 1", 'standard', {},
    {"valid":true,"timeZone":"Asia/Tokyo","description":"At 09:00, on day 1 of the month, and on Monday","nextRuns":["2026-01-19T00:00:00Z","2026-01-26T00:00:00Z","2026-02-01T00:00:00Z"],"warnings":[{"code":"day-or-semantics","severity":"info","message":"Day of month (1) and day of week (1) are both set: it runs on days that match EITHER one, not only on days that match both."}],"error":null}],
  ["0 9 1 * 1", 'standard', {},
    {"valid":true,"timeZone":"Asia/Tokyo","description":"At 09:00, on day 1 of the month, and on Monday","nextRuns":["2026-01-19T00:00:00Z","2026-01-26T00:00:00Z","2026-02-01T00:00:00Z"],"warnings":[{"code":"day-or-semantics","severity":"info","message":"Day of month (1) and day of week (1) are both set: it runs on days that match EITHER one, not only on days that match both."}],"error":null}],
  ["0 9 1 * 1", 'vertex', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:00, on day 1 of the month, and on Monday","nextRuns":["2026-01-19T09:00:00Z","2026-01-26T09:00:00Z","2026-02-01T09:00:00Z"],"warnings":[{"code":"day-or-semantics","severity":"info","message":"Day of month (1) and day of week (1) are both set: it runs on days that match EITHER one, not only on days that match both."}],"error":null}],
  ["*/5 * * * *", 'github', {},
    {"valid":true,"timeZone":"UTC","description":"Every 5 minutes","nextRuns":["2026-01-15T10:25:00Z","2026-01-15T10:30:00Z","2026-01-15T10:35:00Z"],"warnings":[],"error":null}],
  ["*/4 * * * *", 'github', {},
    {"valid":true,"timeZone":"UTC","description":"Every 4 minutes","nextRuns":["2026-01-15T10:24:00Z","2026-01-15T10:28:00Z","2026-01-15T10:32:00Z"],"warnings":[{"code":"too-frequent","severity":"warning","message":"GitHub Actions runs scheduled workflows at most every 5 minutes (and may delay them at busy times); this expression asks for more often."}],"error":null}],
  ["0,59 9 * * *", 'github', {},
    {"valid":true,"timeZone":"UTC","description":"At 0 and 59 minutes past the hour, at 09:00","nextRuns":["2026-01-16T09:00:00Z","2026-01-16T09:59:00Z","2026-01-17T09:00:00Z"],"warnings":[],"error":null}],
  ["2,58 * * * *", 'github', {},
    {"valid":true,"timeZone":"UTC","description":"At 2 and 58 minutes past the hour","nextRuns":["2026-01-15T10:58:00Z","2026-01-15T11:02:00Z","2026-01-15T11:58:00Z"],"warnings":[{"code":"too-frequent","severity":"warning","message":"GitHub Actions runs scheduled workflows at most every 5 minutes (and may delay them at busy times); this expression asks for more often."}],"error":null}],
  ["2,58 9 * * *", 'github', {},
    {"valid":true,"timeZone":"UTC","description":"At 2 and 58 minutes past the hour, at 09:00","nextRuns":["2026-01-16T09:02:00Z","2026-01-16T09:58:00Z","2026-01-17T09:02:00Z"],"warnings":[],"error":null}],
  ["10,12 * * * *", 'github', {},
    {"valid":true,"timeZone":"UTC","description":"At 10 and 12 minutes past the hour","nextRuns":["2026-01-15T11:10:00Z","2026-01-15T11:12:00Z","2026-01-15T12:10:00Z"],"warnings":[{"code":"too-frequent","severity":"warning","message":"GitHub Actions runs scheduled workflows at most every 5 minutes (and may delay them at busy times); this expression asks for more often."}],"error":null}],
  ["10,14 9 * * *", 'github', {},
    {"valid":true,"timeZone":"UTC","description":"At 10 and 14 minutes past the hour, at 09:00","nextRuns":["2026-01-16T09:10:00Z","2026-01-16T09:14:00Z","2026-01-17T09:10:00Z"],"warnings":[{"code":"too-frequent","severity":"warning","message":"GitHub Actions runs scheduled workflows at most every 5 minutes (and may delay them at busy times); this expression asks for more often."}],"error":null}],
  ["0,5 9 * * *", 'github', {},
    {"valid":true,"timeZone":"UTC","description":"At 0 and 5 minutes past the hour, at 09:00","nextRuns":["2026-01-16T09:00:00Z","2026-01-16T09:05:00Z","2026-01-17T09:00:00Z"],"warnings":[],"error":null}],
  ["58 9,10 * * *", 'github', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:58 and 10:58","nextRuns":["2026-01-15T10:58:00Z","2026-01-16T09:58:00Z","2026-01-16T10:58:00Z"],"warnings":[],"error":null}],
];

// lines 294-337 and 452-463: presets, croniter's L5, day-or, the Airflow 2.10 note (every month name).
const AIRFLOW: Case[] = [
  ["@hourly", 'airflow', {},
    {"valid":true,"timeZone":"UTC","description":"Every hour","nextRuns":["2026-01-15T11:00:00Z","2026-01-15T12:00:00Z","2026-01-15T13:00:00Z"],"warnings":[],"error":null}],
  ["@daily", 'airflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 00:00","nextRuns":["2026-01-16T00:00:00Z","2026-01-17T00:00:00Z","2026-01-18T00:00:00Z"],"warnings":[],"error":null}],
  ["@weekly", 'airflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 00:00, only on Sunday","nextRuns":["2026-01-18T00:00:00Z","2026-01-25T00:00:00Z","2026-02-01T00:00:00Z"],"warnings":[],"error":null}],
  ["@monthly", 'airflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 00:00, on day 1 of the month","nextRuns":["2026-02-01T00:00:00Z","2026-03-01T00:00:00Z","2026-04-01T00:00:00Z"],"warnings":[],"error":null,"notes":["On Airflow 2.10 the same DAG would start its run of 1 February 2026 00:00 (00:00 UTC) at 1 March 2026 00:00 (00:00 UTC): 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable)."]}],
  ["@yearly", 'airflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 00:00, on day 1 of the month, only in January","nextRuns":["2027-01-01T00:00:00Z","2028-01-01T00:00:00Z","2029-01-01T00:00:00Z"],"warnings":[],"error":null,"notes":["On Airflow 2.10 the same DAG would start its run of 1 January 2027 00:00 (00:00 UTC) at 1 January 2028 00:00 (00:00 UTC): 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable)."]}],
  ["@DAILY", 'airflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 00:00","nextRuns":["2026-01-16T00:00:00Z","2026-01-17T00:00:00Z","2026-01-18T00:00:00Z"],"warnings":[],"error":null}],
  ["0 0 * * L5", 'airflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 00:00, on the last Friday of the month","nextRuns":["2026-01-30T00:00:00Z","2026-02-27T00:00:00Z","2026-03-27T00:00:00Z"],"warnings":[],"error":null,"notes":["On Airflow 2.10 the same DAG would start its run of 30 January 2026 00:00 (00:00 UTC) at 27 February 2026 00:00 (00:00 UTC): 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable)."]}],
  ["0 0 * * l5", 'airflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 00:00, on the last Friday of the month","nextRuns":["2026-01-30T00:00:00Z","2026-02-27T00:00:00Z","2026-03-27T00:00:00Z"],"warnings":[],"error":null,"notes":["On Airflow 2.10 the same DAG would start its run of 30 January 2026 00:00 (00:00 UTC) at 27 February 2026 00:00 (00:00 UTC): 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable)."]}],
  ["0 9 * * 1", 'airflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:00, only on Monday","nextRuns":["2026-01-19T09:00:00Z","2026-01-26T09:00:00Z","2026-02-02T09:00:00Z"],"warnings":[],"error":null}],
  ["0 9 1 * 1", 'airflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:00, on day 1 of the month, and on Monday","nextRuns":["2026-01-19T09:00:00Z","2026-01-26T09:00:00Z","2026-02-01T09:00:00Z"],"warnings":[{"code":"day-or-semantics","severity":"info","message":"Day of month (1) and day of week (1) are both set: it runs on days that match EITHER one, not only on days that match both."}],"error":null}],
  ["0 9 1 * *", 'airflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:00, on day 1 of the month","nextRuns":["2026-02-01T09:00:00Z","2026-03-01T09:00:00Z","2026-04-01T09:00:00Z"],"warnings":[],"error":null,"notes":["On Airflow 2.10 the same DAG would start its run of 1 February 2026 09:00 (09:00 UTC) at 1 March 2026 09:00 (09:00 UTC): 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable)."]}],
  ["0 9  1 * 1", 'airflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:00, on day 1 of the month, and on Monday","nextRuns":["2026-01-19T09:00:00Z","2026-01-26T09:00:00Z","2026-02-01T09:00:00Z"],"warnings":[{"code":"day-or-semantics","severity":"info","message":"Day of month (1) and day of week (1) are both set: it runs on days that match EITHER one, not only on days that match both."}],"error":null}],
  ["0 30 9 * * 15", 'airflow', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"hour: 30 is out of range 0-23","field":"hour","code":"invalid-cron","start":2,"end":4}}],
  ["0 9 * * * 15 2027", 'airflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 09:00:15, only in 2027","nextRuns":[],"warnings":[{"code":"never-runs","severity":"warning","message":"Airflow accepts this expression, but it never runs."}],"error":null}],
  ["@once", 'airflow', {},
    {"valid":true,"timeZone":"UTC","description":"Once, at the start date","nextRuns":[],"warnings":[],"error":null}],
  ["@continuous", 'airflow', {},
    {"valid":true,"timeZone":"UTC","description":"Continuously: a new run starts as soon as the previous one ends","nextRuns":[],"warnings":[],"error":null}],
  ["0 0 1 * *", 'airflow', {"timeZone":"UTC","from":"2026-01-15T00:00:00Z","count":1},
    {"valid":true,"timeZone":"UTC","description":"At 00:00, on day 1 of the month","nextRuns":["2026-02-01T00:00:00Z"],"warnings":[],"error":null,"notes":["On Airflow 2.10 the same DAG would start its run of 1 February 2026 00:00 (00:00 UTC) at 1 March 2026 00:00 (00:00 UTC): 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable)."]}],
  ["0 0 1 * *", 'airflow', {"timeZone":"UTC","from":"2026-03-15T00:00:00Z","count":1},
    {"valid":true,"timeZone":"UTC","description":"At 00:00, on day 1 of the month","nextRuns":["2026-04-01T00:00:00Z"],"warnings":[],"error":null,"notes":["On Airflow 2.10 the same DAG would start its run of 1 April 2026 00:00 (00:00 UTC) at 1 May 2026 00:00 (00:00 UTC): 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable)."]}],
  ["0 0 1 * *", 'airflow', {"timeZone":"UTC","from":"2026-05-15T00:00:00Z","count":1},
    {"valid":true,"timeZone":"UTC","description":"At 00:00, on day 1 of the month","nextRuns":["2026-06-01T00:00:00Z"],"warnings":[],"error":null,"notes":["On Airflow 2.10 the same DAG would start its run of 1 June 2026 00:00 (00:00 UTC) at 1 July 2026 00:00 (00:00 UTC): 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable)."]}],
  ["0 0 1 * *", 'airflow', {"timeZone":"UTC","from":"2026-07-15T00:00:00Z","count":1},
    {"valid":true,"timeZone":"UTC","description":"At 00:00, on day 1 of the month","nextRuns":["2026-08-01T00:00:00Z"],"warnings":[],"error":null,"notes":["On Airflow 2.10 the same DAG would start its run of 1 August 2026 00:00 (00:00 UTC) at 1 September 2026 00:00 (00:00 UTC): 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable)."]}],
  ["0 0 1 * *", 'airflow', {"timeZone":"UTC","from":"2026-10-15T00:00:00Z","count":1},
    {"valid":true,"timeZone":"UTC","description":"At 00:00, on day 1 of the month","nextRuns":["2026-11-01T00:00:00Z"],"warnings":[],"error":null,"notes":["On Airflow 2.10 the same DAG would start its run of 1 November 2026 00:00 (00:00 UTC) at 1 December 2026 00:00 (00:00 UTC): 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable)."]}],
];

// lines 339-360 and 381-450: croniterFieldSpec (nth and L give no notes, day-or, seconds), Lord Howe's 30-minute changes.
const AIRFLOW_DST: Case[] = [
  ["30 2 * * *", 'airflow', {"timeZone":"Europe/Berlin","from":"2026-03-01T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 02:30","nextRuns":["2026-03-01T01:30:00Z","2026-03-02T01:30:00Z","2026-03-03T01:30:00Z"],"warnings":[],"error":null,"notes":["On Airflow the 02:30 run on 29 March 2026 happens at 03:30 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward)."]}],
  ["30 2 * * 0#2", 'airflow', {"timeZone":"Europe/Berlin","from":"2026-03-01T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 02:30, on the second Sunday of the month","nextRuns":["2026-03-08T01:30:00Z","2026-04-12T00:30:00Z","2026-05-10T00:30:00Z"],"warnings":[],"error":null,"notes":["On Airflow 2.10 the same DAG would start its run of 8 March 2026 02:30 (01:30 UTC) at 12 April 2026 02:30 (00:30 UTC): 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable)."]}],
  ["30 2 L,29 3 *", 'airflow', {"timeZone":"Europe/Berlin","from":"2026-03-01T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 02:30, on day the last day and 29 of the month, only in March","nextRuns":["2026-03-29T01:30:00Z","2026-03-31T00:30:00Z","2027-03-29T00:30:00Z"],"warnings":[],"error":null,"notes":["On Airflow 2.10 the same DAG would start its run of 29 March 2026 03:30 (01:30 UTC) at 31 March 2026 02:30 (00:30 UTC): 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable)."]}],
  ["30 2 29 * 1", 'airflow', {"timeZone":"Europe/Berlin","from":"2026-03-01T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 02:30, on day 29 of the month, and on Monday","nextRuns":["2026-03-02T01:30:00Z","2026-03-09T01:30:00Z","2026-03-16T01:30:00Z"],"warnings":[{"code":"day-or-semantics","severity":"info","message":"Day of month (29) and day of week (1) are both set: it runs on days that match EITHER one, not only on days that match both."}],"error":null,"notes":["On Airflow the 02:30 run on 29 March 2026 happens at 03:30 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward)."]}],
  ["30 2 * * * 15", 'airflow', {"timeZone":"Europe/Berlin","from":"2026-03-01T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 02:30:15","nextRuns":["2026-03-01T01:30:15Z","2026-03-02T01:30:15Z","2026-03-03T01:30:15Z"],"warnings":[],"error":null,"notes":["On Airflow the 02:30:15 run on 29 March 2026 happens at 03:30:15 instead: 02:30:15 does not exist in Europe/Berlin that day (clocks go forward)."]}],
  ["30 2 29 3 *", 'airflow', {"timeZone":"Europe/Berlin","from":"2026-03-01T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 02:30, on day 29 of the month, only in March","nextRuns":["2026-03-29T01:30:00Z","2027-03-29T00:30:00Z","2028-03-29T00:30:00Z"],"warnings":[],"error":null,"notes":["On Airflow the 02:30 run on 29 March 2026 happens at 03:30 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward).","On Airflow 2.10 the same DAG would start its run of 29 March 2026 03:30 (01:30 UTC) at 29 March 2027 02:30 (00:30 UTC): 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable)."]}],
  ["30 2 * * 1", 'airflow', {"timeZone":"Europe/Berlin","from":"2026-03-01T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 02:30, only on Monday","nextRuns":["2026-03-02T01:30:00Z","2026-03-09T01:30:00Z","2026-03-16T01:30:00Z"],"warnings":[],"error":null}],
  ["45 * * * *", 'airflow', {"timeZone":"Australia/Lord_Howe","from":"2026-10-03T15:30:00Z","count":5},
    {"valid":true,"timeZone":"Australia/Lord_Howe","description":"At 45 minutes past the hour","nextRuns":["2026-10-03T16:15:00Z","2026-10-03T16:45:00Z","2026-10-03T17:45:00Z","2026-10-03T18:45:00Z","2026-10-03T19:45:00Z"],"warnings":[],"error":null,"notes":["On Airflow this also runs at 02:15 on 4 April 2027: Australia/Lord_Howe changes its clocks on 4 April 2027.","On Airflow the 02:45 run on 3 October 2027 happens at 03:15 instead: Australia/Lord_Howe changes its clocks on 3 October 2027.","On Airflow 2.10 this DAG would not be scheduled: its timetable raises \"next schedule shouldn't be earlier\" for this expression."]}],
  ["0 * * * *", 'airflow', {"timeZone":"Australia/Lord_Howe","from":"2026-10-03T15:30:00Z","count":5},
    {"valid":true,"timeZone":"Australia/Lord_Howe","description":"Every hour","nextRuns":["2026-10-03T16:00:00Z","2026-10-03T17:00:00Z","2026-10-03T18:00:00Z","2026-10-03T19:00:00Z","2026-10-03T20:00:00Z"],"warnings":[],"error":null,"notes":["On Airflow this also runs at 01:30 on 4 April 2027: 01:30 happens twice in Australia/Lord_Howe that day (clocks go back).","On Airflow the 02:00 run on 3 October 2027 happens at 02:30 instead: 02:00 does not exist in Australia/Lord_Howe that day (clocks go forward).","On Airflow 2.10 the same DAG would start its run of 4 October 2026 04:00 (17:00 UTC) not at all: 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable)."]}],
];

// lines 367-450: DST notes per dialect, gap and overlap, "changes its clocks", the 96-match limit, from inside the window.
const DST: Case[] = [
  ["30 2 * * *", 'standard', {"timeZone":"Europe/Berlin","from":"2026-03-01T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 02:30","nextRuns":["2026-03-01T01:30:00Z","2026-03-02T01:30:00Z","2026-03-03T01:30:00Z"],"warnings":[],"error":null,"notes":["On standard cron the 02:30 run on 29 March 2026 happens at 03:00 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward)."]}],
  ["30 2 * * *", 'vertex', {"timeZone":"Europe/Berlin","from":"2026-03-01T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 02:30","nextRuns":["2026-03-01T01:30:00Z","2026-03-02T01:30:00Z","2026-03-03T01:30:00Z"],"warnings":[],"error":null,"notes":["Vixie cron would start the 02:30 run on 29 March 2026 at 03:00 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward). Not guaranteed on Vertex AI, which documents no rule for runs at skipped or repeated wall times."]}],
  ["30 2 * * *", 'github', {"timeZone":"Europe/Berlin","from":"2026-03-01T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 02:30","nextRuns":["2026-03-01T01:30:00Z","2026-03-02T01:30:00Z","2026-03-03T01:30:00Z"],"warnings":[],"error":null,"notes":["Vixie cron would start the 02:30 run on 29 March 2026 at 03:00 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward). Not guaranteed on GitHub Actions, which documents no rule for runs at skipped or repeated wall times."]}],
  ["30 2 * * *", 'kubernetes', {"timeZone":"Europe/Berlin","from":"2026-03-01T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 02:30","nextRuns":["2026-03-01T01:30:00Z","2026-03-02T01:30:00Z","2026-03-03T01:30:00Z"],"warnings":[],"error":null,"notes":["On Kubernetes this does not run at 02:30 on 29 March 2026: 02:30 does not exist in Europe/Berlin that day (clocks go forward).","On Kubernetes this runs twice at 02:30 on 25 October 2026: 02:30 happens twice in Europe/Berlin that day (clocks go back)."]}],
  ["0 30 2 * * ?", 'databricks', {"timeZone":"Europe/Berlin","from":"2026-03-01T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 02:30","nextRuns":["2026-03-01T01:30:00Z","2026-03-02T01:30:00Z","2026-03-03T01:30:00Z"],"warnings":[],"error":null,"notes":["On Databricks this does not run at 02:30 on 29 March 2026: 02:30 does not exist in Europe/Berlin that day (clocks go forward)."]}],
  ["*/30 * * * *", 'standard', {"timeZone":"Europe/Berlin","from":"2026-03-01T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"Every 30 minutes","nextRuns":["2026-03-01T00:30:00Z","2026-03-01T01:00:00Z","2026-03-01T01:30:00Z"],"warnings":[],"error":null,"notes":["On standard cron this does not run at 02:00 on 29 March 2026: 02:00 does not exist in Europe/Berlin that day (clocks go forward).","On standard cron this does not run at 02:30 on 29 March 2026: 02:30 does not exist in Europe/Berlin that day (clocks go forward).","On standard cron this runs twice at 02:00 on 25 October 2026: 02:00 happens twice in Europe/Berlin that day (clocks go back).","On standard cron this runs twice at 02:30 on 25 October 2026: 02:30 happens twice in Europe/Berlin that day (clocks go back)."]}],
  ["*/15 * * * *", 'standard', {"timeZone":"Europe/Berlin","from":"2026-03-01T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"Every 15 minutes","nextRuns":["2026-03-01T00:15:00Z","2026-03-01T00:30:00Z","2026-03-01T00:45:00Z"],"warnings":[],"error":null}],
  ["30 1 * * *", 'standard', {"timeZone":"America/New_York","from":"2026-10-20T00:00:00Z"},
    {"valid":true,"timeZone":"America/New_York","description":"At 01:30","nextRuns":["2026-10-20T05:30:00Z","2026-10-21T05:30:00Z","2026-10-22T05:30:00Z"],"warnings":[],"error":null}],
  ["30 1 * * *", 'github', {"timeZone":"America/New_York","from":"2026-10-20T00:00:00Z"},
    {"valid":true,"timeZone":"America/New_York","description":"At 01:30","nextRuns":["2026-10-20T05:30:00Z","2026-10-21T05:30:00Z","2026-10-22T05:30:00Z"],"warnings":[],"error":null}],
  ["30 * * * *", 'standard', {"timeZone":"America/New_York","from":"2026-10-20T00:00:00Z"},
    {"valid":true,"timeZone":"America/New_York","description":"At 30 minutes past the hour","nextRuns":["2026-10-20T00:30:00Z","2026-10-20T01:30:00Z","2026-10-20T02:30:00Z"],"warnings":[],"error":null,"notes":["On standard cron this runs twice at 01:30 on 1 November 2026: 01:30 happens twice in America/New_York that day (clocks go back).","On standard cron this does not run at 02:30 on 14 March 2027: 02:30 does not exist in America/New_York that day (clocks go forward)."]}],
  ["15 2 * * *", 'kubernetes', {"timeZone":"Australia/Lord_Howe","from":"2026-03-20T00:00:00Z"},
    {"valid":true,"timeZone":"Australia/Lord_Howe","description":"At 02:15","nextRuns":["2026-03-20T15:15:00Z","2026-03-21T15:15:00Z","2026-03-22T15:15:00Z"],"warnings":[],"error":null,"notes":["On Kubernetes this does not run at 02:15 on 5 April 2026: Australia/Lord_Howe changes its clocks on 5 April 2026.","On Kubernetes this does not run at 02:15 on 4 October 2026: 02:15 does not exist in Australia/Lord_Howe that day (clocks go forward)."]}],
  ["0 2 * * *", 'standard', {"timeZone":"Australia/Lord_Howe","from":"2026-09-20T00:00:00Z"},
    {"valid":true,"timeZone":"Australia/Lord_Howe","description":"At 02:00","nextRuns":["2026-09-20T15:30:00Z","2026-09-21T15:30:00Z","2026-09-22T15:30:00Z"],"warnings":[],"error":null,"notes":["On standard cron the 02:00 run on 4 October 2026 happens at 02:30 instead: 02:00 does not exist in Australia/Lord_Howe that day (clocks go forward)."]}],
  ["0 2 * * *", 'kubernetes', {"timeZone":"Pacific/Auckland","from":"2026-09-01T00:00:00Z"},
    {"valid":true,"timeZone":"Pacific/Auckland","description":"At 02:00","nextRuns":["2026-09-01T14:00:00Z","2026-09-02T14:00:00Z","2026-09-03T14:00:00Z"],"warnings":[],"error":null,"notes":["On Kubernetes this does not run at 02:00 on 27 September 2026: 02:00 does not exist in Pacific/Auckland that day (clocks go forward).","On Kubernetes this runs twice at 02:00 on 4 April 2027: 02:00 happens twice in Pacific/Auckland that day (clocks go back)."]}],
  ["0 3 * * *", 'kubernetes', {"timeZone":"Pacific/Auckland","from":"2026-03-25T00:00:00Z"},
    {"valid":true,"timeZone":"Pacific/Auckland","description":"At 03:00","nextRuns":["2026-03-25T14:00:00Z","2026-03-26T14:00:00Z","2026-03-27T14:00:00Z"],"warnings":[],"error":null}],
  ["30 2 * * *", 'standard', {"timeZone":"Europe/Berlin","from":"2026-03-28T12:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 02:30","nextRuns":["2026-03-29T01:00:00Z","2026-03-30T00:30:00Z","2026-03-31T00:30:00Z"],"warnings":[],"error":null,"notes":["On standard cron the 02:30 run on 29 March 2026 happens at 03:00 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward)."]}],
  ["30 2 * * *", 'standard', {"timeZone":"Europe/Berlin","from":"2026-03-29T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 02:30","nextRuns":["2026-03-29T01:00:00Z","2026-03-30T00:30:00Z","2026-03-31T00:30:00Z"],"warnings":[],"error":null,"notes":["On standard cron the 02:30 run on 29 March 2026 happens at 03:00 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward)."]}],
  ["30 2 * * *", 'standard', {"timeZone":"Europe/Berlin","from":"2026-03-29T01:30:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 02:30","nextRuns":["2026-03-30T00:30:00Z","2026-03-31T00:30:00Z","2026-04-01T00:30:00Z"],"warnings":[],"error":null,"notes":["On standard cron the 02:30 run on 28 March 2027 happens at 03:00 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward)."]}],
  ["0 0 * * *", 'standard', {"timeZone":"Europe/Berlin","from":"2026-03-01T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 00:00","nextRuns":["2026-03-01T23:00:00Z","2026-03-02T23:00:00Z","2026-03-03T23:00:00Z"],"warnings":[],"error":null}],
  ["@every 1h", 'kubeflow', {"timeZone":"Europe/Berlin","from":"2026-03-28T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"Every hour","nextRuns":["2026-03-28T01:00:00Z","2026-03-28T02:00:00Z","2026-03-28T03:00:00Z"],"warnings":[],"error":null}],
];

// lines 465-558: the window (start read as the first instant, end), never-runs, an invalid from.
const WINDOWS: Case[] = [
  ["0 9 * * *", 'standard', {"timeZone":"UTC","from":"2026-01-20T09:00:00Z","window":{"start":"2026-01-20T09:00:00Z"}},
    {"valid":true,"timeZone":"UTC","description":"At 09:00","nextRuns":["2026-01-21T09:00:00Z","2026-01-22T09:00:00Z","2026-01-23T09:00:00Z"],"warnings":[],"error":null}],
  ["0 9 * * *", 'standard', {"timeZone":"UTC","window":{"start":"2026-01-20T09:00:00Z"}},
    {"valid":true,"timeZone":"UTC","description":"At 09:00","nextRuns":["2026-01-20T09:00:00Z","2026-01-21T09:00:00Z","2026-01-22T09:00:00Z"],"warnings":[],"error":null}],
  ["0 0 30 2 *", 'standard', {"timeZone":"UTC","window":{"end":"2027-01-01T00:00:00Z"}},
    {"valid":true,"timeZone":"UTC","description":"At 00:00, on day 30 of the month, only in February","nextRuns":[],"warnings":[{"code":"never-runs","severity":"warning","message":"standard cron accepts this expression, but it never runs."}],"error":null}],
  ["0 0 30 2 *", 'airflow', {"timeZone":"UTC","window":{"start":"2026-01-01T00:00:00Z"}},
    {"valid":true,"timeZone":"UTC","description":"At 00:00, on day 30 of the month, only in February","nextRuns":[],"warnings":[{"code":"never-runs","severity":"warning","message":"Airflow accepts this expression, but it never runs."}],"error":null}],
  ["0 0 1 1 * 0 2030", 'airflow', {"timeZone":"UTC","from":"2027-06-01T00:00:00Z","window":{"start":"2020-06-01T00:00:00Z","catchup":true}},
    {"valid":true,"timeZone":"UTC","description":"At 00:00, on day 1 of the month, only in January, only in 2030","nextRuns":[],"warnings":[{"code":"never-runs","severity":"warning","message":"Airflow accepts this expression, but it never runs."}],"error":null}],
  ["0 9 * * *", 'airflow', {"timeZone":"UTC","window":{"end":"2030-01-01T00:00:00Z"}},
    {"valid":true,"timeZone":"UTC","description":"At 09:00","nextRuns":["2026-01-16T09:00:00Z","2026-01-17T09:00:00Z","2026-01-18T09:00:00Z"],"warnings":[],"error":null}],
  ["0 9 * * *", 'airflow', {"timeZone":"UTC","window":{"end":"2026-01-17T09:00:00Z"}},
    {"valid":true,"timeZone":"UTC","description":"At 09:00","nextRuns":["2026-01-16T09:00:00Z","2026-01-17T09:00:00Z"],"warnings":[],"error":null,"notes":["On Airflow 2.10 the same DAG would also start a run at 18 January 2026 09:00 (09:00 UTC), after its end date: 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable), and its end date bounds the start of a run's data interval."]}],
  ["0 9 * * *", 'airflow', {"timeZone":"Europe/Berlin","count":5,"window":{"end":"2026-01-17T09:00:00Z"}},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 09:00","nextRuns":["2026-01-16T08:00:00Z","2026-01-17T08:00:00Z"],"warnings":[],"error":null,"notes":["On Airflow 2.10 the same DAG would also start a run at 18 January 2026 09:00 (08:00 UTC), after its end date: 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable), and its end date bounds the start of a run's data interval."]}],
  ["0 9 * * *", 'airflow', {"timeZone":"UTC","window":{"catchup":true}},
    {"valid":true,"timeZone":"UTC","description":"At 09:00","nextRuns":["2026-01-16T09:00:00Z","2026-01-17T09:00:00Z","2026-01-18T09:00:00Z"],"warnings":[],"error":null}],
  ["0 9 * * *", 'airflow', {"timeZone":"UTC","window":{"end":"2026-01-01T00:00:00Z"}},
    {"valid":true,"timeZone":"UTC","description":"At 09:00","nextRuns":[],"warnings":[],"error":null}],
  ["0 9 * * *", 'standard', {"timeZone":"UTC","from":"invalid"},
    {"valid":true,"timeZone":"UTC","description":"At 09:00","nextRuns":[],"warnings":[],"error":null}],
];

// Second round (after planting the survivors): a prefix with no schedule on Vertex, Kubeflow's trim after the
// prefix before a preset, tab-only Quartz fields, croniter's L5 in a list (Airflow 3 runs checked with airflow_ref.py).
const MORE: Case[] = [
  ["TZ=UTC", 'vertex', {},
    {"valid":false,"timeZone":"UTC","description":"","nextRuns":[],"warnings":[],"error":{"message":"expected 5 fields, got 0 (minute hour day-of-month month day-of-week)","field":null,"code":"invalid-cron","start":6,"end":6}}],
  ["CRON_TZ=UTC  @daily", 'kubeflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 00:00","nextRuns":["2026-01-16T00:00:00Z","2026-01-17T00:00:00Z","2026-01-18T00:00:00Z"],"warnings":[],"error":null}],
  ["CRON_TZ=UTC  @every 2h", 'kubeflow', {},
    {"valid":true,"timeZone":"UTC","description":"Every 2 hours","nextRuns":["2026-01-15T12:20:00Z","2026-01-15T14:20:00Z","2026-01-15T16:20:00Z"],"warnings":[],"error":null}],
  ["0\t0\t12\t*\t*\t?", 'databricks', {},
    {"valid":true,"timeZone":"UTC","description":"At 12:00","nextRuns":["2026-01-15T12:00:00Z","2026-01-16T12:00:00Z","2026-01-17T12:00:00Z"],"warnings":[],"error":null}],
  ["0 0 * * L5,L1", 'airflow', {},
    {"valid":true,"timeZone":"UTC","description":"At 00:00, on the last Friday and Monday of the month","nextRuns":["2026-01-26T00:00:00Z","2026-01-30T00:00:00Z","2026-02-23T00:00:00Z"],"warnings":[],"error":null,"notes":["On Airflow 2.10 the same DAG would start its run of 26 January 2026 00:00 (00:00 UTC) at 30 January 2026 00:00 (00:00 UTC): 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable)."]}],
];


// lines 400-404: `from` inside the two days of a clock change: the matches before it are not "missing"
// (robfig's runs checked with robfig.go).
const INSIDE: Case[] = [
  // line 402: the only match of the window (00:30) is before `from` and no run is left in it: no note.
  ["30 0 29 3 *", 'kubernetes', {"timeZone":"Europe/Berlin","from":"2026-03-29T00:00:00Z","count":1},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 00:30, on day 29 of the month, only in March","nextRuns":["2027-03-28T22:30:00Z"],"warnings":[],"error":null}],
  ["30 0,2 * * *", 'kubernetes', {"timeZone":"Europe/Berlin","from":"2026-03-29T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 00:30 and 02:30","nextRuns":["2026-03-29T22:30:00Z","2026-03-30T00:30:00Z","2026-03-30T22:30:00Z"],"warnings":[],"error":null,"notes":["On Kubernetes this does not run at 02:30 on 29 March 2026: 02:30 does not exist in Europe/Berlin that day (clocks go forward).","On Kubernetes this runs twice at 02:30 on 25 October 2026: 02:30 happens twice in Europe/Berlin that day (clocks go back)."]}],
  ["30 0,2 * * *", 'standard', {"timeZone":"Europe/Berlin","from":"2026-10-24T23:10:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 00:30 and 02:30","nextRuns":["2026-10-25T00:30:00Z","2026-10-25T23:30:00Z","2026-10-26T01:30:00Z"],"warnings":[],"error":null,"notes":["On standard cron the 02:30 run on 28 March 2027 happens at 03:00 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward)."]}],
  ["30 0,2 * * *", 'vertex', {"timeZone":"Europe/Berlin","from":"2026-10-25T00:40:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 00:30 and 02:30","nextRuns":["2026-10-25T23:30:00Z","2026-10-26T01:30:00Z","2026-10-26T23:30:00Z"],"warnings":[],"error":null,"notes":["Vixie cron would start the 02:30 run on 28 March 2027 at 03:00 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward). Not guaranteed on Vertex AI, which documents no rule for runs at skipped or repeated wall times."]}],
  ["30 0,2 * * *", 'github', {"timeZone":"Europe/Berlin","from":"2026-03-28T23:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"At 00:30 and 02:30","nextRuns":["2026-03-28T23:30:00Z","2026-03-29T01:00:00Z","2026-03-29T22:30:00Z"],"warnings":[],"error":null,"notes":["Vixie cron would start the 02:30 run on 29 March 2026 at 03:00 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward). Not guaranteed on GitHub Actions, which documents no rule for runs at skipped or repeated wall times."]}],
];


// line 385: Africa/Cairo goes back from 24:00 to 23:00 on Thursday 29 October 2026: robfig runs 23:30 twice that
// Thursday (robfig.go: 20:30Z and 21:30Z), Vixie's fixed-time job once. Line 431: at most 3 notes per clock change.
const MIDNIGHT_AND_MANY: Case[] = [
  ["30 23 * * *", 'kubernetes', {"timeZone":"Africa/Cairo","from":"2026-10-01T00:00:00Z"},
    {"valid":true,"timeZone":"Africa/Cairo","description":"At 23:30","nextRuns":["2026-10-01T20:30:00Z","2026-10-02T20:30:00Z","2026-10-03T20:30:00Z"],"warnings":[],"error":null,"notes":["On Kubernetes this runs twice at 23:30 on 29 October 2026: 23:30 happens twice in Africa/Cairo that day (clocks go back)."]}],
  ["*/15 2 * * *", 'standard', {"timeZone":"Europe/Berlin","from":"2026-03-01T00:00:00Z"},
    {"valid":true,"timeZone":"Europe/Berlin","description":"Every 15 minutes, between 02:00 and 02:59","nextRuns":["2026-03-01T01:00:00Z","2026-03-01T01:15:00Z","2026-03-01T01:30:00Z"],"warnings":[],"error":null,"notes":["On standard cron this does not run at 02:00 on 29 March 2026: 02:00 does not exist in Europe/Berlin that day (clocks go forward).","On standard cron this does not run at 02:15 on 29 March 2026: 02:15 does not exist in Europe/Berlin that day (clocks go forward).","On standard cron this does not run at 02:30 on 29 March 2026: 02:30 does not exist in Europe/Berlin that day (clocks go forward).","On standard cron this runs twice at 02:00 on 25 October 2026: 02:00 happens twice in Europe/Berlin that day (clocks go back).","On standard cron this runs twice at 02:15 on 25 October 2026: 02:15 happens twice in Europe/Berlin that day (clocks go back).","On standard cron this runs twice at 02:30 on 25 October 2026: 02:30 happens twice in Europe/Berlin that day (clocks go back)."]}],
  ["30 23 * * *", 'standard', {"timeZone":"Africa/Cairo","from":"2026-10-01T00:00:00Z"},
    {"valid":true,"timeZone":"Africa/Cairo","description":"At 23:30","nextRuns":["2026-10-01T20:30:00Z","2026-10-02T20:30:00Z","2026-10-03T20:30:00Z"],"warnings":[],"error":null}],
];


// Lines 549-551 and 339-343: an end date between now and the next run (Airflow 3: no run; Airflow 2.10 still starts
// the run of the interval that began before the end: both checked with airflow_ref.py on 3.x and 2.10); count 0;
// a year field gives no DST notes (they would name days of other years: 'does not run on 5 April 2026' for 2027).
const AIRFLOW_MORE: Case[] = [
  ["0 9 * * *", 'airflow', {"timeZone":"UTC","window":{"end":"2026-01-15T12:00:00Z"}},
    {"valid":true,"timeZone":"UTC","description":"At 09:00","nextRuns":[],"warnings":[],"error":null,"notes":["On Airflow 2.10 the same DAG would also start a run at 16 January 2026 09:00 (09:00 UTC), after its end date: 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable), and its end date bounds the start of a run's data interval."]}],
  ["45 * * * *", 'airflow', {"timeZone":"Australia/Lord_Howe","from":"2026-10-03T15:30:00Z","count":0},
    {"valid":true,"timeZone":"Australia/Lord_Howe","description":"At 45 minutes past the hour","nextRuns":[],"warnings":[],"error":null,"notes":["On Airflow this also runs at 02:15 on 4 April 2027: Australia/Lord_Howe changes its clocks on 4 April 2027.","On Airflow the 02:45 run on 3 October 2027 happens at 03:15 instead: Australia/Lord_Howe changes its clocks on 3 October 2027."]}],
  ["0 9 * * * 15 2027", 'airflow', {"timeZone":"Australia/Lord_Howe","count":0},
    {"valid":true,"timeZone":"Australia/Lord_Howe","description":"At 09:00:15, only in 2027","nextRuns":[],"warnings":[],"error":null}],
  ["0 9 * * * 15 2026-2027", 'airflow', {"timeZone":"Australia/Lord_Howe","from":"2026-09-20T00:00:00Z","count":1},
    {"valid":true,"timeZone":"Australia/Lord_Howe","description":"At 09:00:15, 2026 through 2027","nextRuns":["2026-09-20T22:30:15Z"],"warnings":[],"error":null}],
  ["0 9 * * * 15 *", 'airflow', {"timeZone":"Australia/Lord_Howe","from":"2026-09-20T00:00:00Z","count":1},
    {"valid":true,"timeZone":"Australia/Lord_Howe","description":"At 09:00:15","nextRuns":["2026-09-20T22:30:15Z"],"warnings":[],"error":null}],
];


// line 407: 02:00 on Lord Howe's fall-back day is the end of the repeated half hour, not in it: robfig skips that day's
// 02:00 (robfig.go: 2026-04-03T15:00Z then 2026-04-05T15:30Z), a clock-change note rather than "happens twice".
const OVERLAP_EDGE: Case[] = [
  ["0 2 * * *", 'kubernetes', {"timeZone":"Australia/Lord_Howe","from":"2026-03-20T00:00:00Z","count":1},
    {"valid":true,"timeZone":"Australia/Lord_Howe","description":"At 02:00","nextRuns":["2026-03-20T15:00:00Z"],"warnings":[],"error":null,"notes":["On Kubernetes this does not run at 02:00 on 5 April 2026: Australia/Lord_Howe changes its clocks on 5 April 2026.","On Kubernetes this does not run at 02:00 on 4 October 2026: 02:00 does not exist in Australia/Lord_Howe that day (clocks go forward)."]}],
  ["0 2 * * *", 'airflow', {"timeZone":"Australia/Lord_Howe","from":"2026-03-20T00:00:00Z","count":1},
    {"valid":true,"timeZone":"Australia/Lord_Howe","description":"At 02:00","nextRuns":["2026-03-20T15:00:00Z"],"warnings":[],"error":null,"notes":["On Airflow the 02:00 run on 4 October 2026 happens at 02:30 instead: 02:00 does not exist in Australia/Lord_Howe that day (clocks go forward)."]}],
];


describe('explainCron: exact results per dialect', () => {
  it('default zones: the machine zone for standard (Asia/Tokyo here), UTC for the orchestrator dialects', () => check(DEFAULT_ZONES));
  it('control characters: U+007F and U+001F rejected at their position; tabs separate fields', () => check(CONTROL));
  it('non-ASCII digits: the field (or the whole expression) named, with the digit', () => check(DIGITS));
  it('CRON_TZ=/TZ= prefixes: Vertex and Kubeflow read them, the rest reject them with the exact span', () => check(PREFIXES));
  it('robfig (kubernetes, kubeflow): @every, presets, 5 vs 6 fields, whitespace, day-or', () => check(ROBFIG));
  it('Quartz (databricks): whitespace and the year field in the description', () => check(QUARTZ));
  it('POSIX (standard, vertex, github): presets, error spans after leading spaces, day-or, the 5-minute minimum', () => check(POSIX));
  it('Airflow: presets, L5, day-or, seconds and years, @once/@continuous, the Airflow 2.10 note in every month', () => check(AIRFLOW));
  it('Airflow DST notes: croniter day rules (nth, L) give no notes; day-or, seconds; Lord Howe and the 2.10 raise', () => check(AIRFLOW_DST));
  it('DST notes for the memoryless dialects (gap, overlap, Lord Howe, 96-match limit, from inside the window)', () => check(DST));
  it('windows, an invalid from, never-runs', () => check(WINDOWS));
  it('DST notes from inside the window of a clock change', () => check(INSIDE));
  it('a clock change at midnight; at most three notes per change', () => check(MIDNIGHT_AND_MANY));
  it('Airflow: an end date before the next run, count 0, year fields and DST notes', () => check(AIRFLOW_MORE));
  it('a run at the end of a repeated half hour', () => check(OVERLAP_EDGE));
  it('prefix without a schedule, trim after the prefix, tab-only Quartz fields, L5 in a list', () => check(MORE));
});

describe('explainCron: memoised results stay exact', () => {
  it('DST notes are recomputed once the clock change is near (robfig runs 02:45 twice on 25 October 2026)', () => {
    const twice = 'On Kubernetes this runs twice at 02:45 on 25 October 2026: 02:45 happens twice in Europe/Berlin that day (clocks go back).';
    const march = 'On Kubernetes this does not run at 02:45 on 28 March 2027: 02:45 does not exist in Europe/Berlin that day (clocks go forward).';
    const at = (from: string) => actual('45 2 * * *', 'kubernetes', { timeZone: 'Europe/Berlin', from, count: 2 });
    assert.deepEqual(at('2026-10-01T00:00:00Z').notes, [twice, march]);
    assert.deepEqual(at('2026-10-22T00:00:00Z').notes, [twice, march]);
    // After the first 02:45 (CEST, 00:45 UTC): only the second one (CET) is ahead, so it no longer runs twice.
    assert.deepEqual(at('2026-10-25T00:50:00Z'), {
      valid: true,
      timeZone: 'Europe/Berlin',
      description: 'At 02:45',
      nextRuns: ['2026-10-25T01:45:00Z', '2026-10-26T01:45:00Z'],
      warnings: [],
      error: null,
      notes: [march],
    });
    assert.deepEqual(at('2026-10-01T00:00:00Z').notes, [twice, march]);
  });

  it('the notes handed out are a copy', () => {
    const o = { dialect: 'kubernetes' as const, timeZone: 'Europe/Berlin', from: new Date('2026-03-01T00:00:00Z'), count: 1 };
    const first = explainCron('15 2 * * *', o);
    assert.equal(first.notes?.length, 2);
    first.notes?.push('changed');
    first.warnings.push({ code: 'never-runs', severity: 'warning', message: 'changed' });
    const again = explainCron('15 2 * * *', o);
    assert.deepEqual(again.notes, [
      'On Kubernetes this does not run at 02:15 on 29 March 2026: 02:15 does not exist in Europe/Berlin that day (clocks go forward).',
      'On Kubernetes this runs twice at 02:15 on 25 October 2026: 02:15 happens twice in Europe/Berlin that day (clocks go back).',
    ]);
    assert.deepEqual(again.warnings, []);
  });

  it('an empty zone is rejected whether or not the default zone was asked first (no shared cache entry)', () => {
    const empty = { message: 'unknown time zone "" (use an IANA name such as Europe/Berlin or UTC)', field: null, code: 'invalid-cron' as const };
    assert.equal(actual('0 10 * * *', 'github', {}).valid, true);
    assert.deepEqual(actual('0 10 * * *', 'github', { timeZone: '' }), { valid: false, timeZone: '', description: '', nextRuns: [], warnings: [], error: empty });
    assert.deepEqual(actual('0 11 * * *', 'github', { timeZone: '' }).error, empty);
    assert.deepEqual(actual('0 11 * * *', 'github', {}).nextRuns, ['2026-01-15T11:00:00Z', '2026-01-16T11:00:00Z', '2026-01-17T11:00:00Z']);
  });
});
