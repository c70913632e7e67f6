// Findings for the `on.schedule` entries of GitHub Actions workflow files
// (discovery/githubWorkflow.ts): the cron in GitHub's dialect (invalid,
// too-frequent, never-runs, ...) and the `timezone:` key as an IANA zone.
// These schedules belong to GitHub, not to a ZenML Schedule: the ZenML field
// and orchestrator rules do not apply to them.

import { explainCron, isValidTimeZone, zoneSpellingHint } from '../cron';
import type { DiscoveredSchedule, FieldValue, Range } from '../discovery/types';
import { findField } from './triggers';
import type { Finding, FindingData } from './types';

function literalRange(value: Extract<FieldValue, { kind: 'string' }>): Range {
  return value.range;
}

function errorRange(value: Extract<FieldValue, { kind: 'string' }>, start: number | undefined, end: number | undefined): Range {
  if (!value.contentStart || start === undefined || end === undefined || start < 0 || end <= start || end > value.value.length) return literalRange(value);
  const { line, character } = value.contentStart;
  return { start: { line, character: character + start }, end: { line, character: character + end } };
}

/** The zone check of a `timezone:` value: null when it is a valid IANA zone. */
function zoneFinding(schedule: DiscoveredSchedule): Finding | null {
  const zone = schedule.github?.timezone;
  if (!zone) return null;
  const value = zone.value;
  if (value.kind === 'unknown') return null; // an expression (${{ }}) or a node we cannot read: never guessed
  if (value.kind !== 'string' || value.value.trim() === '') {
    return {
      code: 'invalid-cron',
      severity: 'error',
      message: 'timezone must be an IANA time zone name such as Europe/Berlin or America/New_York (GitHub runs the schedule in UTC without it).',
      range: value.kind === 'none' ? zone.keyRange : value.range,
    };
  }
  if (isValidTimeZone(value.value)) return null;
  const hint = zoneSpellingHint(value.value);
  return {
    code: 'invalid-cron',
    severity: 'error',
    message: `timezone "${value.value}" is not an IANA time zone${hint ? ` (did you mean ${hint}?)` : ' (use a name such as Europe/Berlin, America/New_York or UTC)'}: GitHub rejects the workflow's schedule.`,
    range: value.range,
  };
}

export function githubWorkflowFindings(schedule: DiscoveredSchedule, now: Date | undefined): Finding[] {
  const results: Finding[] = [];
  const zoneProblem = zoneFinding(schedule);
  if (zoneProblem) results.push(zoneProblem);
  const field = findField(schedule, 'cron_expression');
  const value = field?.value;
  if (!field || !value || value.kind === 'unknown') return results;
  if (value.kind !== 'string' || value.value.trim() === '') {
    results.push({ code: 'invalid-cron', severity: 'error', message: 'cron must be a cron expression such as "0 3 * * *" (GitHub requires it).', range: value.kind === 'none' ? field.keyRange : value.range });
    return results;
  }
  const zoneValue = schedule.github?.timezone?.value;
  const timeZone = zoneProblem === null && zoneValue?.kind === 'string' ? zoneValue.value : 'UTC';
  const explanation = explainCron(value.value, { dialect: 'github', timeZone, from: now, count: 1 });
  const data: FindingData = { expression: value.value };
  if (explanation.error) {
    const e = explanation.error;
    results.push({ code: e.code, severity: 'error', message: e.message, range: e.field === null ? literalRange(value) : errorRange(value, e.start, e.end), data });
  }
  for (const w of explanation.warnings) results.push({ code: w.code, severity: w.severity, message: w.message, range: literalRange(value), data });
  return results;
}
