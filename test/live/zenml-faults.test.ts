// The shared fault table against the ZenML server adapter, with the fault-injecting proxy in
// front of a real ZenML server (logins pass through; every other /api/v1 call gets the fault).

import { ZenmlServerAdapter } from '../../src/adapters/zenmlServer';
import { runFaultTable, zenmlErrorBody } from './fault-table';
import { createScheduleRecord, startZenmlServer, type SeededServer } from './zenml-server';

let server: SeededServer;
let scheduleId = '';

runFaultTable({
  name: 'ZenML server adapter',
  async upstream() {
    server = await startZenmlServer();
    const made = await createScheduleRecord(server, { name: `faults-${Date.now()}`, cron: '0 3 * * *', orchestratorId: server.kubernetesId, pipelineId: server.pipelines.train, cronJobName: 'faults-cj' });
    scheduleId = made.id;
    return server.url;
  },
  faultPath: /^\/api\/v1\/(?!login$)/,
  makeAdapter: (url) => new ZenmlServerAdapter({ name: 'faulty', url, credentials: async () => ({ apiKey: server.apiKey }) }),
  errorBody: zenmlErrorBody,
  operations: [
    { name: 'list', call: (a, o) => a.list(o) },
    { name: 'get', call: (a, o) => a.get(scheduleId, o) },
    { name: 'pause', call: (a, o) => a.pause(scheduleId, o) },
    { name: 'resume', call: (a, o) => a.resume(scheduleId, o) },
    { name: 'update', call: (a, o) => a.update(scheduleId, { expression: '0 4 * * *' }, o) },
    { name: 'delete', call: (a, o) => a.delete(scheduleId, o) },
    { name: 'runs', call: (a, o) => (a.runs ? a.runs(scheduleId, o) : Promise.resolve({ ok: true as const, value: [] })) },
  ],
  stop: async () => server?.stop(),
});
