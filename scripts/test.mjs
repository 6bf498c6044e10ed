// `npm test`: type check, lint (ESLint; dependency-cruiser's import rules), build, unit tests (plain node), integration tests
// (a real VS Code extension host, offline through code-server), the built .vsix installed and run there. Every stage
// runs even if an earlier one failed; the exit code is non-zero if any failed.
// Ends with the runners' closing lines and a total.
import { spawnSync } from 'node:child_process';
import { repoRoot } from './host.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const stages = [
  ['typecheck', npx, ['tsc', '--noEmit']],
  ['lint', npx, ['eslint', '.']],
  ['dependencies', npx, ['depcruise', 'src', '--config', '.dependency-cruiser.cjs']],
  ['build', process.execPath, ['esbuild.mjs']],
  ['compile-tests', npx, ['tsc', '-p', 'tsconfig.test.json']],
  ['unit', process.execPath, ['test/run-unit.mjs']],
  ['integration', process.execPath, ['test/integration/run-code-server.mjs']],
  // the web build (package.json browser) in code-server's web-worker extension host (about 40 s)
  ['integration-web', process.execPath, ['test/integration/run-web.mjs']],
  // npm run package, the .vsix installed into the real host, a document annotated (about 70 s)
  ['package', process.execPath, ['scripts/package.mjs', '--test']],
];
const only = process.argv.slice(2);
const summary = [];
let failedStages = 0;
let passed = 0;
let failed = 0;
for (const [name, cmd, args] of stages) {
  if (only.length > 0 && !only.includes(name)) continue;
  const t0 = Date.now();
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(r.stdout ?? '');
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const line = /^(unit|integration): (\d+) passed, (\d+) failed$/m.exec(r.stdout ?? '');
  if (line) {
    passed += Number(line[2]);
    failed += Number(line[3]);
    summary.push(`${line[0]}   (${seconds} s)`);
  }
  if (r.status !== 0) {
    failedStages++;
    console.error(`=== ${name} FAILED (exit ${r.status ?? r.signal}) after ${seconds} s`);
    if (!line) summary.push(`${name}: failed (exit ${r.status ?? r.signal})`);
  } else if (!line) summary.push(`${name}: ok   (${seconds} s)`);
}
console.log('\n' + summary.join('\n'));
if (failedStages > 0 && failed === 0) failed = failedStages;
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failedStages > 0 ? 1 : 0);
