// The timeline's page: an SVG picture of the layout (lanes, marks, axis, now, DST changes),
// a side list that explains what is marked, and the same runs as an accessible table.
// Pure string building (no vscode), so the benchmark and the tests render it too; the
// webview supplies the nonce and its CSP source. Colours are the theme's CSS variables.

import { formatInZone, isoUtc } from '../cron';
import { zoneRules } from '../cron/zone';
import type { TimelineLayout, TimelineRun } from './timeline';

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

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const abbreviations = new Map<string, string>();

/**
 * formatInZone's text ("Wed 2 Dec 2026, 04:00 CET") for thousands of marks: the wall time from the
 * zone's offset table, the zone's abbreviation from Intl once per offset (the same words, far cheaper).
 */
const formatted = new Map<string, string>();

function when(at: Date, zone: string): string {
  const memoKey = `${zone}|${at.getTime()}`;
  const known = formatted.get(memoKey);
  if (known !== undefined) return known;
  if (formatted.size > 50_000) formatted.clear();
  const text = wallText(at, zone);
  formatted.set(memoKey, text);
  return text;
}

function wallText(at: Date, zone: string): string {
  const utc = Math.floor(at.getTime() / 1000);
  const offset = zoneRules(zone).offsetAt(utc);
  const key = `${zone}|${offset}`;
  let abbreviation = abbreviations.get(key);
  if (abbreviation === undefined) {
    abbreviation = formatInZone(at, zone).split(' ').pop() ?? '';
    abbreviations.set(key, abbreviation);
  }
  const local = new Date((utc + offset) * 1000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${WEEKDAYS[local.getUTCDay()]} ${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()}, ${hh}:${mm} ${abbreviation}`;
}

/** How many collisions the side list spells out (the picture marks them all). */
const MAX_LISTED_COLLISIONS = 200;

function sideList(layout: TimelineLayout, zone: string): string {
  const items: string[] = [];
  for (const c of layout.agenda.collisions.slice(0, MAX_LISTED_COLLISIONS)) {
    const names = [...new Set(c.runs.map((r) => r.pipeline ?? r.schedule))];
    items.push(
      `<li class="collision"><strong>Collision</strong> at ${escapeHtml(when(c.at, zone))}: ${escapeHtml(names.join(', '))} start within ${c.runs.length > 1 ? escapeHtml(String(Math.round((c.runs[c.runs.length - 1].at.getTime() - c.at.getTime()) / 60000))) : '0'} min of each other on ${escapeHtml(c.target === 'unknown' ? 'an unknown orchestrator' : c.target)}; they compete for the same orchestrator.</li>`,
    );
  }
  const more = layout.agenda.collisions.length - MAX_LISTED_COLLISIONS;
  if (more > 0) items.push(`<li class="collision">… and ${more} more collisions (all marked red in the picture and in the table).</li>`);
  for (const o of layout.agenda.overlaps) {
    items.push(
      `<li class="overlap"><strong>Overlap</strong>: ${escapeHtml(o.pipeline ?? o.schedule)} starts every ${o.intervalSeconds} s, but its recent runs took about ${o.typicalDurationSeconds} s, so runs pile up.</li>`,
    );
  }
  for (const g of layout.groups) {
    for (const lane of g.lanes) {
      for (const problem of lane.schedule.problems ?? []) {
        items.push(`<li class="problem"><strong>${escapeHtml(lane.schedule.label)}</strong>: ${escapeHtml(problem)}</li>`);
      }
      if (lane.schedule.truncated) {
        items.push(`<li class="problem"><strong>${escapeHtml(lane.schedule.label)}</strong> runs more than ${lane.schedule.runs.length} times in this window; only the first ${lane.schedule.runs.length} are drawn.</li>`);
      }
    }
  }
  for (const d of layout.dstChanges) items.push(`<li class="dst"><strong>Clock change</strong>: ${escapeHtml(d.label)}.</li>`);
  if (items.length === 0) items.push('<li>No collisions, overlaps or clock changes in this window.</li>');
  return `<ul class="notes">${items.join('')}</ul>`;
}

function picture(layout: TimelineLayout, zone: string): string {
  const height = AXIS + layout.laneCount * LANE + 8;
  const width = LABEL_WIDTH + layout.width + 20;
  const x = (v: number) => (LABEL_WIDTH + v).toFixed(1);
  const parts: string[] = [];
  parts.push(`<svg class="timeline" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet" role="img" aria-label="Timeline of ${layout.agenda.runs.length} runs">`);
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
      const title = `${s.pipeline ? `${s.pipeline} · ` : ''}${s.label}`;
      parts.push(`<text class="lane-label" x="16" y="${mid + 4}"><title>${escapeHtml(`${title}: ${s.description}`)}</title>${escapeHtml(title.length > 40 ? `${title.slice(0, 39)}…` : title)}</text>`);
      parts.push(`<line class="lane" x1="${LABEL_WIDTH}" x2="${x(layout.width)}" y1="${mid}" y2="${mid}"/>`);
      for (const m of lane.marks) {
        const label = `${title}: ${when(m.at, zone)} (UTC ${isoUtc(m.at)}), ${s.orchestrator ?? 'orchestrator unknown'}, ${s.source === 'workspace' ? 'workspace code' : s.source}${m.colliding ? ', collides' : ''}`;
        parts.push(
          `<circle class="mark${m.colliding ? ' colliding' : ''}" cx="${x(m.x)}" cy="${mid}" r="${m.colliding ? 5 : 4}" tabindex="0" role="button" data-id="${escapeHtml(s.id)}" aria-label="${escapeHtml(label)}"/>`,
        );
      }
    }
  }
  if (layout.now) {
    parts.push(`<line class="now" x1="${x(layout.now.x)}" x2="${x(layout.now.x)}" y1="${AXIS - 6}" y2="${height}"><title>now: ${escapeHtml(when(layout.now.at, zone))}</title></line>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

function table(layout: TimelineLayout, zone: string): string {
  const colliding = new Set<TimelineRun>();
  for (const c of layout.agenda.collisions) for (const r of c.runs) colliding.add(r);
  const rows = layout.agenda.runs.slice(0, MAX_TABLE_ROWS).map(
    (r) =>
      `<tr><td>${escapeHtml(when(r.at, zone))}</td><td>${escapeHtml(isoUtc(r.at))}</td><td>${escapeHtml(r.pipeline ?? '—')}</td><td><a href="#" data-id="${escapeHtml(r.scheduleId)}">${escapeHtml(r.schedule)}</a></td><td>${escapeHtml(r.orchestrator ?? 'unknown')}</td><td>${escapeHtml(r.source === 'workspace' ? 'workspace code' : r.source)}</td><td>${colliding.has(r) ? 'collision' : ''}</td></tr>`,
  );
  const cut = layout.agenda.runs.length > MAX_TABLE_ROWS ? `<p>The first ${MAX_TABLE_ROWS} of ${layout.agenda.runs.length} runs.</p>` : '';
  return `<table class="runs"><caption>Runs in this window (${layout.agenda.runs.length})</caption><thead><tr><th scope="col">${escapeHtml(zone)}</th><th scope="col">UTC</th><th scope="col">Pipeline</th><th scope="col">Schedule</th><th scope="col">Orchestrator</th><th scope="col">Source</th><th scope="col">Marked</th></tr></thead><tbody>${rows.join('')}</tbody></table>${cut}`;
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
svg .mark { fill: var(--vscode-charts-blue, #3794ff); cursor: pointer; }
svg .mark.colliding { fill: var(--vscode-charts-red, #f14c4c); }
svg .mark:focus { outline: none; stroke: var(--vscode-focusBorder); stroke-width: 3; }
svg .now { stroke: var(--vscode-charts-green, #89d185); stroke-width: 2; }
svg .dst { stroke: var(--vscode-charts-orange, #d18616); stroke-width: 2; stroke-dasharray: 4 3; }
.notes li.collision strong { color: var(--vscode-charts-red, #f14c4c); }
.notes li.dst strong { color: var(--vscode-charts-orange, #d18616); }
#tip { position: fixed; display: none; pointer-events: none; color: var(--vscode-editorHoverWidget-foreground); background: var(--vscode-editorHoverWidget-background); border: 1px solid var(--vscode-editorHoverWidget-border); padding: 4px 8px; max-width: 420px; z-index: 10; }
table.runs { border-collapse: collapse; margin-top: 8px; }
table.runs td, table.runs th { border-bottom: 1px solid var(--vscode-editorIndentGuide-background, #8884); padding: 2px 8px; text-align: left; }
a { color: var(--vscode-textLink-foreground); }
`;

const SCRIPT = `
const vscode = acquireVsCodeApi();
const tip = document.getElementById('tip');
function open(id) { if (id) vscode.postMessage({ type: 'open', id }); }
document.querySelectorAll('.mark').forEach((m) => {
  const show = (x, y) => { tip.textContent = m.getAttribute('aria-label'); tip.style.left = (x + 12) + 'px'; tip.style.top = (y + 12) + 'px'; tip.style.display = 'block'; };
  m.addEventListener('mouseenter', (e) => show(e.clientX, e.clientY));
  m.addEventListener('mousemove', (e) => show(e.clientX, e.clientY));
  m.addEventListener('mouseleave', () => { tip.style.display = 'none'; });
  m.addEventListener('focus', () => { const r = m.getBoundingClientRect(); show(r.left, r.top); });
  m.addEventListener('blur', () => { tip.style.display = 'none'; });
  m.addEventListener('click', () => open(m.dataset.id));
  m.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(m.dataset.id); } });
});
document.querySelectorAll('a[data-id]').forEach((a) => a.addEventListener('click', (e) => { e.preventDefault(); open(a.dataset.id); }));
document.querySelectorAll('button[data-hours]').forEach((b) => b.addEventListener('click', () => vscode.postMessage({ type: 'window', hours: Number(b.dataset.hours) })));
const minutes = document.getElementById('minutes');
minutes.addEventListener('change', () => vscode.postMessage({ type: 'collisionMinutes', minutes: Number(minutes.value) }));
`;

export function renderTimelinePage(layout: TimelineLayout, options: TimelinePageOptions): string {
  const zone = options.displayZone;
  const windows: [number, string][] = [
    [24, 'Next 24 hours'],
    [168, 'Next 7 days'],
    [720, 'Next 30 days'],
  ];
  const buttons = windows.map(([h, label]) => `<button data-hours="${h}" aria-pressed="${h === options.hours}">${label}</button>`).join('');
  const a = layout.agenda;
  const lanes = layout.groups.reduce((n, g) => n + g.lanes.length, 0);
  const summary = `${lanes} schedule${lanes === 1 ? '' : 's'}, ${a.runs.length} run${a.runs.length === 1 ? '' : 's'}, ${a.collisions.length} collision${a.collisions.length === 1 ? '' : 's'}, ${a.overlaps.length} overlap${a.overlaps.length === 1 ? '' : 's'} · times in ${escapeHtml(zone)} (UTC on hover)`;
  const body = lanes === 0
    ? '<p>No schedule runs in this window. Schedules found in the workspace code (and, when connected, on ZenML servers) appear here.</p>'
    : `<div class="scroll">${picture(layout, zone)}</div><h2>What is marked</h2>${sideList(layout, zone)}<details><summary>The same runs as a table</summary>${table(layout, zone)}</details>`;
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
<script nonce="${options.nonce}">${SCRIPT}</script>
</body>
</html>`;
}
