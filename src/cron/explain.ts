// explainCron: parse, validate, describe and compute the next runs of a cron
// expression the way the target orchestrator reads it. Memoised: the editor
// calls this on every hover.

import { defaultSeverity, type FindingCode } from '../common/codes';
import { AirflowTimetable, type AirflowWindow } from './airflow';
import { parseCroniter, type CroniterSpec } from './croniter';
import { describeFields } from './describe';
import { CronParseError, type FieldSpec, FIVE_FIELD_PRESETS, emptySpec, toCronError, own } from './fields';
import { describeInterval } from './interval';
import { parsePosix } from './posix';
import { parseQuartz } from './quartz';
import { parseRobfig, robfigNext } from './robfig';
import type { CronError, CronExplanation, CronWarning, Dialect, ExplainOptions, RunWindow } from './types';
import { quartzNext } from './quartz-next';
import { nextLocalMatch, walkRuns, type DstPolicy } from './walk';
import { type Transition, type ZoneRules, civilFromSeconds, isValidTimeZone, machineTimeZone, zoneRules, zoneSpellingHint } from './zone';

export const MAX_EXPRESSION_LENGTH = 1000;

const DIALECT_NAME: Record<Dialect, string> = {
  standard: 'standard cron',
  kubernetes: 'Kubernetes',
  kubeflow: 'Kubeflow',
  vertex: 'Vertex AI',
  airflow: 'Airflow',
  github: 'GitHub Actions',
  databricks: 'Databricks',
};

type RunKind = 'memoryless' | 'croniter' | 'relative' | 'none';

interface Compiled {
  valid: boolean;
  error: CronError | null;
  description: string;
  warnings: CronWarning[];
  timeZone: string;
  runKind: RunKind;
  /** Runs strictly after `from` (UTC seconds). */
  runs: (from: number, count: number) => number[];
  /**
   * The next run depends on the start's offset, not only on the first run after it: croniter's DST
   * adjustment, and Quartz (from 01:20 EDT on the day clocks go back it skips the repeated 01:00 that
   * it takes from 00:30 EDT). Cached runs are then reused only where no offset changes.
   */
  offsetSensitive?: boolean;
  /**
   * robfig: the next run also depends on where the start lies near a change, even at the same offset. From
   * inside a repeated hour (Antarctica/Troll: 02:00+02 on 25 Oct 2026) or after a change of part of an hour
   * (Australia/Lord_Howe), its hour truncation resolves the wall time in the other offset and skips a run
   * that it takes from earlier. Cached runs are reused only when no change lies within two days of them.
   */
  changeSensitive?: boolean;
  /** Airflow only: the runs of ZenML's DAG with this start_date/end_date/catchup (Airflow 3's timetable). */
  windowRuns?: (from: number, count: number, window: AirflowWindow) => number[];
  /** Airflow only: the runs Airflow 2.10 would start for the same DAG (null: 2.10's scheduler raises). */
  airflow2Runs?: (from: number, count: number, window?: AirflowWindow) => number[] | null;
  /** The field spec, for DST notes (absent for @every / @once). */
  spec?: FieldSpec;
  rules?: ZoneRules;
  runCache?: { from: number; count: number; runs: number[] };
  notesCache?: { from: number; until: number; notes: string[] };
}

function warning(code: FindingCode, message: string, severity = defaultSeverity(code)): CronWarning {
  return { code, severity, message };
}

const noRuns = () => [];

function invalid(error: CronError, timeZone: string): Compiled {
  return { valid: false, error, description: '', warnings: [], timeZone, runKind: 'none', runs: noRuns };
}

function wholeError(message: string, expression: string, code: FindingCode = 'invalid-cron'): CronError {
  return { message, field: null, code, start: 0, end: expression.length };
}

