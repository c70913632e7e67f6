// The live rows of the Schedules view (src/workspace/liveRows.ts): grouping, words,
// icons, menu tokens, tooltips and stable ids, computed from plain LiveSchedule values.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AdapterCapabilities, LiveRun, LiveSchedule } from '../../src/adapters/types';
import type { CodeSchedule } from '../../src/workspace/drift';
import { buildLiveRows } from '../../src/workspace/liveModel';
import {
  buildLiveGroups,
  changeSummary,
  liveContextValue,
  liveIcon,
  liveRow,
  liveRowId,
  runRowText,
  type LiveRowOptions,
} from '../../src/workspace/liveRows';
import { liveSchedule } from './live-fixtures';

const now = new Date('2026-12-02T10:00:00Z');

const zenmlCapabilities: AdapterCapabilities = {
  operations: ['list', 'get', 'pause', 'resume', 'update', 'delete', 'runs'],
  kinds: ['cron', 'interval', 'once'],
  dialect: 'standard',
  pauseStopsRuns: false,
};

/** A live schedule with sensible defaults; override what the test is about. */
function schedule(overrides: Partial<LiveSchedule> = {}): LiveSchedule {
  return liveSchedule({ id: 'a1b2c3', name: 'nightly-train', pipeline: 'training', created: new Date('2026-11-01T00:00:00Z'), ...overrides });
}

function options(overrides: Partial<LiveRowOptions> = {}): LiveRowOptions {
  return {
    connection: 'prod',
    capabilities: zenmlCapabilities,
    displayZone: 'UTC',
    includeArchived: false,
    order: 'name',
    ...overrides,
  };
}

/** The live model's rows (health from the runs, drift against the code), as the view gets them. */
function rows(schedules: LiveSchedule[], extra: { runs?: Record<string, LiveRun[]>; code?: CodeSchedule[]; at?: Date } = {}) {
  return buildLiveRows('prod', schedules, new Map(Object.entries(extra.runs ?? {})), { now: extra.at ?? now, nextRunCount: 3, code: extra.code });
}
/** The tooltip's text as rendered (Markdown escapes removed). */
const plain = (markdown: string) => markdown.replace(/\\(.)/g, '$1');
const one = (s: LiveSchedule, extra: Parameters<typeof rows>[1] = {}) => rows([s], extra)[0];

describe('live rows read in the orchestrator dialect', () => {
  it('reads a Kubeflow 5-field cron seconds first, as Kubeflow does', () => {
    const row = liveRow(one(schedule({ orchestrator: 'kubeflow' })), options());
    assert.equal(row.dialect, 'kubeflow');
    assert.equal(row.nextRuns[0].toISOString(), '2026-12-02T10:03:00.000Z');
    assert.match(row.tooltip, /\| Read as \| kubeflow cron, in UTC \|/);
  });

  it('says when a cron on the server is invalid instead of inventing runs', () => {
    const row = liveRow(one(schedule({ expression: 'not a cron' })), options());
    assert.match(row.description, /invalid: /);
    assert.deepEqual(row.nextRuns, []);
  });
});

