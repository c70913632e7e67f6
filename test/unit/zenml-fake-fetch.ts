// A small in-memory ZenML 0.98 REST API behind an injected fetch (the adapters take `fetch` as a
// dependency): the shapes are the ones a real 0.98 server returns (facts §9, checked by the live
// tests against the real server). Unit tests use it for what needs no server: words, URLs, routing.

import type { FetchLike } from '../../src/adapters/http';

export interface FakeRecord {
  id: string;
  name: string;
  active?: boolean;
  cron?: string | null;
  orchestratorId?: string | null;
  pipelineId?: string | null;
  archived?: boolean;
  cronJobName?: string;
}

export interface FakeZenml {
  fetch: FetchLike;
  /** Every request as `METHOD /path?query`, in order. */
  requests: string[];
  info: Record<string, unknown> | null;
  /** Set to make GET /api/v1/info fail with this status. */
  infoStatus?: number;
}

const page = (items: unknown[]) => ({ index: 1, max_size: 100, total_pages: 1, total: items.length, items });
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function fakeZenml(options: {
  records: FakeRecord[];
  components?: { id: string; name: string; flavor: string }[];
  pipelines?: { id: string; name: string }[];
  projects?: { id: string; name: string }[];
  runs?: { id: string; scheduleId: string; status: string; created: string; projectId?: string }[];
  info?: Record<string, unknown> | null;
}): FakeZenml {
  const fake: FakeZenml = {
    requests: [],
    info: options.info === undefined ? { version: '0.98.0', auth_scheme: 'OAUTH2_PASSWORD_BEARER', dashboard_url: '', server_url: '' } : options.info,
    fetch: async (input, init) => {
      const url = new URL(input);
      const method = (init.method ?? 'GET').toUpperCase();
      fake.requests.push(`${method} ${url.pathname}${url.search}`);
      const p = url.pathname;
      if (p === '/api/v1/login') return json({ access_token: 'token', token_type: 'bearer' });
      if (p === '/api/v1/info') return fake.infoStatus ? json({ detail: 'no' }, fake.infoStatus) : json(fake.info);
      const recordJson = (r: FakeRecord) => ({
        id: r.id,
        name: r.name,
        body: { active: r.active ?? true, cron_expression: r.cron === undefined ? '0 3 * * *' : r.cron, created: '2026-11-01T00:00:00', updated: '2026-11-01T00:00:00', is_archived: r.archived ?? false, project_id: 'proj-1' },
        metadata: { orchestrator_id: r.orchestratorId ?? null, pipeline_id: r.pipelineId ?? null, run_metadata: r.cronJobName ? { cron_job_name: r.cronJobName } : {} },
      });
      if (p === '/api/v1/schedules') {
        const name = url.searchParams.get('name');
        const archived = url.searchParams.get('is_archived');
        const items = options.records.filter((r) => (name === null || r.name === name) && (archived !== 'false' || !r.archived));
        return json(page(items.map(recordJson)));
      }
      const one = /^\/api\/v1\/schedules\/([^/]+)$/.exec(p);
      if (one) {
        const r = options.records.find((x) => x.id === decodeURIComponent(one[1]));
        return r ? json(recordJson(r)) : json({ detail: ['KeyError', 'not found'] }, 404);
      }
      const component = /^\/api\/v1\/components\/([^/]+)$/.exec(p);
      if (component) {
        const c = options.components?.find((x) => x.id === component[1]);
        return c ? json({ id: c.id, name: c.name, body: { flavor_name: c.flavor, type: 'orchestrator' } }) : json({ detail: 'not found' }, 404);
      }
      const pipeline = /^\/api\/v1\/pipelines\/([^/]+)$/.exec(p);
      if (pipeline) {
        const x = options.pipelines?.find((y) => y.id === pipeline[1]);
        return x ? json({ id: x.id, name: x.name }) : json({ detail: 'not found' }, 404);
      }
      const project = /^\/api\/v1\/projects\/([^/]+)$/.exec(p);
      if (project) {
        const x = (options.projects ?? [{ id: 'proj-1', name: 'default' }]).find((y) => y.id === decodeURIComponent(project[1]));
        return x ? json({ id: x.id, name: x.name }) : json({ detail: 'not found' }, 404);
      }
      if (p === '/api/v1/runs') {
        const scheduleId = url.searchParams.get('schedule_id');
        const runs = (options.runs ?? []).filter((r) => !scheduleId || r.scheduleId === scheduleId);
        return json(page(runs.map((r) => ({ id: r.id, name: `run-${r.id}`, body: { created: r.created, status: r.status, project_id: r.projectId ?? 'proj-1' }, resources: { schedule: { id: r.scheduleId } } }))));
      }
      return json({ detail: 'not found' }, 404);
    },
  };
  return fake;
}
