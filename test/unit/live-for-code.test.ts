// Drift seen from the code (issue 10 §3): what the hover on a code schedule and its Workspace
// row say about the live schedules of the same pipeline (src/workspace/liveForCode.ts), the
// "not in code" marker on live rows and "not on <connection>" for code schedules, drift
// recomputed when the code changes, and the pipeline names a ZenML server knows.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZenmlServerAdapter } from '../../src/adapters/zenmlServer';
import type { AdapterCapabilities, LiveSchedule, ScheduleAdapter } from '../../src/adapters/types';
import type { CodeSchedule } from '../../src/workspace/drift';
import { absentConnections, codeScheduleOf, compareWithLive, driftingConnections, liveComparisonMarkdown, type LiveSourceSnapshot } from '../../src/workspace/liveForCode';
import { buildLiveRows, refreshSource, withDrift } from '../../src/workspace/liveModel';
import { buildLiveGroups, liveRow, NOT_IN_CODE, type LiveRowOptions } from '../../src/workspace/liveRows';
import { liveSchedule } from './live-fixtures';

const now = new Date('2026-12-02T10:00:00Z');
const capabilities: AdapterCapabilities = { operations: ['list', 'get', 'pause', 'resume', 'update', 'delete'], kinds: ['cron'], dialect: 'standard', pauseStopsRuns: false };
const rowOptions: LiveRowOptions = { connection: 'prod', capabilities, displayZone: 'UTC', includeArchived: false, order: 'name' };

const code = (over: Partial<CodeSchedule> = {}): CodeSchedule => ({ pipeline: 'train', kind: 'cron', expression: '0 4 * * *', intervalSeconds: null, location: 'pipelines/train.py:20', ...over });
const source = (connection: string, schedules: LiveSchedule[], pipelines?: string[]): LiveSourceSnapshot => ({ connection, schedules, pipelines });

/** The connections a code schedule of `pipeline` is "not on". */
const absent = (pipeline: string | null, sources: LiveSourceSnapshot[]) => absentConnections(compareWithLive(code({ pipeline }), sources));

describe('the code schedule against what the connections loaded', () => {
  it('lists the differences per connection, code and server values side by side', () => {
    const sources = [source('prod', [liveSchedule({ name: 'nightly-train', expression: '0 3 * * *' })]), source('staging', [liveSchedule({ id: 's2', expression: '0 4 * * *' })])];
    const out = compareWithLive(code(), sources);
    assert.deepEqual(
      out.map((c) => [c.connection, c.status]),
      [
        ['prod', 'drift'],
        ['staging', 'match'],
      ],
    );
    assert.deepEqual(out[0].schedules[0].differences, [{ field: 'cron', code: '0 4 * * *', server: '0 3 * * *' }]);
    assert.deepEqual(driftingConnections(out), ['prod']);
    const md = liveComparisonMarkdown(code(), sources);
    assert.match(md, /Live schedules for `train`/);
    assert.match(md, /drift on `prod`: `nightly-train`/);
    assert.match(md, /cron — code: `0 4 \* \* \*`, server: `0 3 \* \* \*`/);
    assert.match(md, /matches `staging`: `nightly`/);
  });

  it('one live schedule that agrees is a match (two code schedules for one pipeline); the hover still lists the other', () => {
    const sources = [source('prod', [liveSchedule({ id: 'a', name: 'at-3', expression: '0 3 * * *' }), liveSchedule({ id: 'b', name: 'at-4', expression: '0 4 * * *' })])];
    assert.deepEqual(
      compareWithLive(code(), sources).map((c) => c.status),
      ['match'],
    );
    const md = liveComparisonMarkdown(code(), sources);
    assert.match(md, /matches `prod`: `at-4`/);
    assert.match(md, /drift on `prod`: `at-3`\n {2}- cron — code: `0 4 \* \* \*`, server: `0 3 \* \* \*`/);
  });

  it('compares intervals and kinds too, and says when a live schedule is paused', () => {
    const live = [liveSchedule({ kind: 'interval', expression: null, intervalSeconds: 3600, state: 'paused' })];
    const md = liveComparisonMarkdown(code({ kind: 'interval', expression: null, intervalSeconds: 1800 }), [source('prod', live)]);
    assert.match(md, /drift on `prod`: `nightly` \(paused\)/);
    assert.match(md, /interval — code: `1800 s`, server: `3600 s`/);
    assert.match(liveComparisonMarkdown(code(), [source('prod', live)]), /kind — code: `cron`, server: `interval`/);
  });

  it('"not on <connection>" only where the pipeline is known: the server\'s pipeline list or an archived schedule', () => {
    const other = liveSchedule({ pipeline: 'report' });
    // Nothing connected, or a connection that knows nothing of the pipeline: nothing to say.
    assert.deepEqual(compareWithLive(code(), []), []);
    assert.equal(liveComparisonMarkdown(code(), []), '');
    assert.deepEqual(absent('train', [source('prod', [other])]), []);
    assert.deepEqual(absent('train', [source('prod', [other], ['report'])]), []);
    // Known there, nothing live.
    assert.deepEqual(absent('train', [source('prod', [other], ['report', 'train']), source('cluster', [other])]), ['prod']);
    assert.deepEqual(absent('train', [source('prod', [liveSchedule({ state: 'archived' })])]), ['prod']);
    assert.match(liveComparisonMarkdown(code(), [source('prod', [other], ['train'])]), /not on `prod`: it knows pipeline `train` but has no live schedule for it/);
    // A live schedule there: not absent.
    assert.deepEqual(absent('train', [source('prod', [liveSchedule()], ['train'])]), []);
    // No pipeline in the code: never marked.
    assert.deepEqual(absent(null, [source('prod', [other], ['train'])]), []);
    assert.deepEqual(compareWithLive(code({ pipeline: null }), [source('prod', [liveSchedule()])]), []);
  });

  it('builds the code schedule from a summary, as the hover does', () => {
    assert.deepEqual(codeScheduleOf('train', { kind: 'cron', expression: '0 4 * * *', intervalSeconds: null }, 'a.py'), code({ location: 'a.py' }));
    assert.equal(codeScheduleOf(undefined, { kind: null, expression: null, intervalSeconds: null }, 'a.py').pipeline, null);
  });
});