/** Problems any dialect rejects before its own parser runs: emptiness, size, control characters. */
function precheck(expression: string): CronError | null {
  if (typeof expression !== 'string') return { message: 'the cron expression must be a string', field: null, code: 'invalid-cron' };
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    return wholeError(`the expression is ${expression.length} characters long; a cron expression is at most a few dozen (limit ${MAX_EXPRESSION_LENGTH})`, expression);
  }
  if (expression.trim() === '') return wholeError('the expression is empty', expression);
  for (let i = 0; i < expression.length; i++) {
    const code = expression.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x20) || code === 0x7f) {
      return { message: `the expression contains a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')}) at position ${i + 1}`, field: null, code: 'invalid-cron', start: i, end: i + 1 };
    }
  }
  return null;
}

/** Rewrite a parser error when the culprit is a non-ASCII digit: the usual cause is a localised keyboard. */
function explainParseError(e: CronParseError, expression: string): CronError {
  const error = toCronError(e);
  if (e.start !== undefined && e.end !== undefined) {
    const text = expression.slice(e.start, e.end);
    const digit = /[^ -~]/u.exec(text);
    if (digit && /\p{Nd}/u.test(digit[0])) {
      error.message = `${e.field ?? 'expression'}: "${text}" uses a non-ASCII digit (${digit[0]}); write numbers with 0-9`;
    }
  }
  return error;
}

const ZONE_PREFIX = /^(CRON_TZ|TZ)=(\S*)/;

/** robfig's reading of a zone prefix: the zone runs from the "=" to the first space (not tab). */
function robfigPrefix(expression: string): [string, string, string] | null {
  const m = /^(CRON_TZ|TZ)=/.exec(expression);
  if (!m) return null;
  const space = expression.indexOf(' ');
  const end = space < 0 ? expression.length : space;
  return [expression.slice(0, end), m[1], expression.slice(m[0].length, end)];
}

// Vixie cron's daemon loop (Debian's cron, checked by the differential test): a fixed-time
// job whose time is skipped runs at the change and a repeated time runs once; a wildcard job
// (minute or hour field starting with `*`) does not run in skipped minutes and runs again
// in repeated ones.
const POSIX_DST_FIXED: DstPolicy = { gap: 'atChange', overlap: 'first' };
const POSIX_DST_WILDCARD: DstPolicy = { gap: 'skip', overlap: 'both' };

function fieldRuns(spec: FieldSpec, rules: ZoneRules, yearsAhead: number) {
  const policy = spec.wildcardTime ? POSIX_DST_WILDCARD : POSIX_DST_FIXED;
  return (from: number, count: number) => walkRuns(spec, rules, from, count, policy, civilFromSeconds(from).year + yearsAhead);
}

/** Runs of an engine that only knows "the next run after t" (robfig, Quartz): chain it. */
function chainedRuns(next: (after: number) => number | null) {
  return (from: number, count: number) => {
    const out: number[] = [];
    let t: number | null = from;
    while (out.length < count && (t = next(t)) !== null) out.push(t);
    return out;
  };
}

function minuteGap(spec: FieldSpec): number {
  // The shortest distance between two runs within an hour (seconds ignored: 5-field dialects).
  const minutes: number[] = [];
  for (let m = 0; m < 60; m++) if (spec.minutes[m]) minutes.push(m);
  if (minutes.length === 0) return Infinity;
  // The last minute of an hour and the first of the next: only when the next hour runs too
  // ("0,59 9 * * *" runs at 09:00 and 09:59, 59 minutes apart, then the next day).
  const nextHourRuns = spec.hours.some((on, h) => on === 1 && spec.hours[(h + 1) % 24] === 1);
  let gap = nextHourRuns ? minutes[0] + 60 - minutes[minutes.length - 1] : Infinity;
  for (let i = 1; i < minutes.length; i++) gap = Math.min(gap, minutes[i] - minutes[i - 1]);
  return gap;
}

function dayOrSemantics(domText: string, dowText: string): CronWarning {
  return warning('day-or-semantics', `Day of month (${domText}) and day of week (${dowText}) are both set: it runs on days that match EITHER one, not only on days that match both.`);
}

function dayOrWarning(spec: FieldSpec, domText: string, dowText: string): CronWarning | null {
  return spec.dayOr ? dayOrSemantics(domText, dowText) : null;
}