describe('liveContextValue: pause and resume swap by state', () => {
  it('offers pause on an active schedule and resume on a paused one, never both', () => {
    const active = liveContextValue(schedule(), zenmlCapabilities);
    const paused = liveContextValue(schedule({ state: 'paused' }), zenmlCapabilities);
    assert.match(active, /\bpausable\b/);
    assert.doesNotMatch(active, /\bresumable\b/);
    assert.match(paused, /\bresumable\b/);
    assert.doesNotMatch(paused, /\bpausable\b/);
  });

  it('offers only what the source declares, and nothing but delete on an archived record', () => {
    const readOnly: AdapterCapabilities = { ...zenmlCapabilities, operations: ['list', 'get'] };
    assert.equal(liveContextValue(schedule(), readOnly), 'liveSchedule state-active hasExpression');
    // Still offered, marked: the command then says plainly why nothing can change there.
    const airflow = liveContextValue(schedule({ changes: { operations: ['delete'], pauseStopsRuns: false, reason: 'ZenML cannot pause schedules on Airflow.' } }), zenmlCapabilities);
    assert.match(airflow, /\bpausable\b/);
    assert.match(airflow, /\brecordOnly-pause\b/);
    assert.doesNotMatch(airflow, /\brecordOnly-delete\b/);
    const archived = liveContextValue(schedule({ state: 'archived' }), zenmlCapabilities);
    assert.doesNotMatch(archived, /\b(pausable|resumable|updatable)\b/);
    assert.match(archived, /\bdeletable\b/);
  });

  it('offers the guided recreate on a live cron the source cannot update, where pause or delete works here', () => {
    const noUpdate: AdapterCapabilities = { ...zenmlCapabilities, operations: ['list', 'get', 'pause', 'resume'] };
    assert.match(liveContextValue(schedule(), noUpdate), /\brecreatable\b/);
    assert.doesNotMatch(liveContextValue(schedule(), zenmlCapabilities), /\brecreatable\b/, 'updatable in place: no recreate');
    assert.doesNotMatch(liveContextValue(schedule({ state: 'archived' }), noUpdate), /\brecreatable\b/);
    assert.doesNotMatch(liveContextValue(schedule({ kind: 'interval', expression: null, intervalSeconds: 60 }), noUpdate), /\brecreatable\b/);
    assert.doesNotMatch(liveContextValue(schedule({ pipeline: null }), noUpdate), /\brecreatable\b/, 'no pipeline to run again');
  });

  it('updates only cron schedules (the update changes the cron expression)', () => {
    assert.doesNotMatch(liveContextValue(schedule({ kind: 'interval', expression: null, intervalSeconds: 60 }), zenmlCapabilities), /\bupdatable\b/);
  });
});

