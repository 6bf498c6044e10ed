// Runs the mocha unit tests over src/core (compiled to out/ by `npm run compile-tests`)
// in plain node and ends with the closing line CI reads: `unit: N passed, M failed`.
import { createRequire } from 'node:module';
import { readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const Mocha = require('mocha');
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'test', 'unit');
const grep = process.argv.includes('--grep') ? process.argv[process.argv.indexOf('--grep') + 1] : undefined;

function collect(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...collect(path));
    else if (name.endsWith('.test.js')) files.push(path);
  }
  return files.sort();
}

const mocha = new Mocha({ reporter: 'spec', timeout: 20000, grep });
let files = [];
try {
  files = collect(root);
} catch {
  console.error(`policy-lens: no compiled unit tests under ${root}; run \`npm run compile-tests\` first.`);
}
for (const f of files) mocha.addFile(f);
let passed = 0;
let failed = 0;
const runner = mocha.run(() => {
  console.log(`unit: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
});
runner.on('pass', () => passed++);
runner.on('fail', () => failed++);
