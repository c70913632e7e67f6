// Prints integration results (the JSON the suite's index writes) the same way
// for every host; the last line is exactly `N passed, N failed`.

/** Prints every test grouped by file and returns the number of failures (a run of zero tests counts as one). */
export function printResults(results) {
  let file = '';
  for (const test of results.tests) {
    if (test.file !== file) {
      file = test.file;
      console.log(`\n${file}`);
    }
    const mark = test.state === 'passed' ? '✓' : test.state === 'pending' ? '-' : '✗';
    console.log(`  ${mark} ${test.fullTitle} (${test.durationMs} ms)`);
    if (test.error) console.log(`      ${(test.error.stack ?? test.error.message).split('\n').slice(0, 12).join('\n      ')}`);
  }
  if (results.fatal) console.log(`\nThe suite could not run: ${results.fatal}`);
  if (results.failureDir) console.log(`\nLogs, console and a screenshot of the failure: ${results.failureDir}`);
  if (results.pending) console.log(`${results.pending} skipped`);
  // A run in which no test ran (a filter that matches nothing, a suite that registered no test)
  // proves nothing: it fails.
  const noneRan = !results.fatal && results.passed + results.failed === 0;
  if (noneRan) {
    console.log('\nNo test ran: check ZS_INTEGRATION_FILES / ZS_INTEGRATION_GREP (they must match at least one test).');
  }
  const failed = results.failed + (results.fatal || noneRan ? 1 : 0);
  console.log(`${results.passed} passed, ${failed} failed`);
  return failed;
}
