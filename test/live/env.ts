// Where the live suites find their tools: the venvs test/setup/ installs under .tools/.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
/** zenml[server]==0.98.0 + kubernetes (test/setup/45-zenml-server-venv.sh). */
export const SERVER_VENV_PYTHON = path.join(ROOT, '.tools', 'zenml-server-venv', 'bin', 'python');
/** ZenML without the `kubernetes` package (test/setup/40-zenml-venv.sh): the "no kubernetes package" path. */
export const PLAIN_ZENML_PYTHON = path.join(ROOT, '.tools', 'zenml-venv', 'bin', 'python');

/** Fail (never skip) when a venv the suite needs is missing: `npm run setup:test` installs it. */
export function requirePython(python: string, ...modules: string[]): void {
  if (!fs.existsSync(python)) throw new Error(`${python} is missing: run npm run setup:test (test/setup/) first.`);
  if (modules.length) execFileSync(python, ['-c', modules.map((m) => `import ${m}`).join('; ')], { stdio: 'pipe', timeout: 120_000 });
}
/** A real zenml==0.93.0 (test/setup/46-zenml-old-venv.sh): the "ZenML too old" path. */
export const OLD_ZENML_PYTHON = path.join(ROOT, '.tools', 'zenml-old-venv', 'bin', 'python');
/** The official Kubeflow Pipelines client, kfp 2.x (test/setup/56-kfp-venv.sh). */
export const KFP_PYTHON = path.join(ROOT, '.tools', 'kfp-venv', 'bin', 'python');
