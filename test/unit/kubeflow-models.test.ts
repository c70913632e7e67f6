// Kubeflow Pipelines v2beta1 JSON → LiveSchedule / LiveRun (src/adapters/kubeflowModels.ts):
// proto3 JSON as grpc-gateway writes it (int64 as strings, defaults left out), ZenML's naming
// (`<pipeline>_<32 hex>`), seconds-first crons, mode/status, and shapes that are not KFP's.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KubeflowAdapter, cookieHeader, normalizeCredentials } from '../../src/adapters/kubeflow';
import { createAdapter, parseConnections } from '../../src/adapters/registry';
import {
  int64,
  parseKfpRun,
  parseKfpRunPage,
  parseRecurringRun,
  parseRecurringRunPage,
  recurringRunToLive,
  runStatus,
  zenmlPipelineOf,
} from '../../src/adapters/kubeflowModels';

const NOW = new Date('2026-06-01T00:00:00Z');
const ctx = { baseUrl: 'https://kf.example.com/pipeline', now: NOW };
const HEX = 'a'.repeat(32);

/** A recurring run as kfp 2.x's API server answers GET /apis/v2beta1/recurringruns/{id}. */
const sample = {
  recurring_run_id: '3f2a1c4e-0000-4000-8000-000000000001',
  display_name: `training_pipeline_${HEX}`,
  pipeline_version_reference: { pipeline_id: 'p-1', pipeline_version_id: 'v-1' },
  runtime_config: { parameters: {} },
  service_account: 'default-editor',
  max_concurrency: '2',
  trigger: { cron_schedule: { start_time: '2026-01-01T00:00:00Z', end_time: '2027-01-01T00:00:00Z', cron: '0 30 2 * * *' } },
  mode: 'ENABLE',
  created_at: '2026-01-01T00:00:05Z',
  updated_at: '2026-01-02T00:00:00Z',
  status: 'ENABLED',
  no_catchup: true,
  namespace: 'team-a',
  experiment_id: 'e-1',
};

