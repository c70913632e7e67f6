// Dashboard links for runs after a plain refresh (no change made first), built as ZenML 0.98's
// `zenml.utils.dashboard_utils.get_run_url` builds them (read in the installed 0.98.0 package):
//   ZenML Pro (deployment_type "cloud"): {dashboard_url}/projects/{project_id}/runs/{run_id}
//   any other server: {server_url, else the URL connected to}/projects/{project name}/runs/{run_id}
// The server info and project names are read once and cached; a failing /info costs the links only.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZenmlServerAdapter } from '../../src/adapters/zenmlServer';
import { refreshSource } from '../../src/workspace/liveModel';
import { fakeZenml } from './zenml-fake-fetch';

const NOW = new Date('2026-12-02T10:00:00Z');
const SID = '44444444-4444-4444-4444-444444444444';

function server(info: Record<string, unknown>) {
  return fakeZenml({
    records: [{ id: SID, name: 'nightly', orchestratorId: 'o-k8s', pipelineId: 'p1' }],
    components: [{ id: 'o-k8s', name: 'k8s', flavor: 'kubernetes' }],
    pipelines: [{ id: 'p1', name: 'train' }],
    projects: [{ id: 'proj-1', name: 'my project' }],
    runs: [{ id: 'run-1', scheduleId: SID, status: 'completed', created: '2026-12-02T03:00:05' }],
    info: { version: '0.98.0', auth_scheme: 'OAUTH2_PASSWORD_BEARER', deployment_type: 'other', server_url: '', dashboard_url: '', ...info },
  });
}

async function linksAfterRefresh(fake: ReturnType<typeof server>, adapter?: ZenmlServerAdapter) {
  const a = adapter ?? new ZenmlServerAdapter({ name: 'zen', url: 'http://zen.test:8080/', fetch: fake.fetch, now: () => NOW });
  const group = await refreshSource(a, { now: NOW });
  assert.equal(group.error, null);
  const runs = await a.runs(SID);
  assert.ok(runs.ok);
  return { adapter: a, fromRefresh: group.rows[0].runs.map((r) => r.url), fromRuns: runs.value.map((r) => r.url) };
}

describe('run links in the dashboard, on a plain refresh', () => {
  it('an open-source server: the URL connected to, the project by name (as get_run_url); /info and the project read once', async () => {
    const fake = server({});
    const first = await linksAfterRefresh(fake);
    const want = 'http://zen.test:8080/projects/my%20project/runs/run-1';
    assert.deepEqual(first.fromRefresh, [want]);
    assert.deepEqual(first.fromRuns, [want]);
    await linksAfterRefresh(fake, first.adapter);
    assert.equal(fake.requests.filter((r) => r.startsWith('GET /api/v1/info')).length, 1, fake.requests.join('\n'));
    assert.equal(fake.requests.filter((r) => r.startsWith('GET /api/v1/projects/')).length, 1);
    assert.ok(!fake.requests.some((r) => /^(PUT|POST|DELETE) \/api\/v1\/schedules/.test(r)), 'no change was made');
  });

  it("the server's own server_url wins over the URL connected to", async () => {
    const { fromRefresh } = await linksAfterRefresh(server({ server_url: 'https://zenml.example.com' }));
    assert.deepEqual(fromRefresh, ['https://zenml.example.com/projects/my%20project/runs/run-1']);
  });

  it('a ZenML Pro workspace: its dashboard_url and the project id', async () => {
    const fake = server({ deployment_type: 'cloud', dashboard_url: 'https://cloud.zenml.io/workspaces/acme', server_url: 'https://abc.zenml.io' });
    const { fromRefresh } = await linksAfterRefresh(fake);
    assert.deepEqual(fromRefresh, ['https://cloud.zenml.io/workspaces/acme/projects/proj-1/runs/run-1']);
    assert.ok(!fake.requests.some((r) => r.startsWith('GET /api/v1/projects/')), 'the id is enough');
  });

  it('a failing /info costs the links, not the runs', async () => {
    const fake = server({});
    fake.infoStatus = 500;
    const { fromRefresh, fromRuns } = await linksAfterRefresh(fake);
    assert.deepEqual(fromRefresh, [undefined]);
    assert.deepEqual(fromRuns, [undefined]);
  });
});