/** What Kubeflow really does with a 5-field string: seconds first. */
function secondsFirstMessage(fields: string[], described: string): string {
  const [s, m, h, dom, mon] = fields;
  let what = `second ${s}, minute ${m}`;
  what += h === '*' ? ' of every hour' : `, hour ${h}`;
  if (dom !== '*' && dom !== '?') what += `, day-of-month ${dom}`;
  if (mon !== '*') what += `, month ${mon}`;
  const tail = described ? ` (${described.charAt(0).toLowerCase()}${described.slice(1)})` : '';
  return `Kubeflow reads the first field as seconds: "${fields.join(' ')}" runs at ${what}${tail}. For minute-hour-day-month-weekday, add a seconds field in front: "0 ${fields.join(' ')}".`;
}

function compile(expression: string, dialect: Dialect, requestedZone: string | undefined): Compiled {
  const defaultZone = dialect === 'standard' ? machineTimeZone() : 'UTC';
  let timeZone = requestedZone ?? defaultZone;
  const pre = precheck(expression);
  if (pre) return invalid(pre, timeZone);
  const warnings: CronWarning[] = [];

  if (requestedZone !== undefined && !isValidTimeZone(requestedZone)) {
    const hint = zoneSpellingHint(requestedZone);
    const advice = hint ? `did you mean ${hint}?` : 'use an IANA name such as Europe/Berlin or UTC';
    return invalid({ message: `unknown time zone "${requestedZone}" (${advice})`, field: null, code: 'invalid-cron' }, requestedZone);
  }

  // The time zone prefix: Vertex and Kubeflow (robfig) read it; the rest reject it.
  let body = expression;
  let bodyOffset = 0;
  const prefix = dialect === 'kubeflow' ? robfigPrefix(expression) : ZONE_PREFIX.exec(dialect === 'kubernetes' ? expression : expression.trimStart());
  if (dialect === 'kubernetes' && expression.includes('TZ')) {
    const at = Math.max(0, expression.indexOf('TZ'));
    const end = prefix ? prefix[0].length : at + 2;
    return invalid(
      { message: 'Kubernetes rejects TZ= or CRON_TZ= in the schedule; set the time zone separately (CronJob spec.timeZone)', field: null, code: 'timezone-prefix', start: prefix ? 0 : at, end },
      timeZone,
    );
  }
  if (prefix) {
    const lead = dialect === 'kubernetes' || dialect === 'kubeflow' ? 0 : expression.length - expression.trimStart().length;
    const zone = prefix[2];
    if (dialect !== 'vertex' && dialect !== 'kubeflow') {
      return invalid(
        { message: `${DIALECT_NAME[dialect]} does not accept a ${prefix[1]}= prefix; set the time zone separately`, field: null, code: 'timezone-prefix', start: lead, end: lead + prefix[0].length },
        timeZone,
      );
    }
    if (dialect === 'kubeflow' && !expression.includes(' ')) {
      return invalid(wholeError(`the ${prefix[1]}= prefix must be followed by a space and the schedule`, expression), timeZone);
    }
    if (!isValidTimeZone(zone) || zone === '') {
      const hint = zoneSpellingHint(zone);
      return invalid(
        { message: `unknown time zone "${zone}" in the ${prefix[1]}= prefix${hint ? ` (did you mean ${hint}?)` : ''}`, field: null, code: 'invalid-cron', start: lead, end: lead + prefix[0].length },
        timeZone,
      );
    }
    if (requestedZone !== undefined && requestedZone !== zone) {
      warnings.push(warning('timezone-prefix', `The ${prefix[1]}=${zone} prefix wins over the time zone ${requestedZone}.`, 'warning'));
    }
    timeZone = zone;
    bodyOffset = lead + prefix[0].length;
    body = expression.slice(bodyOffset);
    if (dialect === 'kubeflow') {
      // robfig trims after the prefix.
      const trimmed = body.trim();
      bodyOffset += body.indexOf(trimmed);
      body = trimmed;
    }
  }
  // GitHub Actions: UTC, or the IANA zone of the schedule entry's `timezone:` key (passed as the zone).
  const rules = zoneRules(timeZone);

  try {
    switch (dialect) {
      case 'kubernetes':
      case 'kubeflow': {
        const secondsFirst = dialect === 'kubeflow';
        const parsed = parseRobfig(body, bodyOffset, secondsFirst);
        if (parsed.kind === 'every') {
          const seconds = parsed.seconds;
          return {
            valid: true,
            error: null,
            description: describeInterval(seconds).replace(/^every/, 'Every'),
            warnings,
            timeZone,
            runKind: 'relative',
            runs: (from, count) => Array.from({ length: Math.max(0, count) }, (_, i) => from + seconds * (i + 1)),
          };
        }
        const spec = parsed.spec;
        const fields = body.startsWith('@') ? [] : body.trim().split(/\s+/);
        let description: string;
        if (body.startsWith('@')) description = describeFields(presetFields(body));
        else if (secondsFirst) description = describeFields(fields.length === 5 ? [...fields, '*'].join(' ') : fields.join(' '));
        else description = describeFields(fields.join(' '));
        if (secondsFirst && fields.length === 5) warnings.push(warning('dialect-seconds-first', secondsFirstMessage(fields, description)));
        const dayOr = dayOrWarning(spec, fields[secondsFirst ? 3 : 2] ?? '', fields[secondsFirst ? 5 : 4] ?? '');
        if (dayOr) warnings.push(dayOr);
        const runs = chainedRuns((t) => robfigNext(spec, rules, t));
        return { valid: true, error: null, description, warnings, timeZone, runKind: 'memoryless', changeSensitive: true, runs, spec, rules };
      }
      case 'airflow':
        return compileAirflow(expression, warnings, timeZone, rules);
      case 'databricks': {
        const parsed = parseQuartz(body, bodyOffset, new Date().getUTCFullYear());
        const description = describeFields(body.trim().split(/[ \t]+/).slice(0, 7).join(' '), true);
        const runs = chainedRuns((t) => quartzNext(parsed.sets, rules, t));
        return { valid: true, error: null, description, warnings, timeZone, runKind: 'memoryless', offsetSensitive: true, runs, spec: parsed.spec, rules };
      }
      default: {
        // standard, vertex, github: POSIX cron.
        const trimmed = body.trim();
        const lead = bodyOffset + body.indexOf(trimmed);
        let fieldsText = trimmed;
        if (trimmed.startsWith('@')) {
          // Vixie cron matches preset names exactly (lower case): "@Daily" is rejected.
          const preset = dialect === 'standard' ? own(FIVE_FIELD_PRESETS, trimmed) : undefined;
          if (!preset) {
            const hint = dialect === 'standard' ? ' (use @yearly, @monthly, @weekly, @daily or @hourly)' : `; ${DIALECT_NAME[dialect]} needs 5 fields`;
            return invalid({ message: `unknown preset "${trimmed}"${hint}`, field: null, code: 'invalid-cron', start: lead, end: lead + trimmed.length }, timeZone);
          }
          fieldsText = preset;
        }
        const spec = parsePosix(fieldsText, trimmed.startsWith('@') ? 0 : lead);
        const fields = fieldsText.split(/\s+/);
        // Vixie cron separates fields with spaces or tabs; cronstrue reads spaces only.
        const description = describeFields(fields.join(' '));
        if (dialect === 'github' && minuteGap(spec) < 5) {
          warnings.push(warning('too-frequent', 'GitHub Actions runs scheduled workflows at most every 5 minutes (and may delay them at busy times); this expression asks for more often.'));
        }
        const dayOr = dayOrWarning(spec, fields[2], fields[4]);
        if (dayOr) warnings.push(dayOr);
        return { valid: true, error: null, description, warnings, timeZone, runKind: 'memoryless', runs: fieldRuns(spec, rules, 10), spec, rules };
      }
    }
  } catch (e) {
    if (e instanceof CronParseError) return invalid(explainParseError(e, expression), timeZone);
    return invalid(wholeError(`cannot read this expression (${e instanceof Error ? e.message : String(e)})`, expression), timeZone);
  }
}