describe('liveIcon and the row text', () => {
  it('shows what needs attention first, then the state', () => {
    assert.equal(liveIcon('active', 'failing').id, 'error');
    assert.equal(liveIcon('paused', 'silent').id, 'warning');
    assert.equal(liveIcon('paused', 'ok').id, 'debug-pause');
    assert.equal(liveIcon('active', 'ok').id, 'pass');
    assert.equal(liveIcon('archived', 'failing').id, 'archive');
    assert.equal(liveIcon('active', 'unknown').id, 'circle-outline');
  });

  it('puts state and health side by side, the words and the next run in the description', () => {
    const runs = { a1b2c3: [{ id: 'r1', name: 'training-run-1', status: 'failed', created: new Date('2026-12-02T03:00:05Z') }] };
    const row = liveRow(one(schedule(), { runs }), options());
    assert.equal(row.label, 'nightly-train');
    assert.match(row.description, /^active · failing · At 03:00 · next Thu 3 Dec, 03:00$/);
    assert.equal(row.icon.id, 'error');
    assert.match(plain(row.tooltip), /Last run training-run-1 failed at 2026-12-02T03:00:05Z/);
    assert.match(row.tooltip, /\| Last run \| failed, /);
    assert.match(row.tooltip, /\| Orchestrator \| Kubernetes \|/);
    assert.match(row.tooltip, /\| Id \| a1b2c3 \|/);
    assert.match(row.tooltip, /\| Expression \| 0 3 \\\* \\\* \\\* \|/);
    assert.match(row.tooltip, /Next runs \(UTC\)/);
  });

  it('does not promise a next run for a paused schedule', () => {
    const row = liveRow(one(schedule({ state: 'paused' })), options());
    assert.doesNotMatch(row.description, /next/);
    assert.match(row.tooltip, /Paused: no runs until it is resumed/);
    assert.doesNotMatch(row.tooltip, /Next runs/);
  });

  it('marks drift and shows code and server values side by side in the tooltip', () => {
    const code: CodeSchedule[] = [{ pipeline: 'training', kind: 'cron', expression: '0 3 * * *', intervalSeconds: null, location: 'pipelines/training.py:12' }];
    const row = liveRow(one(schedule({ expression: '0 4 * * *' }), { code }), options());
    assert.match(row.description, /· drift$/);
    assert.match(row.contextValue, /\bdrift\b/);
    assert.match(row.tooltip, /code: `0 3 \* \* \*`, server: `0 4 \* \* \*`/);
    assert.match(plain(row.tooltip), /In the code: pipelines\/training\.py:12/);
    assert.doesNotMatch(liveRow(one(schedule(), { code }), options()).description, /drift/);
  });

  it('says plainly when pausing changes only a record', () => {
    assert.match(liveRow(one(schedule()), options()).tooltip, /changes only this connection's record/);
    assert.doesNotMatch(liveRow(one(schedule()), options({ capabilities: { ...zenmlCapabilities, pauseStopsRuns: true } })).tooltip, /only this connection's record/);
    const viaClient = schedule({ changes: { operations: ['pause', 'resume', 'update', 'delete'], pauseStopsRuns: true, via: "ZenML's client (CronJob)" } });
    assert.match(plain(liveRow(one(viaClient), options()).tooltip), /Changes go through ZenML's client \(CronJob\)/);
  });
});

describe('buildLiveGroups', () => {
  const schedules = [
    schedule({ id: '1', name: 'b-nightly', pipeline: 'training' }),
    schedule({ id: '2', name: 'a-hourly', pipeline: 'training', expression: '0 * * * *' }),
    schedule({ id: '3', name: 'orphan', pipeline: null }),
    schedule({ id: '4', name: 'old', pipeline: 'etl', state: 'archived' }),
    schedule({ id: '5', name: 'etl-daily', pipeline: 'etl', expression: '30 1 * * *' }),
  ];

  it('groups by pipeline, hides archived unless asked, puts schedules without a pipeline last', () => {
    const groups = buildLiveGroups(rows(schedules), options());
    assert.deepEqual(groups.map((g) => [g.label, g.rows.map((r) => r.label)]), [
      ['etl', ['etl-daily']],
      ['training', ['a-hourly', 'b-nightly']],
      ['(no pipeline)', ['orphan']],
    ]);
    const all = buildLiveGroups(rows(schedules), options({ includeArchived: true }));
    assert.deepEqual(all[0].rows.map((r) => r.label), ['etl-daily', 'old']);
  });

  it('sorts by next run when asked', () => {
    const groups = buildLiveGroups(rows(schedules), options({ order: 'nextRun' }));
    assert.deepEqual(groups.map((g) => g.label), ['training', 'etl', '(no pipeline)']);
    assert.deepEqual(groups[0].rows.map((r) => r.label), ['a-hourly', 'b-nightly']);
  });

  it('gives stable ids, unique across connections and unchanged by a refresh or a state change', () => {
    const first = buildLiveGroups(rows(schedules), options()).flatMap((g) => [g.id, ...g.rows.map((r) => r.id)]);
    const paused = schedules.map((s) => (s.id === '1' ? { ...s, state: 'paused' as const } : s));
    const again = buildLiveGroups(rows(paused, { at: new Date(now.getTime() + 3600_000) }), options()).flatMap((g) => [g.id, ...g.rows.map((r) => r.id)]);
    assert.deepEqual(again, first);
    assert.equal(new Set(first).size, first.length);
    assert.notEqual(liveRowId('prod', '1'), liveRowId('staging', '1'));
    assert.notEqual(liveRowId('a/b', 'c'), liveRowId('a', 'b/c'));
  });

  it('computes 1,000 rows with their tooltips at once', () => {
    const many = Array.from({ length: 1000 }, (_, i) => schedule({ id: `s${i}`, name: `s${i}`, pipeline: `p${i % 37}`, expression: `${i % 60} ${i % 24} * * *` }));
    const groups = buildLiveGroups(rows(many), options());
    assert.equal(groups.reduce((t, g) => t + g.rows.length, 0), 1000);
    assert.ok(groups.every((g) => g.rows.every((r) => r.tooltip.length > 0 && r.nextRuns.length === 3)));
  });
});

describe('runRowText and changeSummary', () => {
  it('words a run with its status and time', () => {
    const text = runRowText({ id: 'r', name: 'training-2026_12_02', status: 'failed', created: new Date('2026-12-02T03:00:00Z') }, 'UTC');
    assert.deepEqual(text, { label: 'training-2026_12_02', description: 'failed · Wed 2 Dec, 03:00', icon: { id: 'error', color: 'list.errorForeground' } });
  });

  it('reports what changed and what did not; only a record changing is never a plain success', () => {
    assert.deepEqual(changeSummary({ changed: [{ where: 'CronJob nightly', what: 'suspended' }, { where: 'ZenML record', what: 'set inactive' }], unchanged: [] }), {
      level: 'info',
      text: 'CronJob nightly: suspended; ZenML record: set inactive.',
    });
    assert.equal(changeSummary({ changed: [{ where: 'ZenML record', what: 'set inactive' }], unchanged: [{ where: 'Airflow', why: 'no Airflow connection' }] }).level, 'warning');
    assert.equal(changeSummary({ changed: [], unchanged: [{ where: 'Airflow', why: 'ZenML cannot pause it' }] }).level, 'error');
    assert.equal(changeSummary({ changed: [], unchanged: [] }).level, 'warning');
  });
});
