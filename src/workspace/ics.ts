// An iCalendar (RFC 5545) file of an agenda: one event per run, so that people can
// subscribe to "what runs when" in their calendar. Pure text; no vscode.

import type { Agenda, TimelineRun } from './timeline';

/** A calendar holds at most this many events; the calendar's description says when it was cut. */
export const MAX_ICS_EVENTS = 5000;

/** 20261202T140500Z */
function stamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (RFC 5545 3.1), never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with one space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

function uid(run: TimelineRun): string {
  const safe = `${run.source}-${run.scheduleId}`.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 120);
  return `${safe}-${stamp(run.at)}@zenml-schedules`;
}

function describe(run: TimelineRun): string {
  const lines = [
    `Schedule: ${run.schedule}`,
    `Pipeline: ${run.pipeline ?? '(not attached to a pipeline)'}`,
    `Orchestrator: ${run.orchestrator ?? 'unknown'}`,
    `Source: ${run.source === 'workspace' ? 'workspace code' : run.source}`,
  ];
  if (run.file) lines.push(`Code: ${run.file}${run.line ? `:${run.line}` : ''}`);
  return lines.join('\n');
}

/** The agenda as an .ics file (CRLF line ends). `now` is the DTSTAMP of every event. */
export function agendaToIcs(agenda: Agenda, now: Date): string {
  const events = agenda.runs.slice(0, MAX_ICS_EVENTS);
  const cut = agenda.runs.length > events.length;
  const calendarDescription = cut
    ? `Runs from ${agenda.from.toISOString()} to ${agenda.to.toISOString()}: the first ${MAX_ICS_EVENTS} of ${agenda.runs.length} runs (cut at ${MAX_ICS_EVENTS} events).`
    : `Runs from ${agenda.from.toISOString()} to ${agenda.to.toISOString()}: ${agenda.runs.length} runs.`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//zenml-schedules//agenda//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:ZenML schedules',
    `X-WR-CALDESC:${escapeText(calendarDescription)}`,
  ];
  for (const run of events) {
    const end = new Date(run.at.getTime() + 60_000);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${uid(run)}`,
      `DTSTAMP:${stamp(now)}`,
      `DTSTART:${stamp(run.at)}`,
      `DTEND:${stamp(end)}`,
      `SUMMARY:${escapeText(`${run.pipeline ?? run.schedule} (${run.orchestrator ?? 'orchestrator unknown'})`)}`,
      `DESCRIPTION:${escapeText(describe(run))}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
