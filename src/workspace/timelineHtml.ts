/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The timeline's page: an SVG picture of the layout (lanes, marks, axis, now, DST changes),
// a side list that explains what is marked, and the same runs as an accessible table.
// Pure string building (no vscode), so the benchmark and the tests render it too; the
// webview supplies the nonce and its CSP source. Colours are the theme's CSS variables.

import { formatInZone } from '../cron';
import { zoneRules } from '../cron/zone';
import { offsetChanges, type LaneLayout, type TimelineFlagKind, type TimelineLayout } from './timeline';

export interface TimelinePageOptions {
  displayZone: string;
  /** For the Content-Security-Policy: script and style tags carry it. */
  nonce: string;
  cspSource: string;
  /** The chosen window, in hours (24, 168 or 720), and the collision window in minutes. */
  hours: number;
  collisionMinutes: number;
}

const LANE = 24;
const LABEL_WIDTH = 280;
const AXIS = 34;
const MAX_TABLE_ROWS = 2000;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The display zone over the window: [start (epoch seconds), offset (seconds), abbreviation], in order. */
export type ZoneTable = [number, number, string][];

/** The zone's offsets and abbreviations from `from` to `to` (the page formats times with it). */
export function zoneTable(zone: string, from: Date, to: Date): ZoneTable {
  const rules = zoneRules(zone);
  const first = Math.floor(from.getTime() / 1000);
  const starts = [first, ...offsetChanges(zone, from, to).map((c) => Math.floor(c.at.getTime() / 1000))];
  return starts.map((at) => [at, rules.offsetAt(at), formatInZone(new Date(at * 1000), zone).split(' ').pop() ?? '']);
}

/**
 * "Wed 2 Dec 2026, 04:00 CET" for an instant (epoch seconds) from a zone table — the same words as
 * formatInZone. Self-contained: the page's script carries this very function (Function#toString).
 */
export function wallClock(seconds: number, table: ZoneTable): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  let entry = table[0];
  for (const e of table) if (e[0] <= seconds) entry = e;
  const local = new Date((seconds + entry[1]) * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[local.getUTCDay()]} ${local.getUTCDate()} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()}, ${two(local.getUTCHours())}:${two(local.getUTCMinutes())} ${entry[2]}`;
}

/** "2026-12-02T03:00:00Z" (contracts.md), self-contained for the page's script. */
export function utcText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** What a mark says on hover and to a screen reader; self-contained for the page's script. */
export function markText(lane: { title: string; orchestrator: string | null; source: string }, seconds: number, table: ZoneTable, marks: { colliding: boolean; overlap: boolean }): string {
  const source = lane.source === 'workspace' ? 'workspace code' : lane.source;
  return `${lane.title}: ${wallClock(seconds, table)} (UTC ${utcText(seconds)}), ${lane.orchestrator ?? 'orchestrator unknown'}, ${source}${marks.colliding ? ', collides' : ''}${marks.overlap ? ', overlaps its next run' : ''}`;
}

/** "45 s", "12 min", "2 h 5 min", "1 d 3 h". */
export function durationText(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h${m % 60 ? ` ${m % 60} min` : ''}`;
  return `${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ''}`;
}

/** How many collisions the side list spells out (the picture marks them all). */
const MAX_LISTED_COLLISIONS = 200;

const FLAG_WORDS: Record<TimelineFlagKind, { title: string; symbol: string }> = {
  failing: { title: 'Failing', symbol: '✖' },
  silent: { title: 'Silent', symbol: '⚠' },
  ended: { title: 'Ended', symbol: '⏹' },
  paused: { title: 'Paused', symbol: '⏸' },
  'record-inactive': { title: 'Record inactive', symbol: '⚠' },
  drift: { title: 'Drift', symbol: '≠' },
};
/** Which flag colours a lane when it has several: what needs attention first. */
const FLAG_ORDER: TimelineFlagKind[] = ['failing', 'silent', 'record-inactive', 'drift', 'ended', 'paused'];

function laneTitle(lane: LaneLayout): string {
  const s = lane.schedule;
  return `${s.pipeline ? `${s.pipeline} · ` : ''}${s.label}`;
}