describe('Kubeflow recurring run mapping', () => {
  it('maps a ZenML-made cron recurring run', () => {
    const r = parseRecurringRun(sample)!;
    const s = recurringRunToLive(r, { ...ctx, experimentName: 'training_pipeline' });
    assert.equal(s.id, sample.recurring_run_id);
    assert.equal(s.name, `training_pipeline_${HEX}`);
    assert.equal(s.pipeline, 'training_pipeline');
    assert.equal(s.orchestrator, 'kubeflow');
    assert.equal(s.kind, 'cron');
    assert.equal(s.expression, '0 30 2 * * *');
    assert.equal(s.intervalSeconds, null);
    assert.equal(s.startTime?.toISOString(), '2026-01-01T00:00:00.000Z');
    assert.equal(s.endTime?.toISOString(), '2027-01-01T00:00:00.000Z');
    assert.equal(s.catchup, false, 'no_catchup = not catchup');
    assert.equal(s.state, 'active');
    assert.equal(s.timeZone, null);
    assert.equal(s.zenmlId, null);
    assert.equal(s.created?.toISOString(), '2026-01-01T00:00:05.000Z');
    assert.deepEqual(s.match, { madeByZenml: true, nativeName: `training_pipeline_${HEX}`, pipeline: 'training_pipeline' });
    assert.equal(s.details.max_concurrency, '2');
    assert.equal(s.details.no_catchup, 'true');
    assert.equal(s.details.experiment, 'training_pipeline (e-1)');
    assert.equal(s.details.namespace, 'team-a');
    assert.equal(s.details['pipeline version'], 'v-1');
    assert.equal(s.url, `https://kf.example.com/pipeline/#/recurringrun/details/${sample.recurring_run_id}`);
    assert.deepEqual(s.changes?.operations, ['pause', 'resume', 'delete']);
    assert.equal(s.changes?.pauseStopsRuns, true);
    assert.deepEqual(s.warnings, []);
  });

  it('maps a periodic schedule to the interval kind (int64 as a string); a missing no_catchup means catch-up', () => {
    const raw = { ...sample, trigger: { periodic_schedule: { interval_second: '7200', start_time: '2026-01-01T00:00:00Z' } }, no_catchup: undefined, max_concurrency: undefined };
    const s = recurringRunToLive(parseRecurringRun(raw)!, ctx);
    assert.equal(s.kind, 'interval');
    assert.equal(s.intervalSeconds, 7200);
    assert.equal(s.expression, null);
    assert.equal(s.catchup, true);
    assert.equal(s.details.max_concurrency, 'not set');
    assert.equal(s.startTime?.toISOString(), '2026-01-01T00:00:00.000Z');
    assert.equal(s.endTime, null);
  });

  it('DISABLE is paused; an end in the past is completed; a mode/status disagreement warns', () => {
    assert.equal(recurringRunToLive(parseRecurringRun({ ...sample, mode: 'DISABLE', status: 'DISABLED' })!, ctx).state, 'paused');
    const ended = { ...sample, trigger: { cron_schedule: { cron: '0 0 * * * *', end_time: '2026-02-01T00:00:00Z' } } };
    assert.equal(recurringRunToLive(parseRecurringRun(ended)!, ctx).state, 'completed');
    const pending = recurringRunToLive(parseRecurringRun({ ...sample, mode: 'ENABLE', status: 'DISABLED' })!, ctx);
    assert.match(pending.warnings.join(' '), /still reports it disabled/);
  });

  it('reads a five-field cron in the seconds-first dialect and says so', () => {
    const s = recurringRunToLive(parseRecurringRun({ ...sample, trigger: { cron_schedule: { cron: '0 3 * * *' } } })!, ctx);
    assert.equal(s.expression, '0 3 * * *');
    assert.ok(s.warnings.length >= 1, 'a warning about the 5-field cron read seconds first');
    assert.match(s.warnings.join(' '), /second|hour/i);
    const bad = recurringRunToLive(parseRecurringRun({ ...sample, trigger: { cron_schedule: { cron: '99 * * * * *' } } })!, ctx);
    assert.match(bad.warnings.join(' '), /cannot read the cron/);
  });

  it('a recurring run not made by ZenML: no pipeline, madeByZenml false', () => {
    const s = recurringRunToLive(parseRecurringRun({ ...sample, display_name: 'nightly' })!, { ...ctx, experimentName: 'Default' });
    assert.equal(s.pipeline, null);
    assert.deepEqual(s.match, { madeByZenml: false, nativeName: 'nightly', pipeline: null });
    assert.equal(zenmlPipelineOf(`a_b_${HEX}`), 'a_b');
    assert.equal(zenmlPipelineOf(`x_${'A'.repeat(32)}`), null, 'ZenML writes lower-case hex');
    assert.equal(zenmlPipelineOf(`x_${'a'.repeat(31)}`), null);
  });

  it('shapes that are not KFP\'s: null, never an exception', () => {
    assert.equal(parseRecurringRun(null), null);
    assert.equal(parseRecurringRun({ display_name: 'x' }), null, 'no id');
    assert.equal(parseRecurringRunPage([]), null);
    assert.equal(parseRecurringRunPage({ recurringRuns: 'x' }), null);
    const s = recurringRunToLive(parseRecurringRun({ recurring_run_id: 'id', trigger: 5, created_at: 'garbage' })!, ctx);
    assert.equal(s.kind, null);
    assert.equal(s.created, null);
    assert.equal(s.name, 'id');
    assert.equal(int64('12'), 12);
    assert.equal(int64(12), 12);
    assert.equal(int64('1e3'), null);
    assert.equal(parseRecurringRun({ ...sample, created_at: '1970-01-01T00:00:00Z' })!.created, null, 'the zero timestamp means unset');
  });

  it('a list page: recurringRuns, next_page_token, total_size; an empty page leaves the list out', () => {
    const p = parseRecurringRunPage({ recurringRuns: [sample, { bad: 1 }], total_size: 5, next_page_token: 'abc' })!;
    assert.equal(p.items.length, 1);
    assert.equal(p.next, 'abc');
    assert.equal(p.total, 5);
    assert.deepEqual(parseRecurringRunPage({}), { items: [], next: undefined, total: undefined });
  });

  it('runs: states to health statuses, the recurring run that started each, the dashboard link', () => {
    assert.equal(runStatus('SUCCEEDED'), 'completed');
    assert.equal(runStatus('FAILED'), 'failed');
    assert.equal(runStatus('SKIPPED'), 'cached');
    assert.equal(runStatus('RUNNING'), 'running');
    assert.equal(runStatus('CANCELED'), 'cancelled');
    assert.equal(runStatus(null), 'unknown');
    const r = parseKfpRun({ run_id: 'r1', display_name: 'x', state: 'FAILED', created_at: '2026-02-01T00:00:00Z', recurring_run_id: 'rr' }, 'https://kf')!;
    assert.deepEqual(r, { id: 'r1', name: 'x', status: 'failed', created: new Date('2026-02-01T00:00:00Z'), scheduleId: 'rr', url: 'https://kf/#/runs/details/r1' });
    assert.equal(parseKfpRun({ run_id: 'r1' }), null, 'no creation time');
    assert.deepEqual(parseKfpRunPage({})?.items, []);
    assert.equal(parseKfpRunPage({ runs: {} }), null);
  });

  it('the session cookie: a bare value is the authservice session', () => {
    assert.equal(cookieHeader('abc'), 'authservice_session=abc');
    assert.equal(cookieHeader(' authservice_session=abc '), 'authservice_session=abc');
    assert.equal(cookieHeader('oauth2_proxy_kubeflow=xyz'), 'oauth2_proxy_kubeflow=xyz');
  });

  it('one editor secret: a stored authservice_session=… is a cookie, anything else a bearer token', () => {
    assert.deepEqual(normalizeCredentials({ token: 'authservice_session=abc', cookie: 'authservice_session=abc' }), { cookie: 'authservice_session=abc' });
    assert.deepEqual(normalizeCredentials({ token: 'eyJhbGciOi.x.y', cookie: 'eyJhbGciOi.x.y' }), { token: 'eyJhbGciOi.x.y' });
    assert.deepEqual(normalizeCredentials({ token: 'oauth2_proxy_kubeflow=v' }), { cookie: 'oauth2_proxy_kubeflow=v' });
    assert.deepEqual(normalizeCredentials({ token: 't', cookie: 'authservice_session=c' }), { token: 't', cookie: 'authservice_session=c' });
    assert.equal(normalizeCredentials({ token: ' ' }), null);
    assert.equal(normalizeCredentials(null), null);
  });

  it('the registry builds a Kubeflow adapter from {url, namespace?} with tokenEnv / cookieEnv', () => {
    const { connections, problems } = parseConnections([
      { name: 'kf', type: 'kubeflow', url: 'https://kf.example.com/pipeline/', namespace: 'team-a', tokenEnv: 'KFP_TOKEN' },
      { name: 'kf2', type: 'kubeflow', namespace: 'x' },
      { name: 'kf3', type: 'kubeflow', url: 'https://kf', cookie: 'authservice_session=abc' },
    ]);
    assert.equal(connections.length, 1);
    assert.match(problems.map((p) => p.message).join('\n'), /kf2.*needs url/);
    assert.match(problems.map((p) => p.message).join('\n'), /cookieEnv/);
    const made = createAdapter(connections[0], { secrets: async () => ({ token: 't' }) });
    assert.ok(made.ok);
    const a = made.value as KubeflowAdapter;
    assert.ok(a instanceof KubeflowAdapter);
    assert.equal(a.url, 'https://kf.example.com/pipeline');
    assert.equal(a.namespace, 'team-a');
    assert.deepEqual(a.capabilities, { operations: ['list', 'get', 'pause', 'resume', 'delete', 'runs'], kinds: ['cron', 'interval'], dialect: 'kubeflow', pauseStopsRuns: true });
  });
});