/** The 5-field form of a robfig preset, for cronstrue. */
function presetFields(preset: string): string {
  return own(FIVE_FIELD_PRESETS, preset) ?? preset;
}

/** Airflow's own presets, resolved before croniter sees the string. */
const AIRFLOW_PRESETS: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@quarterly': '0 0 1 */3 *',
  '@yearly': '0 0 1 1 *',
};

function compileAirflow(expression: string, warnings: CronWarning[], timeZone: string, rules: ZoneRules): Compiled {
  if (expression === '@once') {
    return { valid: true, error: null, description: 'Once, at the start date', warnings, timeZone, runKind: 'none', runs: noRuns };
  }
  if (expression === '@continuous') {
    return { valid: true, error: null, description: 'Continuously: a new run starts as soon as the previous one ends', warnings, timeZone, runKind: 'none', runs: noRuns };
  }
  const text = own(AIRFLOW_PRESETS, expression) ?? expression;
  const spec: CroniterSpec = parseCroniter(text, 0);
  const fields = (own(FIVE_FIELD_PRESETS, text.toLowerCase()) ?? text).trim().split(/\s+/);
  // cronstrue reads seconds first and Quartz-style "5L"; croniter has seconds last and "L5" (any case, also in a
  // list: cronstrue reads "l5" as no day at all, so each item is rewritten).
  const forDescription = fields.map((f, i) => (i === 4 ? f.split(',').map((item) => item.replace(/^l(\d)$/i, '$1L')).join(',') : f));
  let ordered = forDescription;
  if (fields.length >= 6) ordered = [forDescription[5], ...forDescription.slice(0, 5), ...forDescription.slice(6)];
  const description = describeFields(ordered.join(' '));
  if (spec.expanded[2][0] !== '*' && spec.expanded[4][0] !== '*') {
    warnings.push(dayOrSemantics(fields[2], fields[4]));
  }
  const timetable = new AirflowTimetable(spec, rules);
  return {
    valid: true,
    error: null,
    description,
    warnings,
    timeZone,
    runKind: 'croniter',
    offsetSensitive: true,
    // Airflow's timetable on top of croniter (see airflow.ts), as Airflow 3 runs ZenML's DAGs.
    runs: (from, count) => timetable.runsV3(from, count),
    windowRuns: (from, count, window) => timetable.runsV3(from, count, window),
    airflow2Runs: (from, count, window) => timetable.runsV2(from, count, window),
    spec: croniterFieldSpec(spec),
    rules,
  };
}