function sourceWords(source: string): string {
  return source === 'workspace' ? 'workspace code' : source;
}

function sideList(layout: TimelineLayout, table: ZoneTable): string {
  const items: string[] = [];
  const when = (at: Date) => wallClock(Math.floor(at.getTime() / 1000), table);
  for (const c of layout.agenda.collisions.slice(0, MAX_LISTED_COLLISIONS)) {
    const names = [...new Set(c.runs.map((r) => r.pipeline ?? r.schedule))];
    const live = c.runs[0].source !== 'workspace';
    const span = c.runs.length > 1 ? Math.round((c.runs[c.runs.length - 1].at.getTime() - c.at.getTime()) / 60000) : 0;
    const where = live ? `the connection ${c.target}` : c.target === 'unknown' ? 'an unknown orchestrator' : c.target;
    items.push(
      `<li class="collision"><strong>Collision</strong> at ${escapeHtml(when(c.at))}: ${escapeHtml(names.join(', '))} start within ${span} min of each other on ${escapeHtml(where)}; they compete for the same orchestrator.</li>`,
    );
  }
  const more = layout.agenda.collisions.length - MAX_LISTED_COLLISIONS;
  if (more > 0) items.push(`<li class="collision">… and ${more} more collisions (all marked red in the picture and in the table).</li>`);
  for (const o of layout.agenda.overlaps) {
    items.push(
      `<li class="overlap"><strong>Overlap</strong>: ${escapeHtml(o.pipeline ? `${o.pipeline} · ${o.schedule}` : o.schedule)} (${escapeHtml(sourceWords(o.source))}) starts every ${escapeHtml(durationText(o.intervalSeconds))}, but its recent runs took about ${escapeHtml(durationText(o.typicalDurationSeconds))}, so runs pile up.</li>`,
    );
  }
  for (const g of layout.groups) {
    for (const lane of g.lanes) {
      const where = lane.schedule.source === 'workspace' ? '' : ` (${escapeHtml(lane.schedule.source)})`;
      for (const flag of lane.flags) {
        items.push(`<li class="flag flag-${flag.kind}"><strong>${FLAG_WORDS[flag.kind].title}</strong>: ${escapeHtml(laneTitle(lane))}${where}: ${escapeHtml(flag.text)}</li>`);
      }
      if (lane.schedule.truncated) {
        items.push(`<li class="problem"><strong>${escapeHtml(lane.schedule.label)}</strong> runs more than ${lane.schedule.runs.length} times in this window; only the first ${lane.schedule.runs.length} are drawn.</li>`);
      }
    }
  }
  for (const d of layout.dstChanges) items.push(`<li class="dst"><strong>Clock change</strong>: ${escapeHtml(d.label)}.</li>`);
  if (items.length === 0) items.push('<li>No collisions, overlaps, health problems or clock changes in this window.</li>');
  return `<ul class="notes">${items.join('')}</ul>`;
}

/** The lanes' facts the page's script needs for labels, the table and clicks (one entry per lane). */
interface LaneData {
  id: string;
  title: string;
  pipeline: string | null;
  schedule: string;
  orchestrator: string | null;
  source: string;
  overlap: boolean;
}

/**
 * The picture. Marks are bare circles (x and the run's time as seconds after the window's start);
 * the page's script gives them their words (aria-label, hover) from the lane data, so that thousands
 * of runs cost a few dozen bytes each.
 */
