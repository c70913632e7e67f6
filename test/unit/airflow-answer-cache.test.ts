// The Airflow reference's answer cache (test/differential/airflow.ts): answers are keyed by the
// installed Airflow/croniter/pendulum versions too, so reinstalling another Airflow into the same
// venv path asks Airflow again instead of serving the old version's answers (issue 12, audit G7).

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { answerCacheKey } from '../differential/airflow';
import { ROOT } from '../differential/build-refs';

describe('Airflow answer cache key', () => {
  const python = join(ROOT, '.tools/airflow3-venv/bin/python');
  const script = join(ROOT, 'test/differential/ref/airflow_ref.py');
  const input = '{"expr":"0 0 * * *","tz":"UTC","from":"2026-12-01T00:00:00Z","count":3}\n';
  const v33 = 'Airflow 3.3.0, croniter 7.0.0, pendulum 3.1.0';

  it('changes with the Airflow, croniter or pendulum version of the same interpreter', () => {
    const key = answerCacheKey(python, v33, script, input);
    assert.match(key, /^[0-9a-f]{24}$/);
    assert.equal(answerCacheKey(python, v33, script, input), key);
    assert.notEqual(answerCacheKey(python, 'Airflow 3.2.1, croniter 7.0.0, pendulum 3.1.0', script, input), key);
    assert.notEqual(answerCacheKey(python, 'Airflow 3.3.0, croniter 6.0.0, pendulum 3.1.0', script, input), key);
    assert.notEqual(answerCacheKey(python, 'Airflow 3.3.0, croniter 7.0.0, pendulum 3.0.0', script, input), key);
  });

  it('still changes with the interpreter and the cases', () => {
    const key = answerCacheKey(python, v33, script, input);
    assert.notEqual(answerCacheKey(python.replace('airflow3', 'airflow2'), v33, script, input), key);
    assert.notEqual(answerCacheKey(python, v33, script, input.replace('UTC', 'Europe/Berlin')), key);
  });
});