/** The croniter spec as plain sets, for the DST notes (day rules simplified). */
function croniterFieldSpec(spec: CroniterSpec): FieldSpec | undefined {
  const e = spec.expanded;
  // A year field (7 fields) is not in a FieldSpec: without it the notes would name days of other years.
  if (e[2].includes('l') || spec.nth.size > 0 || (e.length > 6 && e[6][0] !== '*')) return undefined;
  // Set the bits of croniter's values (or all from `min` for '*'); emptySpec's sizes are the field ranges.
  const mark = (values: Array<number | '*' | 'l'>, bits: Uint8Array, min: number): void => {
    if (values.includes('*')) bits.fill(1, min);
    else for (const v of values) if (typeof v === 'number' && v < bits.length) bits[v] = 1;
  };
  const out = emptySpec();
  if (e.length > 5) mark(e[5], out.seconds, 0);
  else out.seconds[0] = 1;
  mark(e[0], out.minutes, 0);
  mark(e[1], out.hours, 0);
  mark(e[2], out.dom, 1);
  mark(e[3], out.months, 1);
  mark(e[4], out.dow, 0);
  out.domStar = e[2][0] === '*';
  out.dowStar = e[4][0] === '*';
  out.dayOr = !out.domStar && !out.dowStar;
  return out;
}

// ---- DST notes (issue 5 item 4) ----
// Truthful by construction: for the next clock changes, the wall times the
// expression names on the day of the change and the day after are compared
// with the runs the dialect's engine (checked against the real parser) makes.