function picture(layout: TimelineLayout, table: ZoneTable): { svg: string; lanes: LaneData[] } {
  const height = AXIS + layout.laneCount * LANE + 8;
  const width = LABEL_WIDTH + layout.width + 20;
  const x = (v: number) => (LABEL_WIDTH + v).toFixed(1);
  const local = (v: number) => v.toFixed(1).replace(/\.0$/, '');
  const fromSeconds = Math.floor(layout.agenda.from.getTime() / 1000);
  const lanes: LaneData[] = [];
  const parts: string[] = [];
  parts.push(`<svg class="timeline" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet" role="group" aria-label="Timeline of ${layout.agenda.runs.length} runs: arrow keys move between runs, Enter opens the schedule">`);
  for (const t of layout.ticks) {
    parts.push(`<line class="tick${t.major ? ' major' : ''}" x1="${x(t.x)}" x2="${x(t.x)}" y1="${AXIS - 6}" y2="${height}"/>`);
    parts.push(`<text class="tick-label" x="${x(t.x)}" y="${AXIS - 12}" text-anchor="middle">${escapeHtml(t.label)}</text>`);
  }
  for (const d of layout.dstChanges) {
    parts.push(`<line class="dst" x1="${x(d.x)}" x2="${x(d.x)}" y1="${AXIS - 6}" y2="${height}"><title>${escapeHtml(d.label)}</title></line>`);
  }
  for (const g of layout.groups) {
    const gy = AXIS + g.index * LANE;
    parts.push(`<text class="group" x="4" y="${gy + LANE - 8}">${escapeHtml(g.label)}</text>`);
    for (const lane of g.lanes) {
      const y = AXIS + lane.index * LANE;
      const mid = y + LANE / 2;
      const s = lane.schedule;
      const title = laneTitle(lane);
      const kinds = FLAG_ORDER.filter((k) => lane.flags.some((f) => f.kind === k));
      const laneClass = kinds.length ? ` flag-${kinds[0]}` : lane.overlap ? ' overlap' : '';
      parts.push(`<text class="lane-label" x="16" y="${mid + 4}"><title>${escapeHtml(`${title}: ${s.description}`)}</title>${escapeHtml(title.length > 36 ? `${title.slice(0, 35)}…` : title)}</text>`);
      const badges = [...kinds.map((k) => FLAG_WORDS[k].symbol), ...(lane.overlap ? ['⧉'] : [])];
      if (badges.length) {
        const words = [...lane.flags.map((f) => `${FLAG_WORDS[f.kind].title}: ${f.text}`), ...(lane.overlap ? ['Overlap: its runs take longer than its interval'] : [])];
        parts.push(`<text class="badges${laneClass}" x="${LABEL_WIDTH - 6}" y="${mid + 4}" text-anchor="end"><title>${escapeHtml(words.join('\n'))}</title>${badges.join(' ')}</text>`);
      }
      parts.push(`<line class="lane${laneClass}" x1="${LABEL_WIDTH}" x2="${x(layout.width)}" y1="${mid}" y2="${mid}"/>`);
      const laneIndex = lanes.length;
      lanes.push({ id: s.id, title, pipeline: s.pipeline, schedule: s.label, orchestrator: s.orchestrator, source: s.source, overlap: lane.overlap });
      const marks: string[] = [];
      for (const m of lane.marks) {
        if (lane.overlap && lane.durationWidth) marks.push(`<rect class="run-length" x="${local(m.x)}" y="-3" width="${local(lane.durationWidth)}" height="6"/>`);
        marks.push(`<circle class="mark${m.colliding ? ' colliding' : ''}" cx="${local(m.x)}" data-t="${Math.floor(m.at.getTime() / 1000) - fromSeconds}"/>`);
      }
      parts.push(`<g class="marks" data-lane="${laneIndex}" transform="translate(${LABEL_WIDTH} ${mid})">${marks.join('')}</g>`);
    }
  }
  if (layout.now) {
    parts.push(`<line class="now" x1="${x(layout.now.x)}" x2="${x(layout.now.x)}" y1="${AXIS - 6}" y2="${height}"><title>now: ${escapeHtml(wallClock(Math.floor(layout.now.at.getTime() / 1000), table))}</title></line>`);
  }
  parts.push('</svg>');
  return { svg: parts.join(''), lanes };
}

