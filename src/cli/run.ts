// The command line's dispatcher, importable and testable without spawning:
// `runCli(argv, io)` returns the exit code.

import packageJson from '../../package.json';
import { AGENDA_HELP, runAgenda } from './agenda';
import { EXIT_OK, EXIT_USAGE, UsageError } from './args';
import { CHECK_HELP, runCheck } from './check';
import { EXPLAIN_HELP, runExplain } from './explain';
import { processIo, type CliIo } from './io';
import { LIST_HELP, runList } from './list';
import { SCHEDULES_HELP, runSchedules } from './schedules';
import { processSchedulesDeps } from './schedulesDeps';

export const VERSION: string = packageJson.version;

export const GLOBAL_HELP = `Usage: zenml-schedules <command> [options]

Check and explain ZenML pipeline schedules, offline, on any folder.

Commands:
  explain <cron>      describe a cron expression in an orchestrator's dialect, with its next runs
  check <paths...>    report schedule problems in .py/.yaml/.yml/.ipynb files (exit 1 on errors)
  list <paths...>     list the schedules found, with their next run
  schedules <command> live schedules on ZenML servers: list, show, runs, pause,
                      resume, update, delete (zenml-schedules schedules --help)
  agenda <paths...>   every run in the next hours or days, collisions flagged (--ics for a calendar)

Options:
  -h, --help          show help (also: zenml-schedules <command> --help)
  -v, --version       show the version

Exit codes: 0 success, 1 invalid input, error findings or a refused change, 2 usage error,
3 a server cannot be reached or refused the credentials.
`;

type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  explain: { run: runExplain, help: EXPLAIN_HELP },
  check: { run: runCheck, help: CHECK_HELP },
  list: { run: runList, help: LIST_HELP },
  schedules: { run: (argv, io) => runSchedules(argv, io, processSchedulesDeps()), help: SCHEDULES_HELP },
  agenda: { run: runAgenda, help: AGENDA_HELP },
};

export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(GLOBAL_HELP);
    return EXIT_USAGE;
  }
  if (first === '-h' || first === '--help' || first === 'help') {
    const topic = first === 'help' ? COMMANDS[rest[0] ?? ''] : undefined;
    io.stdout(topic ? topic.help : GLOBAL_HELP);
    return EXIT_OK;
  }
  if (first === '-v' || first === '--version') {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS[first];
  if (!command) {
    io.stderr(`error: unknown command '${first}'\n\n${GLOBAL_HELP}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\nRun 'zenml-schedules ${first} --help' for usage.\n`);
      return EXIT_USAGE;
    }
    // An engine bug must still end with a message and a code, never a stack trace alone.
    io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
