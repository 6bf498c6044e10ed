// Entry the extension host loads for the installed-package run
// (test/integration/run-installed.mjs): runs installed.test.js with mocha and
// prints `integration: N passed, M failed`. The extension under test is the
// .vsix installed into the host's extensions folder, not the working tree.
import * as path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
import Mocha = require('mocha');

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'installed.test.js'));
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run(() => {
      console.log(`integration: ${passed} passed, ${failed} failed`);
      if (failed > 0) reject(new Error(`${failed} installed-package tests failed`));
      else if (passed === 0) reject(new Error('no installed-package test ran'));
      else resolve();
    });
    runner.on('pass', () => passed++);
    runner.on('fail', (test, err) => {
      failed++;
      console.log(`FAILED: ${test.fullTitle()}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    });
  });
}
