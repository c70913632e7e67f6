// A live schedule for unit tests and benchmarks: a daily 03:00 Kubernetes cron with every
// optional field empty; each test gives the fields it is about.

import type { LiveSchedule } from '../../src/adapters/types';

export function liveSchedule(over: Partial<LiveSchedule> = {}): LiveSchedule {
  return {
    id: 'id-1',
    name: 'nightly',
    pipeline: 'train',
    orchestrator: 'kubernetes',
    kind: 'cron',
    expression: '0 3 * * *',
    intervalSeconds: null,
    startTime: null,
    endTime: null,
    runOnceTime: null,
    catchup: null,
    timeZone: null,
    state: 'active',
    created: null,
    zenmlId: null,
    details: {},
    warnings: [],
    ...over,
  };
}
