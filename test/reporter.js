'use strict';
// Mocha's spec reporter plus the plain closing line CI reads: `N passed, N failed`.
const Mocha = require('mocha');
const { EVENT_RUN_END, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let pending = 0;
    runner.on(EVENT_TEST_PENDING, () => pending++);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures } = runner.stats;
      // Pending tests did not run: they are reported as skipped, never as passed.
      process.stdout.write(`\n${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}\n`);
    });
  }
}
module.exports = SummaryReporter;
