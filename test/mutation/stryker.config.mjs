// Mutation testing (StrykerJS) of the engine folders with the unit tests: `npm run test:mutation`
// (test/mutation/run.mjs runs one Stryker per folder). Not part of CI: it is slow.
// The tap runner drives node:test files; test/mutation/build.mjs bundles each unit test file with the
// instrumented sources inside Stryker's sandbox so that a mutant run is a plain `node` start.
const folder = process.env.ZS_MUTATE_FOLDER ?? 'cron';
// ZS_MUTATE_CHUNK names a narrowed run (with ZS_MUTATE) so that its incremental file and reports stand
// beside the other chunks' instead of replacing them: a folder can be measured a few files at a time.
const chunk = process.env.ZS_MUTATE_CHUNK;
const out = chunk ? `.tools/mutation/${folder}/${chunk}` : `.tools/mutation/${folder}`;
// The unit test files aimed at each folder (a mutant runs only the files that cover it, and
// the first failing file ends its run): the whole unit suite would cost minutes per mutant.
export const TEST_FILES = {
  // cron-edges first: it is fast and pins exact outputs, so most mutants stop there.
  // orchestrator-zones holds the DST report's tests (src/cron/dst.ts): slower, so last.
  cron: ['cron-edges', 'cron-dst-exact', 'cron-quartz-parse', 'cron-quartz-truth', 'cron-explain-exact', 'cron-croniter-truth', 'cron-fields-exact', 'cron-airflow-truth', 'cron-croniter-dst-exact', 'cron-airflow-exact', 'cron-quartz-syntax-exact', 'cron-quartz-next-exact', 'cron-explain-notes-exact', 'cron-walk-exact', 'cron-zone-exact', 'cron-robfig-exact', 'cron-interval', 'airflow-window', 'cron', 'cron-engine', 'orchestrator-zones'],
  findings: ['findings-triggers-exact', 'findings-rules-exact', 'fixes-exact', 'findings', 'findings-e2e', 'fixes', 'findings-github', 'findings-rules', 'fixes-edits'],
  // Fast files first: with forceBail a killed mutant never reaches the slow incremental file.
  discovery: [
    'discovery-units',
    'discovery-names',
    'discovery-segments',
    'discovery-facts',
    'discovery-values',
    'discovery-yaml-exact',
    'discovery-pipelines',
    'discovery-module',
    'discovery-yaml',
    'discovery-fixtures',
    'discovery-python',
    'discovery-real-shapes',
    'notebook',
    'orchestrator-zones',
    'findings-github',
    'create-schedule',
    'discovery-incremental',
  ],
};

// Slow test files that a by-file chunk (ZS_MUTATE naming one file) runs only when it tests that file
// directly: a surviving mutant runs every covering file, and orchestrator-zones (about half of the cron
// files' time), create-schedule and discovery-incremental (over half of discovery's) would double what each survivor
// costs. Leaving a file out can only lower a chunk's score (a lower bound), never raise it.
const SLOW_ONLY_FOR = {
  'orchestrator-zones': ['src/cron/airflow.ts', 'src/cron/croniter.ts', 'src/cron/dst.ts', 'src/cron/zone.ts', 'src/discovery/databricksZone.ts', 'src/discovery/githubWorkflow.ts'],
  'create-schedule': ['src/discovery/pipelines.ts', 'src/discovery/index.ts'],
  'discovery-incremental': ['src/discovery/changes.ts', 'src/discovery/pythonSegments.ts', 'src/discovery/python.ts', 'src/discovery/index.ts'],
};
const single = process.env.ZS_MUTATE && !process.env.ZS_MUTATE.includes(',') ? process.env.ZS_MUTATE : undefined;
// ZS_MUTATE_SKIP_TESTS=a,b leaves those test files out (run.mjs --skip-tests): a quicker lower bound.
const skipped = (process.env.ZS_MUTATE_SKIP_TESTS ?? '').split(',').filter(Boolean);
const testNames = TEST_FILES[folder].filter(
  (name) => !skipped.includes(name) && (!single || !(name in SLOW_ONLY_FOR) || SLOW_ONLY_FOR[name].includes(single)),
);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  // ZS_MUTATE=src/cron/posix.ts,src/cron/walk.ts narrows a run to some files of the folder.
  mutate: process.env.ZS_MUTATE ? process.env.ZS_MUTATE.split(',') : [`src/${folder}/**/*.ts`],
  testRunner: 'tap',
  tap: {
    testFiles: testNames.map((name) => `test/unit/${name}.test.mut.cjs`),
    nodeArgs: ['--test-reporter=tap'],
    forceBail: true,
  },
  buildCommand: 'node test/mutation/build.mjs',
  // The TypeScript checker (drops mutants that do not type-check) kept one core busy and the test
  // workers waiting on it: a run took 3-4 times longer. It is opt-in (ZS_MUTATE_CHECK=1); without it a
  // mutant that would not compile still runs (esbuild strips types) and is almost always killed.
  ...(process.env.ZS_MUTATE_CHECK === '1'
    ? {
        checkers: ['typescript'],
        tsconfigFile: 'test/mutation/tsconfig.json',
        typescriptChecker: { prioritizePerformanceOverAccuracy: true },
      }
    : {}),
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.ZS_MUTATE_CONCURRENCY ?? 2),
  // A loaded machine makes slow runs look like endless loops (a timeout counts as killed): raise it there.
  timeoutMS: Number(process.env.ZS_MUTATE_TIMEOUT_MS ?? 5000),
  incremental: true,
  incrementalFile: `${out}/incremental.json`,
  tempDirName: '.tools/mutation/tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['/.tools', '/dist', '/media', '/out', '/test/e2e', '/test/integration', '/test-results', '*.vsix'],
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `${out}/report.html` },
  jsonReporter: { fileName: `${out}/report.json` },
  thresholds: { high: 80, low: 70, break: null },
};
