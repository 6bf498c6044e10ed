// The built package in the real host: installs a .vsix with
// `code-server --install-extension` into a scratch extensions folder, opens
// the workbench on a copy of samples/ with an empty development extension (so
// that the installed Policy Lens, not the working tree, is the one that runs)
// and the suite out/test/integration/installed. Ends with
// `integration: N passed, M failed`.
//   node test/integration/run-installed.mjs [FILE.vsix]
// Without a file: the linux-x64 package if `npm run package` made one, else the universal one.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureHost, repoRoot } from '../../scripts/host.mjs';
import { runSuiteInHost } from './suiteRunner.mjs';

const TIMEOUT_MS = Number(process.env.POLICY_LENS_INTEGRATION_TIMEOUT_MS ?? 5 * 60 * 1000);

function finish(passed, failed, code, reason) {
  if (reason) console.error(`integration (installed): ${reason}`);
  console.log(`integration: ${passed} passed, ${failed} failed`);
  process.exit(code);
}

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const candidates = [join(repoRoot, `${pkg.name}-linux-x64-${pkg.version}.vsix`), join(repoRoot, `${pkg.name}-${pkg.version}.vsix`)];
const vsix = process.argv[2] ? resolve(process.argv[2]) : candidates.find((f) => existsSync(f));
if (!vsix || !existsSync(vsix)) finish(0, 0, 1, `no .vsix (${process.argv[2] ?? candidates.join(' or ')}); run \`npm run package\``);
const testsPath = join(repoRoot, 'out', 'test', 'integration', 'installed', 'index.js');
if (!existsSync(testsPath)) finish(0, 0, 1, `compiled suite missing at ${testsPath}; run \`npm run compile-tests\``);

const hostDir = ensureHost();
const scratch = mkdtempSync(join(tmpdir(), 'policy-lens-installed-'));
const stateDir = join(scratch, 'state');
const extensionsDir = join(stateDir, 'exts');
mkdirSync(extensionsDir, { recursive: true });
const codeServer = join(hostDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const started = Date.now();
const install = spawnSync(process.execPath, [codeServer, '--user-data-dir', join(stateDir, 'user'), '--extensions-dir', extensionsDir, '--install-extension', vsix], { encoding: 'utf8' });
if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
  rmSync(scratch, { recursive: true, force: true });
  finish(0, 0, 1, `code-server --install-extension ${vsix} failed (exit ${install.status}): ${(install.stderr || install.stdout).trim()}`);
}
console.error(`installed ${vsix} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

// An empty extension as the development path: the test runner needs one; it contributes nothing.
const harness = join(scratch, 'harness');
mkdirSync(harness);
writeFileSync(join(harness, 'package.json'), JSON.stringify({ name: 'installed-harness', publisher: 'policy-lens-test', version: '0.0.0', engines: { vscode: '*' } }));
const workspace = join(scratch, 'workspace');
cpSync(join(repoRoot, 'samples'), workspace, { recursive: true });
process.env.POLICY_LENS_INSTALLED_EXTENSIONS = extensionsDir; // read by the suite (the extension host inherits it)

await runSuiteInHost({ hostDir, stateDir, scratch, workspace, extensionPath: harness, testsPath, timeoutMs: TIMEOUT_MS, started, what: 'install, host and suite', finish });