function longDate(local: number): string {
  const c = civilFromSeconds(local);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${c.day} ${months[c.month - 1]} ${c.year}`;
}

function hhmm(local: number): string {
  const c = civilFromSeconds(local);
  const p = (n: number) => String(n).padStart(2, '0');
  return c.second ? `${p(c.hour)}:${p(c.minute)}:${p(c.second)}` : `${p(c.hour)}:${p(c.minute)}`;
}

const MAX_NOTE_MATCHES = 96;

function notesForTransition(c: Compiled, dialect: Dialect, tr: Transition, from: number): string[] {
  const rules = c.rules as ZoneRules;
  const spec = c.spec as FieldSpec;
  const forward = tr.after > tr.before;
  // The local day of the earlier wall time: where clocks go back at midnight (Africa/Cairo, 24:00 -> 23:00)
  // the repeated hour belongs to the day before.
  const dayStart = Math.floor((tr.at + Math.min(tr.before, tr.after)) / 86400) * 86400;
  const windowEnd = dayStart + 2 * 86400;
  const expected: number[] = [];
  for (let l = dayStart; expected.length <= MAX_NOTE_MATCHES; ) {
    const m = nextLocalMatch(spec, l, civilFromSeconds(windowEnd).year);
    if (m === null || m >= windowEnd) break;
    expected.push(m);
    l = m + 1;
  }
  if (expected.length === 0 || expected.length > MAX_NOTE_MATCHES) return [];
  const start = Math.max(from, dayStart - Math.max(tr.before, tr.after) - 1);
  const actual = c
    .runs(start, expected.length + 8)
    .map((u) => u + rules.offsetAt(u))
    .filter((l) => l >= dayStart && l < windowEnd);
  if (start > dayStart - Math.max(tr.before, tr.after) - 1) {
    // `from` is inside the window: compare only what is still ahead.
    const first = actual.length > 0 ? actual[0] : windowEnd;
    while (expected.length > 0 && expected[0] < Math.min(first, from + rules.offsetAt(from) + 1)) expected.shift();
  }
  const name = DIALECT_NAME[dialect];
  const zone = rules.zone;
  const gapOrOverlap = (l: number) => l >= tr.at + Math.min(tr.before, tr.after) && l < tr.at + Math.max(tr.before, tr.after);
  const why = (l: number) =>
    gapOrOverlap(l)
      ? forward
        ? `${hhmm(l)} does not exist in ${zone} that day (clocks go forward)`
        : `${hhmm(l)} happens twice in ${zone} that day (clocks go back)`
      : `${zone} changes its clocks on ${longDate(tr.at + tr.before)}`;
  // Vertex AI and GitHub Actions document no DST rule: say what Vixie cron (their reference) would do, unpromised.
  const undocumented = dialect === 'vertex' || dialect === 'github';
  const say = (documented: string, vixie: string, l: number) =>
    undocumented
      ? `Vixie cron ${vixie}: ${why(l)}. Not guaranteed on ${name}, which documents no rule for runs at skipped or repeated wall times.`
      : `On ${name} ${documented}: ${why(l)}.`;
  const notes: string[] = [];
  const missing = expected.filter((l) => !actual.includes(l));
  const extra = actual.filter((l) => !expected.includes(l));
  const twice = actual.filter((l, i) => actual.indexOf(l) !== i);
  missing.forEach((l, i) => {
    const on = `${hhmm(l)} run on ${longDate(l)}`;
    if (i < extra.length) notes.push(say(`the ${on} happens at ${hhmm(extra[i])} instead`, `would start the ${on} at ${hhmm(extra[i])} instead`, l));
    else notes.push(say(`this does not run at ${hhmm(l)} on ${longDate(l)}`, `would not run this at ${hhmm(l)} on ${longDate(l)}`, l));
  });
  for (const l of extra.slice(missing.length)) notes.push(say(`this also runs at ${hhmm(l)} on ${longDate(l)}`, `would also run this at ${hhmm(l)} on ${longDate(l)}`, l));
  for (const l of twice) notes.push(say(`this runs twice at ${hhmm(l)} on ${longDate(l)}`, `would run this twice at ${hhmm(l)} on ${longDate(l)}`, l));
  return notes.slice(0, 3);
}

/** Notes for the next two clock changes (within a year) that change a run of this expression. */
function dstNotes(c: Compiled, dialect: Dialect, from: number): { notes: string[]; until: number } {
  const rules = c.rules;
  if (!rules || !c.spec || rules.isUtc || c.runKind === 'relative') return { notes: [], until: Number.POSITIVE_INFINITY };
  const horizon = from + 366 * 86400;
  const notes: string[] = [];
  let until = horizon;
  let t = from;
  for (let i = 0; i < 2; i++) {
    const tr = rules.nextTransition(t, 1);
    if (!tr || tr.at > horizon) break;
    if (i === 0) until = tr.at - 2 * 86400 > from ? tr.at - 2 * 86400 : from + 1;
    t = tr.at;
    notes.push(...notesForTransition(c, dialect, tr, from));
  }
  return { notes, until };
}

/** Where Airflow 2.10 (CronDataIntervalTimetable) would start the same DAG at other times than Airflow 3. */
function airflow2Note(v3: number[], v2: number[] | null, zone: string): string | null {
  if (v2 === null) return 'On Airflow 2.10 this DAG would not be scheduled: its timetable raises "next schedule shouldn\'t be earlier" for this expression.';
  const i = v2.length > v3.length ? v2.findIndex((r, k) => v3[k] !== r) : v3.findIndex((r, k) => v2[k] !== r);
  if (i < 0) return null;
  const fmt = (u: number) => `${longDate(u + zoneRules(zone).offsetAt(u))} ${hhmm(u + zoneRules(zone).offsetAt(u))} (${new Date(u * 1000).toISOString().slice(11, 16)} UTC)`;
  const why = '2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable)';
  // 2.10 checks end_date against the start of a run's data interval: one more run after end_date.
  if (v3[i] === undefined) return `On Airflow 2.10 the same DAG would also start a run at ${fmt(v2[i])}, after its end date: ${why}, and its end date bounds the start of a run's data interval.`;
  const other = v2[i] === undefined ? 'not at all' : `at ${fmt(v2[i])}`;
  return `On Airflow 2.10 the same DAG would start its run of ${fmt(v3[i])} ${other}: ${why}.`;
}

