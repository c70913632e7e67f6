// What `schedules` needs from the process it runs in: the environment, whether a person
// can answer "are you sure?", and ZenML's client bridge for --python.

import * as readline from 'node:readline';
import { pythonClientBridge } from '../adapters/zenmlClientBridge';
import type { SchedulesDeps } from './schedules';

function ask(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
}

export function processSchedulesDeps(): SchedulesDeps {
  return {
    env: process.env,
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    confirm: ask,
    bridgeFor: (python) => pythonClientBridge(python, process.env),
  };
}
