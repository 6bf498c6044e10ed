// Entry the extension host loads (extensionTestsPath): runs every
// *.test.js beside this file with mocha inside the real host and prints the
// closing line `integration: N passed, M failed`.
import * as fs from 'node:fs';
import * as path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
import Mocha = require('mocha');

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  const grep = process.env.POLICY_LENS_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const name of fs.readdirSync(__dirname).sort()) {
    if (name.endsWith('.test.js')) mocha.addFile(path.join(__dirname, name));
  }
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run(() => {
      console.log(`integration: ${passed} passed, ${failed} failed`);
      if (failed > 0) reject(new Error(`${failed} integration tests failed`));
      else if (passed === 0) reject(new Error('no integration test ran'));
      else resolve();
    });
    runner.on('pass', () => passed++);
    runner.on('fail', (test, err) => {
      failed++;
      console.log(`FAILED: ${test.fullTitle()}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    });
  });
}