/** The window in whole UTC seconds: a start is read up (no run before it), an end down. */
function windowSeconds(window: RunWindow | undefined): AirflowWindow | null {
  if (!window) return null;
  const seconds = (d: Date | null | undefined, round: (x: number) => number) => (d instanceof Date && Number.isFinite(d.getTime()) ? round(d.getTime() / 1000) : null);
  const start = seconds(window.start, Math.ceil);
  const end = seconds(window.end, Math.floor);
  if (start === null && end === null && !window.catchup) return null;
  return { start, end, catchup: window.catchup === true };
}

// ---- the public entry point ----

const compiledCache = new Map<string, Compiled>();
const MAX_CACHE = 500;

function compiled(expression: string, dialect: Dialect, timeZone: string | undefined): Compiled {
  // No zone (the dialect's default) and an empty zone (rejected) must not share an entry.
  const key = `${dialect}\u0000${timeZone === undefined ? '-' : `=${timeZone}`}\u0000${expression}`;
  let c = compiledCache.get(key);
  if (!c) {
    c = compile(expression, dialect, timeZone);
    if (compiledCache.size >= MAX_CACHE) compiledCache.delete(compiledCache.keys().next().value as string);
    compiledCache.set(key, c);
  }
  return c;
}

/** Whether cached runs computed from `cachedFrom` are exactly the runs from `from`. */
function cacheHolds(c: Compiled, from: number, count: number): boolean {
  const rc = c.runCache;
  if (!rc || count > rc.count || from < rc.from) return false;
  if (from === rc.from) return true;
  if (c.runKind === 'relative') return false;
  // Fewer runs than asked means none were left: still exact for any later `from` before the first.
  const first = rc.runs.length > 0 ? rc.runs[0] : Number.POSITIVE_INFINITY;
  if (from >= first) return false;
  if (c.offsetSensitive === true && c.rules && !c.rules.isUtc) {
    // croniter's DST adjustment (and Quartz's calendar walk) depends on the start's offset: only reuse when nothing crosses a change.
    const off = c.rules.offsetAt(rc.from);
    if (c.rules.offsetAt(from) !== off || rc.runs.some((r) => c.rules!.offsetAt(r) !== off)) return false;
  }
  if (c.changeSensitive === true && c.rules && !c.rules.isUtc && rc.runs.length > 0) {
    // robfig's walk looks back at most a day (to midnight) and forward to its run: two days either side cover it.
    if (c.rules.transitionsBetween(rc.from - 2 * 86400, first + 2 * 86400).length > 0) return false;
  }
  return true;
}

