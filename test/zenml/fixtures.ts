// Shared by the real-ZenML suites (detection.test.ts, editor.test.ts): where the
// test interpreters live, how their setup scripts run, and a pipeline both use.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
/** The venv with ZenML from PyPI (test/setup/40-zenml-venv.sh). */
export const PYTHON = path.join(ROOT, '.tools/zenml-venv/bin/python');
export const ZENML = path.join(ROOT, '.tools/zenml-venv/bin/zenml');
/** A Python without ZenML, for the "ZenML is not installed" paths. */
export const PLAIN_PYTHON = path.join(ROOT, '.tools/plain-venv/bin/python');

/** Runs test/setup/<script> for each name (they are idempotent), failing the suite if one fails. */
export function runSetupScripts(...scripts: string[]): void {
  for (const script of scripts) {
    const setup = spawnSync('bash', [path.join(ROOT, 'test/setup', script)], { cwd: ROOT, stdio: 'inherit' });
    assert.equal(setup.status, 0, `test/setup/${script} failed`);
  }
}

/** An interval Schedule attached with `with_options(schedule=...)`. */
export const INTERVAL_PIPELINE = `from datetime import datetime, timezone

from zenml import pipeline
from zenml.config.schedule import Schedule


@pipeline
def hourly() -> None:
    pass


every_hour = Schedule(start_time=datetime(2026, 1, 1, tzinfo=timezone.utc), interval_second=3600)
hourly.with_options(schedule=every_hour)()
`;