describe('live rows whose pipeline has no schedule in the code', () => {
  const rows = (schedules: LiveSchedule[], codes: CodeSchedule[] | undefined) => buildLiveRows('prod', schedules, null, { now, nextRunCount: 2, code: codes });

  it('are marked "not in code" (description and menu token), with the same row id', () => {
    const s = liveSchedule({ pipeline: 'report' });
    const marked = liveRow(rows([s], [code()])[0], rowOptions);
    assert.match(marked.description, new RegExp(`· ${NOT_IN_CODE}$`));
    assert.match(marked.contextValue, /\bnotInCode\b/);
    const unmarked = liveRow(rows([s], [code({ pipeline: 'report' })])[0], rowOptions);
    assert.doesNotMatch(unmarked.description, /not in code/);
    assert.doesNotMatch(unmarked.contextValue, /notInCode/);
    assert.equal(marked.id, unmarked.id);
  });

  it('are not marked before the code was read, nor without a pipeline', () => {
    assert.doesNotMatch(liveRow(rows([liveSchedule({ pipeline: 'report' })], undefined)[0], rowOptions).description, /not in code/);
    assert.doesNotMatch(liveRow(rows([liveSchedule({ pipeline: null })], [code()])[0], rowOptions).description, /not in code/);
  });

  it('follow the code: withDrift recomputes after an edit, and keeps the same rows when nothing changed', () => {
    const before = rows([liveSchedule({ id: 'a', pipeline: 'report' }), liveSchedule({ id: 'b' })], [code()]);
    assert.deepEqual(
      before.map((r) => r.drift?.status),
      ['no-code', 'drift'],
    );
    const same = withDrift(before, [code()]);
    assert.equal(same.changed, false);
    assert.equal(same.rows[0], before[0]);
    const after = withDrift(before, [code({ expression: '0 3 * * *' }), code({ pipeline: 'report', expression: '0 3 * * *', location: 'r.py:1' })]);
    assert.equal(after.changed, true);
    assert.deepEqual(
      after.rows.map((r) => r.drift?.status),
      ['match', 'match'],
    );
    const groups = buildLiveGroups(after.rows, rowOptions);
    assert.ok(groups.every((g) => g.rows.every((r) => !/not in code|drift/.test(r.description))));
    assert.equal(withDrift(before, undefined).rows[0].drift, null);
  });
});

/** A source with two schedules whose pipeline names may be read (or fail). */
function fakeAdapter(pipelineNames?: ScheduleAdapter['pipelineNames']): ScheduleAdapter & { calls: number } {
  const refuse = async () => ({ ok: false as const, error: { code: 'unsupported' as const, message: 'no' } });
  const adapter = {
    name: 'prod',
    type: 'zenml',
    capabilities,
    calls: 0,
    list: async () => ({ ok: true as const, value: { items: [liveSchedule({ id: 'a' }), liveSchedule({ id: 'b', pipeline: 'report' })] } }),
    get: refuse,
    pause: refuse,
    resume: refuse,
    update: refuse,
    delete: refuse,
    pipelineNames: pipelineNames
      ? async (...args: Parameters<NonNullable<ScheduleAdapter['pipelineNames']>>) => {
          adapter.calls++;
          return pipelineNames(...args);
        }
      : undefined,
  };
  return adapter;
}

describe('the pipelines a source knows, read on refresh', () => {
  it('are read only when asked, and a failure leaves the group working without them', async () => {
    const names = fakeAdapter(async () => ({ ok: true, value: ['train', 'report', 'etl'] }));
    const plain = await refreshSource(names, { now });
    assert.equal(plain.pipelines, undefined);
    assert.equal(names.calls, 0);
    const asked = await refreshSource(names, { now, knownPipelines: true });
    assert.deepEqual(asked.pipelines, ['train', 'report', 'etl']);
    assert.equal(asked.rows.length, 2);
    const failing = await refreshSource(
      fakeAdapter(async () => ({ ok: false, error: { code: 'forbidden', message: 'no pipelines for you' } })),
      { now, knownPipelines: true },
    );
    assert.equal(failing.error, null);
    assert.equal(failing.rows.length, 2);
    assert.equal(failing.pipelines, undefined);
    assert.equal((await refreshSource(fakeAdapter(), { now, knownPipelines: true })).pipelines, undefined);
  });

  it('ZenML: every pipeline on the server, over all pages', async () => {
    const requests: string[] = [];
    const fetch = async (input: string) => {
      const url = new URL(input);
      requests.push(`${url.pathname}?${url.searchParams.get('page')}`);
      const page = Number(url.searchParams.get('page'));
      const items = page === 1 ? [{ id: 'p1', name: 'train' }, { id: 'p2', name: 'report' }] : [{ id: 'p3', name: 'etl' }, { id: 'p4', name: 'train' }];
      return new Response(JSON.stringify({ index: page, total_pages: 2, total: 4, items }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const adapter = new ZenmlServerAdapter({ name: 'prod', url: 'http://127.0.0.1:1', fetch });
    const res = await adapter.pipelineNames();
    assert.deepEqual(res, { ok: true, value: ['train', 'report', 'etl'] });
    assert.deepEqual(requests, ['/api/v1/pipelines?1', '/api/v1/pipelines?2']);
  });
});