export function explainCron(expression: string, options: ExplainOptions): CronExplanation {
  const dialect = options.dialect;
  const c = compiled(expression, dialect, options.timeZone);
  const fromMs = options.from ? options.from.getTime() : Date.now();
  const count = Number.isFinite(options.count) ? Math.max(0, Math.min(Math.floor(options.count as number), 1000)) : 5;
  let runs: number[] = [];
  let notes: string[] = [];
  const window = windowSeconds(options.window);
  // Where the window cut every run (an end that has passed), "never runs" is not said.
  let cutByWindow = false;
  if (c.valid && c.runKind !== 'none' && Number.isFinite(fromMs)) {
    const now = Math.floor(fromMs / 1000);
    // Nothing before the start: runs are counted from just before it when it is still ahead.
    const from = window?.start != null && window.start - 1 > now ? window.start - 1 : now;
    if (window && c.windowRuns) {
      // Airflow: its timetable with the DAG's start_date, end_date and catchup.
      runs = c.windowRuns(now, count, window);
      cutByWindow = runs.length === 0 && window.end !== null && c.runs(from, 1).length > 0;
    } else {
      if (cacheHolds(c, from, count)) {
        runs = c.runCache!.runs.slice(0, count);
      } else {
        runs = c.runs(from, count);
        c.runCache = { from, count, runs };
      }
      // Nothing after the end.
      if (window?.end != null) {
        const end = window.end;
        cutByWindow = runs.some((r) => r > end);
        runs = runs.filter((r) => r <= end);
      }
    }
    const nc = c.notesCache;
    if (options.notes === false) notes = [];
    else if (nc && from >= nc.from && from < nc.until) notes = nc.notes;
    else {
      const computed = dstNotes(c, dialect, from);
      c.notesCache = { from, until: computed.until, notes: computed.notes };
      notes = computed.notes;
    }
  }
  if (options.notes !== false && c.airflow2Runs && (runs.length > 0 || window?.end != null) && count > 0 && Number.isFinite(fromMs)) {
    // With an end date, 2.10 may start one run more than Airflow 3: ask for one more than Airflow 3 gave.
    const v2 = c.airflow2Runs(Math.floor(fromMs / 1000), window?.end != null ? Math.min(count, runs.length + 1) : runs.length, window ?? undefined);
    const note = airflow2Note(runs, v2, c.timeZone);
    if (note) notes = [...notes, note];
  }
  const warnings = c.warnings.slice();
  if (c.valid && c.runKind !== 'none' && runs.length === 0 && !cutByWindow && count > 0 && Number.isFinite(fromMs)) {
    warnings.push(warning('never-runs', `${DIALECT_NAME[dialect]} accepts this expression, but it never runs${dialect === 'kubernetes' || dialect === 'kubeflow' ? ' (within the next 5 years)' : ''}.`));
  }
  const result: CronExplanation = {
    valid: c.valid,
    expression,
    dialect,
    timeZone: c.timeZone,
    description: c.description,
    nextRuns: runs.map((r) => new Date(r * 1000)),
    warnings,
    error: c.error,
  };
  if (notes.length > 0) result.notes = notes.slice();
  return result;
}
