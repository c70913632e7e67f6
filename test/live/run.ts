// The live suite (npm run test:live): starts ONE real ZenML server for every file in test/live/
// (facts §9; seeded with seed.py), runs the files one after the other with node's test runner,
// then stops the server. A file run alone (node --import tsx --test test/live/x.test.ts) starts
// its own. Files that need a pristine server call startZenmlServer({ fresh: true }).

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SHARED_SERVER_ENV, shareable, startZenmlServer } from './zenml-server';

async function main(): Promise<number> {
  const filter = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.ts'))
    .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
    .sort()
    .map((f) => path.join(__dirname, f));
  const started = Date.now();
  const server = await startZenmlServer({ fresh: true });
  console.log(`live: ZenML server ${server.url} ready in ${Math.round((Date.now() - started) / 1000)} s`);
  try {
    const code = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
        stdio: 'inherit',
        env: { ...process.env, [SHARED_SERVER_ENV]: shareable(server) },
      });
      child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
    });
    return code;
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