const STYLE = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 12px; }
.bar { display: flex; gap: 8px; align-items: center; margin: 10px 0; flex-wrap: wrap; }
.bar button { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: 1px solid var(--vscode-button-border, transparent); padding: 3px 10px; cursor: pointer; }
.bar button[aria-pressed="true"] { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
.bar input { width: 4em; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); }
.summary { color: var(--vscode-descriptionForeground); }
.scroll { overflow-x: auto; }
svg.timeline { width: 100%; min-width: 900px; height: auto; }
svg text { fill: var(--vscode-foreground); font-size: 11px; }
svg .group { font-weight: bold; }
svg .tick { stroke: var(--vscode-editorIndentGuide-background, #8884); }
svg .tick.major { stroke: var(--vscode-editorIndentGuide-activeBackground, #888a); }
svg .tick-label { fill: var(--vscode-descriptionForeground); }
svg .lane { stroke: var(--vscode-editorWhitespace-foreground, #8883); stroke-dasharray: 2 3; }
svg .lane.flag-failing, svg .lane.overlap { stroke: var(--vscode-charts-red, #f14c4c); stroke-dasharray: none; stroke-opacity: 0.6; }
svg .lane.flag-silent, svg .lane.flag-drift, svg .lane.flag-record-inactive { stroke: var(--vscode-charts-yellow, #cca700); stroke-dasharray: none; stroke-opacity: 0.6; }
svg .lane.flag-ended, svg .lane.flag-paused { stroke: var(--vscode-disabledForeground, #8888); }
svg .badges { font-size: 12px; fill: var(--vscode-charts-yellow, #cca700); }
svg .badges.flag-failing, svg .badges.overlap { fill: var(--vscode-charts-red, #f14c4c); }
svg .badges.flag-ended, svg .badges.flag-paused { fill: var(--vscode-disabledForeground, #888); }
svg .mark { r: 4px; fill: var(--vscode-charts-blue, #3794ff); cursor: pointer; }
svg .mark.colliding { r: 5px; fill: var(--vscode-charts-red, #f14c4c); }
svg .run-length { fill: var(--vscode-charts-red, #f14c4c); fill-opacity: 0.25; }
svg .mark:focus { outline: none; stroke: var(--vscode-focusBorder); stroke-width: 3; }
svg .now { stroke: var(--vscode-charts-green, #89d185); stroke-width: 2; }
svg .dst { stroke: var(--vscode-charts-orange, #d18616); stroke-width: 2; stroke-dasharray: 4 3; }
.notes li.collision strong, .notes li.overlap strong, .notes li.flag-failing strong { color: var(--vscode-charts-red, #f14c4c); }
.notes li.flag-silent strong, .notes li.flag-drift strong, .notes li.flag-record-inactive strong { color: var(--vscode-charts-yellow, #cca700); }
.notes li.dst strong { color: var(--vscode-charts-orange, #d18616); }
#tip { position: fixed; display: none; pointer-events: none; color: var(--vscode-editorHoverWidget-foreground); background: var(--vscode-editorHoverWidget-background); border: 1px solid var(--vscode-editorHoverWidget-border); padding: 4px 8px; max-width: 420px; z-index: 10; }
table.runs { border-collapse: collapse; margin-top: 8px; }
table.runs td, table.runs th { border-bottom: 1px solid var(--vscode-editorIndentGuide-background, #8884); padding: 2px 8px; text-align: left; }
a { color: var(--vscode-textLink-foreground); }
`;

/** The page's behaviour: words on every mark, hover, roving keyboard focus, clicks, the table on demand. */
function pageMain(data: { from: number; zone: string; table: ZoneTable; lanes: LaneData[]; maxRows: number }): void {
  const vscode = (globalThis as unknown as { acquireVsCodeApi(): { postMessage(m: unknown): void } }).acquireVsCodeApi();
  const tip = document.getElementById('tip') as HTMLElement;
  const open = (id: string | undefined) => {
    if (id) vscode.postMessage({ type: 'open', id });
  };
  const rows = [...document.querySelectorAll<SVGGElement>('g.marks')].map((g) => ({ lane: data.lanes[Number(g.dataset.lane)], marks: [...g.querySelectorAll<SVGCircleElement>('circle.mark')] }));
  const laneOf = new Map<Element, number>();
  rows.forEach((row, i) => {
    for (const m of row.marks) {
      laneOf.set(m, i);
      const t = data.from + Number(m.dataset.t);
      m.setAttribute('role', 'button');
      m.setAttribute('tabindex', '-1');
      m.setAttribute('aria-label', markText(row.lane, t, data.table, { colliding: m.classList.contains('colliding'), overlap: row.lane.overlap }));
    }
  });
  const first = rows.find((r) => r.marks.length);
  if (first) first.marks[0].setAttribute('tabindex', '0');
  const show = (m: Element, x: number, y: number) => {
    tip.textContent = m.getAttribute('aria-label');
    tip.style.left = `${x + 12}px`;
    tip.style.top = `${y + 12}px`;
    tip.style.display = 'block';
  };
  const hide = () => {
    tip.style.display = 'none';
  };
  const isMark = (e: Event) => (e.target instanceof Element && e.target.classList.contains('mark') ? e.target : null);
  const svg = document.querySelector('svg.timeline');
  if (svg) {
    svg.addEventListener('mouseover', (e) => {
      const m = isMark(e);
      if (m) show(m, (e as MouseEvent).clientX, (e as MouseEvent).clientY);
    });
    svg.addEventListener('mousemove', (e) => {
      const m = isMark(e);
      if (m) show(m, (e as MouseEvent).clientX, (e as MouseEvent).clientY);
    });
    svg.addEventListener('mouseout', (e) => {
      if (isMark(e)) hide();
    });
    svg.addEventListener('focusin', (e) => {
      const m = isMark(e);
      if (!m) return;
      const r = m.getBoundingClientRect();
      show(m, r.left, r.top);
    });
    svg.addEventListener('focusout', hide);
    svg.addEventListener('click', (e) => {
      const m = isMark(e);
      if (m) open(rows[laneOf.get(m) ?? -1]?.lane.id);
    });
    const move = (from: Element, to: Element | undefined) => {
      if (!to) return;
      from.setAttribute('tabindex', '-1');
      to.setAttribute('tabindex', '0');
      (to as SVGElement).focus();
    };
    svg.addEventListener('keydown', (e) => {
      const m = isMark(e);
      if (!m) return;
      const key = (e as KeyboardEvent).key;
      const lane = laneOf.get(m) ?? 0;
      const marks = rows[lane].marks;
      const at = marks.indexOf(m as SVGCircleElement);
      const nearest = (row: number) => {
        const target = rows[row]?.marks;
        if (!target?.length) return undefined;
        const t = Number((m as SVGElement).dataset.t);
        return target.reduce((best, c) => (Math.abs(Number(c.dataset.t) - t) < Math.abs(Number(best.dataset.t) - t) ? c : best));
      };
      const step = (dir: number) => {
        for (let r = lane + dir; r >= 0 && r < rows.length; r += dir) if (rows[r].marks.length) return nearest(r);
        return undefined;
      };
      let handled = true;
      if (key === 'Enter' || key === ' ') open(rows[lane].lane.id);
      else if (key === 'ArrowRight') move(m, marks[at + 1]);
      else if (key === 'ArrowLeft') move(m, marks[at - 1]);
      else if (key === 'Home') move(m, marks[0]);
      else if (key === 'End') move(m, marks[marks.length - 1]);
      else if (key === 'ArrowDown') move(m, step(1));
      else if (key === 'ArrowUp') move(m, step(-1));
      else handled = false;
      if (handled) e.preventDefault();
    });
  }
  // The same runs as a table, built when it is first opened.
  const details = document.getElementById('table');
  details?.addEventListener('toggle', () => {
    if (details.dataset.built) return;
    details.dataset.built = '1';
    const all: { t: number; lane: LaneData; colliding: boolean }[] = [];
    for (const row of rows) for (const m of row.marks) all.push({ t: data.from + Number(m.dataset.t), lane: row.lane, colliding: m.classList.contains('colliding') });
    all.sort((a, b) => a.t - b.t || (a.lane.schedule < b.lane.schedule ? -1 : a.lane.schedule > b.lane.schedule ? 1 : 0));
    const table = document.createElement('table');
    table.className = 'runs';
    const caption = table.createCaption();
    caption.textContent = `Runs in this window (${all.length})`;
    const head = table.createTHead().insertRow();
    for (const h of [data.zone, 'UTC', 'Pipeline', 'Schedule', 'Orchestrator', 'Source', 'Marked']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const r of all.slice(0, data.maxRows)) {
      const tr = body.insertRow();
      const cells = [wallClock(r.t, data.table), utcText(r.t), r.lane.pipeline ?? '—', '', r.lane.orchestrator ?? 'unknown', r.lane.source === 'workspace' ? 'workspace code' : r.lane.source, [r.colliding ? 'collision' : '', r.lane.overlap ? 'overlap' : ''].filter(Boolean).join(', ')];
      cells.forEach((text, i) => {
        const td = tr.insertCell();
        if (i === 3) {
          const a = document.createElement('a');
          a.href = '#';
          a.textContent = r.lane.schedule;
          a.addEventListener('click', (e) => {
            e.preventDefault();
            open(r.lane.id);
          });
          td.appendChild(a);
        } else td.textContent = text;
      });
    }
    details.appendChild(table);
    if (all.length > data.maxRows) {
      const p = document.createElement('p');
      p.textContent = `The first ${data.maxRows} of ${all.length} runs.`;
      details.appendChild(p);
    }
  });
  document.querySelectorAll<HTMLButtonElement>('button[data-hours]').forEach((b) => b.addEventListener('click', () => vscode.postMessage({ type: 'window', hours: Number(b.dataset.hours) })));
  const minutes = document.getElementById('minutes') as HTMLInputElement;
  minutes.addEventListener('change', () => vscode.postMessage({ type: 'collisionMinutes', minutes: Number(minutes.value) }));
}

/** The page's script: the self-contained helpers and pageMain, as their own source text (bundled or not). */
function pageScript(data: unknown): string {
  const helpers = [wallClock, utcText, markText].map((f) => `const ${f.name} = ${f.toString()};`).join('\n');
  // JSON inside a script: "<" escaped so that no "</script>" in a name can end it.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  // Tools that keep function names (tsx in the tests) wrap inner functions in __name(fn, "name"): the page needs none.
  return `var __name = (f) => f;\n${helpers}\n(${pageMain.toString()})(${json});`;
}

export function renderTimelinePage(layout: TimelineLayout, options: TimelinePageOptions): string {
  const zone = options.displayZone;
  const table = zoneTable(zone, layout.agenda.from, layout.agenda.to);
  const windows: [number, string][] = [
    [24, 'Next 24 hours'],
    [168, 'Next 7 days'],
    [720, 'Next 30 days'],
  ];
  const buttons = windows.map(([h, label]) => `<button data-hours="${h}" aria-pressed="${h === options.hours}">${label}</button>`).join('');
  const a = layout.agenda;
  const lanes = layout.groups.reduce((n, g) => n + g.lanes.length, 0);
  const flagged = layout.groups.reduce((n, g) => n + g.lanes.filter((l) => l.flags.length).length, 0);
  const summary = `${lanes} schedule${lanes === 1 ? '' : 's'}, ${a.runs.length} run${a.runs.length === 1 ? '' : 's'}, ${a.collisions.length} collision${a.collisions.length === 1 ? '' : 's'}, ${a.overlaps.length} overlap${a.overlaps.length === 1 ? '' : 's'}${flagged ? `, ${flagged} marked` : ''} · times in ${escapeHtml(zone)} (UTC on hover)`;
  const drawn = lanes === 0 ? null : picture(layout, table);
  const body = !drawn
    ? '<p>No schedule runs in this window. Schedules found in the workspace code and on connected servers appear here.</p>'
    : `<div class="scroll">${drawn.svg}</div><h2>What is marked</h2>${sideList(layout, table)}<details id="table"><summary>The same runs as a table</summary></details>`;
  const data = { from: Math.floor(a.from.getTime() / 1000), zone, table, lanes: drawn?.lanes ?? [], maxRows: MAX_TABLE_ROWS };
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${options.cspSource}; style-src 'nonce-${options.nonce}'; script-src 'nonce-${options.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Schedule timeline</title>
<style nonce="${options.nonce}">${STYLE}</style>
</head>
<body>
<div class="bar" role="toolbar" aria-label="Window">${buttons}<label>Collision window <input id="minutes" type="number" min="0" max="1440" value="${options.collisionMinutes}"> min</label></div>
<p class="summary">${summary}</p>
${body}
<div id="tip" role="tooltip"></div>
<script nonce="${options.nonce}">${pageScript(data)}</script>
</body>
</html>`;
}
